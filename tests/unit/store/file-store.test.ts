import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionRecord, MapRunCounts, MapRunRecord, StateMachineRecord } from '../../../local/asl/store';
import {
  CorruptRecordError,
  FileEngineStore,
  INTERRUPTED_ERROR,
  StateDirectoryLockedError,
  StoreClosedError,
} from '../../../local/store';

const machine: StateMachineRecord = {
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:demo',
  name: 'demo',
  definition: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}',
  roleArn: 'arn:aws:iam::123456789012:role/demo',
  type: 'STANDARD',
  creationDate: new Date('2024-01-01T00:00:00.125Z'),
};

const execution = (name: string, overrides: Partial<ExecutionRecord> = {}): ExecutionRecord => ({
  executionArn: `arn:aws:states:us-east-1:123456789012:execution:demo:${name}`,
  stateMachineArn: machine.stateMachineArn,
  name,
  type: 'STANDARD',
  status: 'RUNNING',
  startDate: new Date('2024-01-01T00:00:01Z'),
  input: '{"customer":"c-1"}',
  redriveCount: 0,
  ...overrides,
});

const event = (id: number, type: HistoryEvent['type'], at: string): HistoryEvent => ({
  id,
  previousEventId: id - 1,
  timestamp: new Date(at),
  type,
});

const counts = (overrides: Partial<MapRunCounts>): MapRunCounts => ({
  pending: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total: 0,
  resultsWritten: 0,
  failuresNotRedrivable: 0,
  pendingRedrive: 0,
  ...overrides,
});

const mapRun = (parent: ExecutionRecord): MapRunRecord => ({
  mapRunArn: `arn:aws:states:us-east-1:123456789012:mapRun:demo/Analyze:${parent.name}`,
  executionArn: parent.executionArn,
  stateMachineArn: `${machine.stateMachineArn}/Analyze`,
  status: 'RUNNING',
  startDate: new Date('2024-01-01T00:00:02Z'),
  maxConcurrency: 10,
  toleratedFailurePercentage: 0,
  toleratedFailureCount: 0,
  itemCounts: counts({ running: 3, succeeded: 7, total: 10 }),
  executionCounts: counts({ running: 1, succeeded: 2, total: 3 }),
  redriveCount: 0,
});

