/**
 * The engine's control plane: StepFunctionsApi operations, their AWS error names, idempotency, pagination and the
 * shape of the history events.
 */
import { ApiError, InMemoryEngineStore } from '../../local/asl';
import { ROLE_ARN, createMachine, eventTypes, eventually, integration, testEngine } from './helpers/engine';

const passMachine = { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } };
const waitMachine = { StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: 100000, End: true } } };

describe('Class: Engine', () => {
  describe('createStateMachine()', () => {
    it('refuses an invalid definition with InvalidDefinition naming every problem and where it is', async () => {
      // Prepare
      const engine = testEngine();
      const definition = {
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', InputPath: '$.x', Next: 'Missing' },
          B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { x: '{% 1 + %}' }, Retry: [{ ErrorEquals: ['States.ALL', 'X'] }], End: true },
        },
      };

      // Act
      const create = engine.createStateMachine({ name: 'bad', definition: JSON.stringify(definition), roleArn: ROLE_ARN });

      // Assess
      await expect(create).rejects.toBeInstanceOf(ApiError);
      await expect(create).rejects.toMatchObject({ name: 'InvalidDefinition' });
      const { message } = (await create.catch((error: Error) => error)) as Error;
      expect(message).toContain('/States/A/InputPath: InputPath can only be used in JSONPath states');
      expect(message).toContain('/States/B/Arguments/x: the JSONata expression does not parse');
      expect(message).toContain('/States/B/Retry[0]/ErrorEquals: States.ALL must appear alone');
      expect(message).toContain("/States/A/Next: the state 'Missing' does not exist in this state list");
    });

    it.each([
      ['a name with a space', { name: 'has space' }, 'InvalidName'],
      ['a definition that is not JSON', { definition: '{nope' }, 'InvalidDefinition'],
      ['a role that is not an IAM role ARN', { roleArn: 'role' }, 'InvalidArn'],
      ['a JSONPath state under a JSONata top level', { definition: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } }) }, 'InvalidDefinition'],
      ['a Distributed Map field on an inline Map', { definition: JSON.stringify({ StartAt: 'M', States: { M: { Type: 'Map', ToleratedFailureCount: 1, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } }) }, 'InvalidDefinition'],
      ['a reserved variable name', { definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Assign: { states: 1 }, End: true } } }) }, 'InvalidDefinition'],
    ])('refuses %s', async (_what, change, name) => {
      // Prepare
      const engine = testEngine();

      // Act
      const create = engine.createStateMachine({ name: 'm', definition: JSON.stringify(passMachine), roleArn: ROLE_ARN, ...change });

      // Assess
      await expect(create).rejects.toMatchObject({ name });
    });

    it('returns the existing machine for the same request and refuses a different one with StateMachineAlreadyExists', async () => {
      // Prepare
      const engine = testEngine();
      const first = await createMachine(engine, passMachine, 'same');

      // Act
      const again = await createMachine(engine, passMachine, 'same');
      const different = createMachine(engine, waitMachine, 'same');

      // Assess
      expect(again).toBe(first);
      await expect(different).rejects.toMatchObject({ name: 'StateMachineAlreadyExists' });
    });
  });

  describe('state machine operations', () => {
    it('describes, lists, updates and deletes state machines', async () => {
      // Prepare
      const engine = testEngine();
      const arn = await createMachine(engine, passMachine, 'alpha');
      await createMachine(engine, passMachine, 'beta', 'EXPRESS');

      // Act
      const described = await engine.describeStateMachine({ stateMachineArn: arn });
      const listed = await engine.listStateMachines({});
      await engine.updateStateMachine({ stateMachineArn: arn, definition: JSON.stringify(waitMachine) });
      const updated = await engine.describeStateMachine({ stateMachineArn: arn });
      await engine.deleteStateMachine({ stateMachineArn: arn });
      const afterDelete = engine.describeStateMachine({ stateMachineArn: arn });

      // Assess
      expect(described).toMatchObject({ name: 'alpha', type: 'STANDARD', status: 'ACTIVE', roleArn: ROLE_ARN, definition: JSON.stringify(passMachine) });
      expect(listed.stateMachines?.map((machine) => [machine.name, machine.type])).toEqual([['alpha', 'STANDARD'], ['beta', 'EXPRESS']]);
      expect(updated.definition).toBe(JSON.stringify(waitMachine));
      await expect(afterDelete).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    });

    it.each([
      ['a malformed ARN', 'InvalidArn', 'arn:aws:states:us-east-1:123456789012:nothing:x'],
      ['an unknown machine', 'StateMachineDoesNotExist', 'arn:aws:states:us-east-1:123456789012:stateMachine:ghost'],
    ])('answers DescribeStateMachine for %s with %s', async (_what, name, stateMachineArn) => {
      // Prepare
      const engine = testEngine();

      // Act
      const describe = engine.describeStateMachine({ stateMachineArn });

      // Assess
      await expect(describe).rejects.toMatchObject({ name });
    });
  });

  describe('startExecution()', () => {
    it('returns the same execution for the same name and input while it runs (STANDARD), and ExecutionAlreadyExists otherwise', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, waitMachine);
      const first = await engine.startExecution({ stateMachineArn, name: 'c1-r1', input: '{"a":1}' });

      // Act
      const same = await engine.startExecution({ stateMachineArn, name: 'c1-r1', input: '{"a":1}' });
      const otherInput = engine.startExecution({ stateMachineArn, name: 'c1-r1', input: '{"a":2}' });
      await engine.stopExecution({ executionArn: first.executionArn });
      const afterStop = engine.startExecution({ stateMachineArn, name: 'c1-r1', input: '{"a":1}' });

      // Assess
      expect(same.executionArn).toBe(first.executionArn);
      expect(first.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:tests:c1-r1');
      await expect(otherInput).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
      await expect(afterStop).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    });

    it('starts a new EXPRESS execution for a repeated name, with a unique ARN', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, passMachine, 'fast', 'EXPRESS');

      // Act
      const first = await engine.startExecution({ stateMachineArn, name: 'n', input: '{}' });
      const second = await engine.startExecution({ stateMachineArn, name: 'n', input: '{}' });

      // Assess
      expect(first.executionArn).not.toBe(second.executionArn);
      expect(first.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:fast:n:[0-9a-f-]{36}$/);
    });

    it.each([
      ['input that is not JSON', { input: '{x' }, 'InvalidExecutionInput'],
      ['input over 256 KiB', { input: JSON.stringify('x'.repeat(262_144)) }, 'InvalidExecutionInput'],
      ['a name with a slash', { name: 'a/b' }, 'InvalidName'],
    ])('refuses %s', async (_what, change, name) => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, passMachine);

      // Act
      const start = engine.startExecution({ stateMachineArn, ...change });

      // Assess
      await expect(start).rejects.toMatchObject({ name });
    });
  });

  describe('startSyncExecution()', () => {
    it('runs an EXPRESS machine to its end and refuses a STANDARD one', async () => {
      // Prepare
      const engine = testEngine();
      const express = await createMachine(engine, { StartAt: 'A', States: { A: { Type: 'Pass', Result: { ok: 1 }, End: true } } }, 'sync', 'EXPRESS');
      const standard = await createMachine(engine, passMachine, 'std');

      // Act
      const result = await engine.startSyncExecution({ stateMachineArn: express, input: '{}' });
      const refused = engine.startSyncExecution({ stateMachineArn: standard });

      // Assess
      expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":1}' });
      expect(result.stopDate).toBeInstanceOf(Date);
      await expect(refused).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
    });
  });

  describe('stopExecution()', () => {
    it('aborts a running execution with the given error and cause, closing its history at once as AWS does (ExecutionAborted after WaitStateEntered, linked to no event)', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, waitMachine);
      const { executionArn } = await engine.startExecution({ stateMachineArn });

      // Act
      const { stopDate } = await engine.stopExecution({ executionArn, error: 'Cancelled', cause: 'by the operator' });
      const result = await engine.describeExecution({ executionArn });

      // Assess
      expect(stopDate).toBeInstanceOf(Date);
      expect(result).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'by the operator' });
      expect(await eventTypes(engine, executionArn)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
      const { events } = await engine.getExecutionHistory({ executionArn });
      expect(events?.map((event) => event.previousEventId)).toEqual([0, 0, 0]);
    });

    it('aborts the running task of an execution through its signal', async () => {
      // Prepare
      let aborted = false;
      const engine = testEngine({
        Work: integration((request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => ((aborted = true), reject(request.signal.reason))))),
      });
      const stateMachineArn = await createMachine(engine, { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } } });
      const { executionArn } = await engine.startExecution({ stateMachineArn });
      await eventually(async () => (await eventTypes(engine, executionArn)).includes('TaskStarted'));

      // Act
      await engine.stopExecution({ executionArn });

      // Assess
      expect(aborted).toBe(true);
      expect(await eventTypes(engine, executionArn)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'ExecutionAborted']);
    });
  });

  describe('getExecutionHistory()', () => {
    it('returns events with ids, previousEventId, dates and typed details with JSON input and output', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { v: 1 }, Result: { r: 2 }, End: true } } });
      const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"in":true}' });
      await engine.waitForExecution(executionArn);

      // Act
      const { events } = await engine.getExecutionHistory({ executionArn });

      // Assess
      expect(events?.map((event) => [event.id, event.previousEventId])).toEqual([[1, 0], [2, 0], [3, 2], [4, 3]]);
      expect(events?.every((event) => event.timestamp instanceof Date)).toBe(true);
      expect(events?.[0].executionStartedEventDetails).toEqual({ input: '{"in":true}', inputDetails: { truncated: false }, roleArn: ROLE_ARN });
      expect(events?.[1].stateEnteredEventDetails).toEqual({ name: 'A', input: '{"in":true}', inputDetails: { truncated: false } });
      expect(events?.[2].stateExitedEventDetails).toEqual({
        name: 'A',
        output: '{"r":2}',
        outputDetails: { truncated: false },
        assignedVariables: { v: '1' },
        assignedVariablesDetails: { truncated: false },
      });
      expect(events?.[3].executionSucceededEventDetails).toEqual({ output: '{"r":2}', outputDetails: { truncated: false } });
    });

    it('pages with maxResults and nextToken, in reverse order on request, and without data when asked', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Pass', End: true } } });
      const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"secret":1}' });
      await engine.waitForExecution(executionArn);

      // Act
      const ids: number[] = [];
      let nextToken: string | undefined;
      do {
        const page = await engine.getExecutionHistory({ executionArn, maxResults: 3, reverseOrder: true, nextToken });
        ids.push(...(page.events ?? []).map((event) => event.id as number));
        nextToken = page.nextToken;
      } while (nextToken);
      const withoutData = await engine.getExecutionHistory({ executionArn, includeExecutionData: false });
      const badToken = engine.getExecutionHistory({ executionArn, nextToken: 'garbage' });

      // Assess
      expect(ids).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      expect(JSON.stringify(withoutData.events)).not.toContain('secret');
      expect(withoutData.events?.[1].stateEnteredEventDetails).toEqual({ name: 'A' });
      await expect(badToken).rejects.toMatchObject({ name: 'InvalidToken' });
    });

    it('hands out copies: changing an event it returned changes nothing it answers later', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
      const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"n":1}' });
      await engine.waitForExecution(executionArn);
      const first = await engine.getExecutionHistory({ executionArn });

      // Act
      const entered = first.events?.[1].stateEnteredEventDetails;
      if (entered?.inputDetails) entered.inputDetails.truncated = true;
      if (entered) entered.input = '{"n":2}';
      first.events?.[1].timestamp?.setTime(0);
      const second = await engine.getExecutionHistory({ executionArn });

      // Assess
      expect(second.events?.[1].stateEnteredEventDetails).toEqual({ name: 'A', input: '{"n":1}', inputDetails: { truncated: false } });
      expect(second.events?.[1].timestamp?.getTime()).not.toBe(0);
    });

    it('answers ExecutionDoesNotExist and InvalidArn for unknown and malformed execution ARNs', async () => {
      // Prepare
      const engine = testEngine();

      // Act
      const unknown = engine.getExecutionHistory({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:m:none' });
      const malformed = engine.describeExecution({ executionArn: 'execution' });

      // Assess
      await expect(unknown).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
      await expect(malformed).rejects.toMatchObject({ name: 'InvalidArn' });
    });
  });

  describe('listExecutions()', () => {
    it('lists a machine\'s executions newest first, filters by status and pages', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'F' }], Default: 'S' }, F: { Type: 'Fail', Error: 'E' }, S: { Type: 'Succeed' } } });
      for (const [name, fail] of [['one', false], ['two', true], ['three', false]] as const) {
        const { executionArn } = await engine.startExecution({ stateMachineArn, name, input: JSON.stringify({ fail }) });
        await engine.waitForExecution(executionArn);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }

      // Act
      const all = await engine.listExecutions({ stateMachineArn });
      const failed = await engine.listExecutions({ stateMachineArn, statusFilter: 'FAILED' });
      const firstPage = await engine.listExecutions({ stateMachineArn, maxResults: 2 });
      const secondPage = await engine.listExecutions({ stateMachineArn, maxResults: 2, nextToken: firstPage.nextToken });

      // Assess
      expect(all.executions?.map((execution) => execution.name)).toEqual(['three', 'two', 'one']);
      expect(failed.executions?.map((execution) => execution.name)).toEqual(['two']);
      expect([...(firstPage.executions ?? []), ...(secondPage.executions ?? [])].map((execution) => execution.name)).toEqual(['three', 'two', 'one']);
      expect(secondPage.nextToken).toBeUndefined();
    });

    it('refuses to list the executions of an EXPRESS machine', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, passMachine, 'quick', 'EXPRESS');

      // Act
      const list = engine.listExecutions({ stateMachineArn });

      // Assess
      await expect(list).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
    });
  });

  describe('EngineServices', () => {
    it('starts a child execution linked to its parent and awaits it', async () => {
      // Prepare
      const engine = testEngine();
      const stateMachineArn = await createMachine(engine, { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'child done', End: true } } });

      // Act
      const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{}', parentExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:parent:p1' });
      const result = await engine.awaitExecution(executionArn, new AbortController().signal);

      // Assess
      expect(result).toMatchObject({ status: 'SUCCEEDED', output: '"child done"' });
    });
  });

  describe('persistence', () => {
    it('loads machines and executions from its store, and closes an execution left running as ABORTED', async () => {
      // Prepare
      const store = new InMemoryEngineStore();
      const first = testEngine({}, { store });
      const stateMachineArn = await createMachine(first, passMachine);
      const finished = await first.startExecution({ stateMachineArn, name: 'finished' });
      await first.waitForExecution(finished.executionArn);
      const waitArn = await createMachine(first, waitMachine, 'waiting');
      const running = await first.startExecution({ stateMachineArn: waitArn, name: 'running' });
      await first.flush();

      // Act
      const second = testEngine({}, { store });
      await second.ready();
      const reloaded = await second.describeExecution({ executionArn: finished.executionArn });
      const interrupted = await second.describeExecution({ executionArn: running.executionArn });
      const history = await eventTypes(second, running.executionArn);
      await first.close();

      // Assess
      expect((await second.listStateMachines({})).stateMachines?.map((machine) => machine.name)).toEqual(['tests', 'waiting']);
      expect(reloaded.status).toBe('SUCCEEDED');
      expect(interrupted).toMatchObject({ status: 'ABORTED', error: 'Local.EngineRestarted' });
      expect(history).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
    });
  });
});
