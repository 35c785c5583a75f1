/**
 * The `asl` command spawned as a process: execute (one definition, cases, mocks, history), its exit codes, and
 * serve (ready line, the SDK against it, a hard kill and a restart on the same state directory).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { stepFunctionsClientConfig } from '../../local/endpoints/stepfunctions';

// Spawned processes (the AWS CLI, tsx) take seconds each on a loaded machine; this bounds a hang, it times nothing.
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../..');
const ENTRY = join(ROOT, 'local/cli/asl.ts');

type Finished = { code: number | null; stdout: string; stderr: string };

/** Runs `asl …` to its end (node with the tsx loader, so a kill reaches the process itself, not a wrapper). */
const asl = (args: string[], options: { viaNpm?: boolean } = {}): Promise<Finished> =>
  new Promise((done, fail) => {
    const child = options.viaNpm
      ? spawn('npm', ['run', '--silent', 'asl', '--', ...args], { cwd: ROOT })
      : spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });

const resultLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** A running `asl serve` and the URL its ready lines announced. */
type Server = { child: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> };

const serve = (stateDir: string): Promise<Server> =>
  new Promise((ready, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'serve', '--port', '0', '--state-dir', stateDir], { cwd: ROOT });
    let stderr = '';
    const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const url = /Step Functions endpoint (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url !== undefined && /ready in \d+ ms/.test(stderr)) ready({ child, url, stderr: () => stderr, exited });
    });
    child.on('error', fail);
    void exited.then((code) => fail(new Error(`asl serve exited with ${String(code)} before it was ready:\n${stderr}`)));
  });

/** Waits for a condition on disk, checking every 20 ms for at most `limitMs`. */
const until = async (condition: () => Promise<boolean>, limitMs = 10_000): Promise<void> => {
  for (let waited = 0; waited < limitMs; waited += 20) {
    if (await condition()) return;
    await delay(20);
  }
  throw new Error(`condition not met within ${limitMs} ms`);
};

