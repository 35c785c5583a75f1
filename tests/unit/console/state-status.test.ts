/**
 * stateRecords(): what happened to each state, read from real histories of the ASL engine: succeeded, retried,
 * caught, failed, running, and states never entered absent (drawn as not reached).
 */
import { StatesError } from '../../../local/asl/errors';
import { stateGraph } from '../../../local/console/graph';
import { stateRecords } from '../../../local/console/state-status';
import type { StateMachineDefinition } from '../../../local/asl/types';
import { createMachine, eventually, integration, testEngine } from '../../asl/helpers/engine';

const history = async (engine: ReturnType<typeof testEngine>, executionArn: string) => (await engine.getExecutionHistory({ executionArn, maxResults: 1000 })).events ?? [];

const recordsOf = (definition: object, events: Awaited<ReturnType<typeof history>>, catches: string[] = []) =>
  stateRecords(events, { parents: stateGraph(definition as StateMachineDefinition).parents, catches: new Set(catches) });

describe('Function: stateRecords()', () => {
  it('tells succeeded, retried, caught and failed states apart, and leaves states never entered out', async () => {
    // Prepare
    let flakyCalls = 0;
    const engine = testEngine({
      Load: integration(async () => ({ ok: true })),
      Flaky: integration(async () => {
        flakyCalls += 1;
        if (flakyCalls === 1) throw new StatesError('Lambda.ServiceException', 'try again');
        return { ok: true };
      }),
      Risky: integration(async () => {
        throw new StatesError('NotAnArchiveError', 'The upload is not an archive');
      }),
    });
    const definition = {
      StartAt: 'Load',
      States: {
        Load: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Flaky' },
        Flaky: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }], Next: 'Risky' },
        Risky: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Record failure' }], Next: 'Never' },
        Never: { Type: 'Pass', End: true },
        'Record failure': { Type: 'Pass', Next: 'Fan out' },
        'Fan out': { Type: 'Parallel', Branches: [{ StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } }, { StartAt: 'Right', States: { Right: { Type: 'Pass', End: true } } }], Next: 'Analysis failed' },
        'Analysis failed': { Type: 'Fail', Error: 'RunFailed', Cause: 'the archive was refused' },
      },
    };
    const { executionArn } = await engine.startExecution({ stateMachineArn: await createMachine(engine, definition) });
    await engine.waitForExecution(executionArn);

    // Act
    const records = recordsOf(definition, await history(engine, executionArn), ['Risky']);

    // Assess
    const status = Object.fromEntries([...records.values()].map((record) => [record.name, record.status]));
    expect(status).toEqual({
      Load: 'succeeded',
      Flaky: 'retried',
      Risky: 'caught',
      'Record failure': 'succeeded',
      'Fan out': 'succeeded',
      Left: 'succeeded',
      Right: 'succeeded',
      'Analysis failed': 'failed',
    });
    expect(records.get('Flaky')!.occurrences[0]).toMatchObject({ retries: 1, retriedErrors: [{ error: 'Lambda.ServiceException', cause: 'try again' }] });
    expect(records.get('Risky')!.occurrences[0]).toMatchObject({ error: 'NotAnArchiveError', cause: 'The upload is not an archive', input: expect.any(String) });
    expect(records.get('Analysis failed')!.occurrences[0]).toMatchObject({ error: 'RunFailed', cause: 'the archive was refused' });
    expect(records.get('Load')!.occurrences[0]).toMatchObject({ input: expect.any(String), output: expect.any(String), endedAt: expect.any(String) });
  });

  it('marks a task that fails without a Catch as failed with its error', async () => {
    // Prepare
    const engine = testEngine({ Call: integration(async () => Promise.reject(new StatesError('Boom', 'it broke'))) });
    const definition = { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } };
    const { executionArn } = await engine.startExecution({ stateMachineArn: await createMachine(engine, definition) });
    await engine.waitForExecution(executionArn);

    // Act
    const records = recordsOf(definition, await history(engine, executionArn));

    // Assess
    expect(records.get('Call')).toMatchObject({ status: 'failed', occurrences: [{ status: 'failed', error: 'Boom', cause: 'it broke' }] });
  });

  it('shows the state an execution is in as running, and the states inside a Map by their own outcome', async () => {
    // Prepare
    let release: () => void = () => undefined;
    const engine = testEngine({
      Wait: integration(() => new Promise((resolve) => (release = () => resolve({ done: true })))),
      Each: integration(async (request) => {
        if ((request.arguments as { n?: number })?.n === 2) throw new StatesError('BadItem', 'item 2');
        return {};
      }),
    });
    const definition = {
      StartAt: 'Each item',
      States: {
        'Each item': {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: { StartAt: 'Each', States: { Each: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Wait', ResultPath: '$.error' }],
          Next: 'Wait',
        },
        Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
      },
    };
    const { executionArn } = await engine.startExecution({ stateMachineArn: await createMachine(engine, definition), input: JSON.stringify({ items: [{ n: 1 }, { n: 2 }] }) });
    await eventually(async () => (await history(engine, executionArn)).some((event) => event.type === 'TaskStateEntered' && event.stateEnteredEventDetails?.name === 'Wait'));

    // Act
    const running = recordsOf(definition, await history(engine, executionArn), ['Each item']);
    release();
    await engine.waitForExecution(executionArn);

    // Assess
    expect(running.get('Wait')?.status).toBe('running');
    expect(running.get('Each item')?.status).toBe('caught');
    expect(running.get('Each')?.status).toBe('failed');
    expect(running.get('Each')?.occurrences.map((occurrence) => occurrence.status).sort()).toEqual(['failed', 'succeeded']);
  });
});
