import { InMemoryEngineStore } from '../../../local/asl/store';
import type { ExecutionRecord, StateMachineRecord } from '../../../local/asl/store';

const machine: StateMachineRecord = {
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:demo',
  name: 'demo',
  definition: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}',
  roleArn: 'arn:aws:iam::123456789012:role/demo',
  type: 'STANDARD',
  creationDate: new Date('2024-01-01T00:00:00Z'),
};

const execution: ExecutionRecord = {
  executionArn: 'arn:aws:states:us-east-1:123456789012:execution:demo:run-1',
  stateMachineArn: machine.stateMachineArn,
  name: 'run-1',
  type: 'STANDARD',
  status: 'RUNNING',
  startDate: new Date('2024-01-01T00:00:01Z'),
  input: '{}',
  redriveCount: 0,
};

describe('Class: InMemoryEngineStore', () => {
  it('returns saved records from load, with dates intact', async () => {
    // Prepare
    const store = new InMemoryEngineStore();

    // Act
    await store.saveStateMachine(machine);
    await store.saveExecution(execution);
    await store.saveExecution({ ...execution, status: 'SUCCEEDED', output: '{}', stopDate: new Date('2024-01-01T00:00:02Z') });
    const snapshot = await store.load();

    // Assess
    expect(snapshot.stateMachines).toEqual([machine]);
    expect(snapshot.executions).toHaveLength(1);
    expect(snapshot.executions[0].status).toBe('SUCCEEDED');
    expect(snapshot.executions[0].startDate).toBeInstanceOf(Date);
  });

  it('copies records so later mutation does not change what is stored', async () => {
    // Prepare
    const store = new InMemoryEngineStore();
    const record = { ...execution };

    // Act
    await store.saveExecution(record);
    record.status = 'FAILED';
    const { executions } = await store.load();
    executions[0].name = 'changed';

    // Assess
    expect((await store.load()).executions[0]).toMatchObject({ status: 'RUNNING', name: 'run-1' });
  });

  it('appends history in order and reads it back per execution', async () => {
    // Prepare
    const store = new InMemoryEngineStore();
    const at = new Date('2024-01-01T00:00:01Z');

    // Act
    await store.appendHistory(execution.executionArn, [{ id: 1, type: 'ExecutionStarted', timestamp: at }]);
    await store.appendHistory(execution.executionArn, [{ id: 2, previousEventId: 1, type: 'ExecutionSucceeded', timestamp: at }]);

    // Assess
    expect((await store.readHistory(execution.executionArn)).map((event) => event.type)).toEqual(['ExecutionStarted', 'ExecutionSucceeded']);
    expect(await store.readHistory('arn:aws:states:us-east-1:123456789012:execution:demo:other')).toEqual([]);
  });

  it('deletes a state machine', async () => {
    // Prepare
    const store = new InMemoryEngineStore();
    await store.saveStateMachine(machine);

    // Act
    await store.deleteStateMachine(machine.stateMachineArn);

    // Assess
    expect((await store.load()).stateMachines).toEqual([]);
  });
});