describe('Feature: asl command', () => {
  let directory: string;
  const write = async (name: string, content: unknown): Promise<string> => {
    const path = join(directory, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'asl-cli-'));
    await write('greet.asl.json', {
      QueryLanguage: 'JSONata',
      StartAt: 'Greet',
      States: { Greet: { Type: 'Pass', Output: "{% {'greeting': 'hello ' & $states.input.name} %}", End: true } },
    });
    await write('reject.asl.json', { StartAt: 'Reject', States: { Reject: { Type: 'Fail', Error: 'Customer.NotEntitled', Cause: 'licence expired' } } });
    await write('input.json', { name: 'Ada' });
    await write('analysis.asl.json', {
      StartAt: 'Split source',
      States: {
        'Split source': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:split', 'Payload.$': '$' },
          ResultSelector: { 'units.$': '$.Payload.units' },
          End: true,
        },
      },
    });
    await write('mocks.json', {
      StateMachines: { analysis: { TestCases: { HappyPath: { 'Split source': 'SplitOk' }, Outage: { 'Split source': 'SplitDown' } } } },
      MockedResponses: {
        SplitOk: { '0': { Return: { StatusCode: 200, Payload: { units: 42 } } } },
        SplitDown: { '0': { Throw: { Error: 'Lambda.ServiceException', Cause: 'service unavailable' } } },
      },
    });
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('documents commands and exit codes in --help, run through npm', async () => {
    // Act
    const { code, stdout } = await asl(['--help'], { viaNpm: true });

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('execute');
    expect(stdout).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*setup or usage error.*\n\s+2 .*failed/);
  });

  it('prints the result of a successful execution and exits 0', async () => {
    // Act
    const { code, stdout } = await asl(['execute', '--definition', join(directory, 'greet.asl.json'), '--input', join(directory, 'input.json')]);

    // Assess
    expect(code).toBe(0);
    expect(resultLines(stdout)).toEqual([{ status: 'SUCCEEDED', output: { greeting: 'hello Ada' }, error: null, cause: null }]);
  });

  it('prints a failed execution with its history and exits 2', async () => {
    // Act
    const { code, stdout } = await asl(['execute', '--definition', join(directory, 'reject.asl.json'), '--history']);

    // Assess
    const [result] = resultLines(stdout);
    expect(code).toBe(2);
    expect(result).toMatchObject({ status: 'FAILED', output: null, error: 'Customer.NotEntitled', cause: 'licence expired' });
    expect((result.history as { type: string }[]).map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
  });

  it('runs every case of a JSON Lines file and prints the results in order', async () => {
    // Prepare
    const cases = await write(
      'cases.jsonl',
      [
        { id: 'ada', definition: 'greet.asl.json', input: { name: 'Ada' } },
        { id: 2, definition: { StartAt: 'Nope', States: { Nope: { Type: 'Fail', Error: 'E', Cause: 'c' } } } },
        { id: 'lin', definition: 'greet.asl.json', input: { name: 'Lin' } },
      ]
        .map((entry) => JSON.stringify(entry))
        .join('\n')
    );

    // Act
    const { code, stdout } = await asl(['execute', '--cases', cases]);

    // Assess
    expect(code).toBe(2);
    expect(resultLines(stdout)).toEqual([
      { id: 'ada', status: 'SUCCEEDED', output: { greeting: 'hello Ada' }, error: null, cause: null },
      { id: 2, status: 'FAILED', output: null, error: 'E', cause: 'c' },
      { id: 'lin', status: 'SUCCEEDED', output: { greeting: 'hello Lin' }, error: null, cause: null },
    ]);
  });

  it('reports a refused and a never-ending case of a batch as their result lines and runs every other case', async () => {
    // Prepare
    const cases = await write(
      'batch.jsonl',
      [
        { id: 'before', definition: 'greet.asl.json', input: { name: 'Ada' } },
        { id: 'refused', definition: { StartAt: 'Missing', States: { Here: { Type: 'Succeed' } } } },
        { id: 'forever', definition: { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 99999999, End: true } } } },
        { id: 'after', definition: 'greet.asl.json', input: { name: 'Lin' } },
      ]
        .map((entry) => JSON.stringify(entry))
        .join('\n')
    );

    // Act
    const { code, stdout, stderr } = await asl(['execute', '--cases', cases, '--case-timeout', '1'], { viaNpm: true });

    // Assess
    expect(code).toBe(2);
    expect(stderr).toBe('');
    expect(resultLines(stdout)).toEqual([
      { id: 'before', status: 'SUCCEEDED', output: { greeting: 'hello Ada' }, error: null, cause: null },
      { id: 'refused', status: 'REJECTED', output: null, error: 'InvalidDefinition', cause: expect.stringContaining(`${cases}:2: Invalid State Machine Definition`) },
      { id: 'forever', status: 'TIMED_OUT', output: null, error: 'Local.CaseTimeout', cause: expect.stringContaining('case time limit of 1 seconds') },
      { id: 'after', status: 'SUCCEEDED', output: { greeting: 'hello Lin' }, error: null, cause: null },
    ]);
  });

  it.each([
    ['HappyPath', 0, { status: 'SUCCEEDED', output: { units: 42 }, error: null, cause: null }],
    ['Outage', 2, { status: 'FAILED', output: null, error: 'Lambda.ServiceException', cause: 'service unavailable' }],
  ])('answers Task states from the mock config test case %s', async (testCase, exitCode, result) => {
    // Act
    const { code, stdout } = await asl([
      'execute',
      '--definition',
      join(directory, 'analysis.asl.json'),
      '--mock-config',
      join(directory, 'mocks.json'),
      '--test-case',
      testCase,
    ]);

    // Assess
    expect(code).toBe(exitCode);
    expect(resultLines(stdout)).toEqual([result]);
  });

  it.each([
    ['a missing definition file', ['execute', '--definition', 'does-not-exist.asl.json'], 'does-not-exist.asl.json: cannot read the definition (ENOENT)'],
    ['an invalid definition', ['execute', '--definition', '{dir}/bad.asl.json'], 'invalid definition'],
    ['an unknown test case', ['execute', '--definition', '{dir}/analysis.asl.json', '--mock-config', '{dir}/mocks.json', '--test-case', 'Nope'], 'Nope'],
    ['an unknown option', ['execute', '--definitions', 'x'], "Unknown option '--definitions'"],
  ])('exits 1 with the reason on stderr and nothing on stdout for %s', async (_case, args, message) => {
    // Prepare
    await write('bad.asl.json', { StartAt: 'Missing', States: { Here: { Type: 'Succeed' } } });

    // Act
    const { code, stdout, stderr } = await asl(args.map((arg) => arg.replace('{dir}', directory)));

    // Assess
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('serves the SDK, and after a hard kill reports the running execution ABORTED on restart', async () => {
    // Prepare
    const stateDir = join(directory, 'state');
    const first = await serve(stateDir);
    const sfn = new SFNClient({ ...stepFunctionsClientConfig(first.url), maxAttempts: 1 });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'waiting',
        definition: JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 3600, End: true } } }),
        roleArn: 'arn:aws:iam::123456789012:role/local',
      })
    );
    const { executionArn = '' } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'long', input: '{}' }));
    const historyFile = join(stateDir, 'history', `${createHash('sha256').update(executionArn).digest('hex')}.jsonl`);
    await until(async () => (await readFile(historyFile, 'utf8').catch(() => '')).includes('WaitStateEntered'));
    sfn.destroy();

    // Act
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await serve(stateDir);
    const client = new SFNClient({ ...stepFunctionsClientConfig(second.url), maxAttempts: 1 });
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    client.destroy();
    second.child.kill('SIGTERM');
    const exitCode = await second.exited;

    // Assess
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Local.EngineRestarted' });
    expect(events.map((event) => event.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
    expect(second.stderr()).toContain('1 execution(s) left running by the previous process marked ABORTED');
    expect(second.stderr()).toContain('[asl] stopped');
    expect(exitCode).toBe(0);
  });
});