/** The pid of a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 999_999;

describe('Class: FileEngineStore', () => {
  let directory: string;
  const opened: FileEngineStore[] = [];
  const open = async (options?: Parameters<typeof FileEngineStore.open>[1]): Promise<FileEngineStore> => {
    const store = await FileEngineStore.open(directory, options);
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'file-store-'));
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps records and histories across a reopen, dates intact', async () => {
    // Prepare
    const first = await open();
    const done = execution('run-1', { status: 'SUCCEEDED', output: '{"ok":true}', stopDate: new Date('2024-01-01T00:00:03Z') });
    const history = [
      event(1, 'ExecutionStarted', '2024-01-01T00:00:01Z'),
      event(2, 'PassStateEntered', '2024-01-01T00:00:02Z'),
      event(3, 'ExecutionSucceeded', '2024-01-01T00:00:03Z'),
    ];
    await first.saveStateMachine(machine);
    await first.saveExecution(execution('run-1'));
    await first.appendHistory(done.executionArn, history.slice(0, 2));
    await first.appendHistory(done.executionArn, history.slice(2));
    await first.saveExecution(done);
    await first.close();

    // Act
    const second = await open();
    const snapshot = await second.load();
    const replayed = await second.readHistory(done.executionArn);

    // Assess
    expect(snapshot).toEqual({ stateMachines: [machine], executions: [done], mapRuns: [] });
    expect(snapshot.stateMachines[0].creationDate).toBeInstanceOf(Date);
    expect(replayed).toEqual(history);
    expect(second.recovery).toEqual({ abortedExecutionArns: [], abortedExecutions: [], abortedMapRunArns: [] });
  });

  it('keeps each history in order while more executions append than files stay open', async () => {
    // Prepare
    const store = await open({ maxOpenHistoryFiles: 2 });
    const names = ['a', 'b', 'c', 'd', 'e'];

    // Act
    for (let id = 1; id <= 4; id += 1)
      for (const name of names)
        await store.appendHistory(execution(name).executionArn, [event(id, 'PassStateEntered', '2024-01-01T00:00:00Z')]);

    // Assess
    for (const name of names) {
      const ids = (await store.readHistory(execution(name).executionArn)).map((entry) => entry.id);
      expect(ids).toEqual([1, 2, 3, 4]);
    }
  });

  it('returns an empty history for an execution it knows nothing of', async () => {
    // Act
    const history = await (await open()).readHistory(execution('unknown').executionArn);

    // Assess
    expect(history).toEqual([]);
  });

  it('forgets a deleted state machine', async () => {
    // Prepare
    const store = await open();
    await store.saveStateMachine(machine);

    // Act
    await store.deleteStateMachine(machine.stateMachineArn);

    // Assess
    expect((await store.load()).stateMachines).toEqual([]);
  });

  it('aborts executions and map runs a stopped process left running, closing their history', async () => {
    // Prepare
    const first = await open();
    const running = execution('run-2');
    const finished = execution('run-3', { status: 'FAILED', error: 'X', cause: 'y', stopDate: new Date('2024-01-01T00:00:09Z') });
    await first.saveExecution(running);
    await first.saveExecution(finished);
    await first.saveMapRun(mapRun(running));
    await first.appendHistory(running.executionArn, [
      event(1, 'ExecutionStarted', '2024-01-01T00:00:01Z'),
      event(2, 'MapRunStarted', '2024-01-01T00:00:05Z'),
    ]);
    await first.close();
    // A crash in the middle of an append leaves a torn last line.
    const [historyFile] = await readdir(join(directory, 'history'));
    await appendFile(join(directory, 'history', historyFile), '{"id":3,"previousEv');

    // Act
    const second = await open({ now: () => new Date('2024-02-01T00:00:00Z') });
    const snapshot = await second.load();
    const history = await second.readHistory(running.executionArn);

    // Assess
    const aborted = snapshot.executions.find((record) => record.executionArn === running.executionArn);
    expect(aborted).toEqual({
      ...running,
      status: 'ABORTED',
      stopDate: new Date('2024-01-01T00:00:05Z'),
      error: INTERRUPTED_ERROR,
      cause: expect.stringContaining('detected at 2024-02-01T00:00:00.000Z'),
    });
    expect(snapshot.executions.find((record) => record.executionArn === finished.executionArn)).toEqual(finished);
    expect(history.map((entry) => [entry.id, entry.previousEventId, entry.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 1, 'MapRunStarted'],
      [3, 2, 'ExecutionAborted'],
    ]);
    expect(history[2].executionAbortedEventDetails).toEqual({ error: INTERRUPTED_ERROR, cause: aborted?.cause });
    expect(snapshot.mapRuns[0]).toMatchObject({
      status: 'ABORTED',
      stopDate: new Date('2024-01-01T00:00:05Z'),
      itemCounts: { running: 0, aborted: 3, succeeded: 7, total: 10 },
      executionCounts: { running: 0, aborted: 1, succeeded: 2, total: 3 },
    });
    expect(second.recovery).toEqual({
      abortedExecutionArns: [running.executionArn],
      abortedExecutions: [aborted],
      abortedMapRunArns: [mapRun(running).mapRunArn],
    });
  });

  it('refuses a directory another open store holds', async () => {
    // Prepare
    await open();

    // Act
    const failure = await FileEngineStore.open(directory).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(StateDirectoryLockedError);
    expect((failure as StateDirectoryLockedError).ownerPid).toBe(process.pid);
  });

  it('takes over the lock of a process that is gone', async () => {
    // Prepare
    await (await open()).close();
    await writeFile(join(directory, 'engine.lock'), `${deadPid()}\n`);

    // Act
    const store = await open();

    // Assess
    expect(await readFile(join(directory, 'engine.lock'), 'utf8')).toBe(`${process.pid}\n`);
    expect(store.directory).toBe(directory);
  });

  it('removes temporary files an interrupted write left behind', async () => {
    // Prepare
    await (await open()).close();
    await writeFile(join(directory, 'executions', 'abc.json.tmp-1-1'), '{"half":');

    // Act
    await open();

    // Assess
    expect(await readdir(join(directory, 'executions'))).toEqual([]);
  });

  it('names the file of a corrupt record', async () => {
    // Prepare
    await (await open()).close();
    const path = join(directory, 'state-machines', 'bad.json');
    await writeFile(path, 'not json');
    const store = await open();

    // Act
    const failure = await store.load().catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(CorruptRecordError);
    expect((failure as CorruptRecordError).path).toBe(path);
  });

  it('refuses calls after close', async () => {
    // Prepare
    const store = await open();
    await store.close();

    // Act
    const failure = await store.saveStateMachine(machine).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(StoreClosedError);
    expect((failure as StoreClosedError).operation).toBe('saveStateMachine');
  });
});
