/**
 * The local Step Functions endpoint over the real engine and the file store, driven by @aws-sdk/client-sfn over a
 * loopback socket (and by the AWS CLI v1 when it is on PATH).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidDefinition,
  InvalidToken,
  ListExecutionsCommand,
  ListMapRunsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
} from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { Engine } from '../../local/asl';
import { createIntegrationRegistry } from '../../local/asl/integrations';
import type { ServiceIntegration, TaskRequest } from '../../local/asl/integrations';
import { startStepFunctionsEndpoint, stepFunctionsClientConfig } from '../../local/endpoints/stepfunctions';
import type { StepFunctionsEndpoint } from '../../local/endpoints/stepfunctions';
import { FileEngineStore } from '../../local/store';

// Spawned processes (the AWS CLI, tsx) take seconds each on a loaded machine; this bounds a hang, it times nothing.
jest.setTimeout(60_000);

const ROLE = 'arn:aws:iam::123456789012:role/local';

const definitions = {
  greet: {
    Comment: 'Greets the caller',
    QueryLanguage: 'JSONata',
    StartAt: 'Greet',
    States: { Greet: { Type: 'Pass', Output: "{% {'greeting': 'hello ' & $states.input.name} %}", End: true } },
  },
  wait: {
    StartAt: 'Wait an hour',
    States: { 'Wait an hour': { Type: 'Wait', Seconds: 3600, End: true } },
  },
  callback: {
    StartAt: 'Ask for approval',
    States: {
      'Ask for approval': {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals', MessageBody: { 'token.$': '$$.Task.Token' } },
        HeartbeatSeconds: 3600,
        End: true,
      },
    },
  },
  distributed: {
    StartAt: 'Analyze units',
    States: {
      'Analyze units': {
        Type: 'Map',
        ItemsPath: '$.units',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Count',
          States: { Count: { Type: 'Pass', Parameters: { 'unit.$': '$.id', lines: 10 }, End: true } },
        },
        End: true,
      },
    },
  },
} as const;

/**
 * The service side of `sqs:sendMessage.waitForTaskToken`: a queue that hands each message to whoever waits for
 * one, so a test can take the task token out of it the way a worker would.
 */
const createQueue = () => {
  const waiting: ((body: { token: string }) => void)[] = [];
  const messages: { token: string }[] = [];
  const integration: ServiceIntegration = {
    invoke: async (request: TaskRequest) => {
      const body = (request.arguments as { MessageBody: { token: string } }).MessageBody;
      const next = waiting.shift();
      if (next === undefined) messages.push(body);
      else next(body);
      return { MessageId: 'm-1' };
    },
  };
  const receive = (): Promise<{ token: string }> => {
    const message = messages.shift();
    return message === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(message);
  };
  return { integration, receive };
};

type Stack = { store: FileEngineStore; engine: Engine; endpoint: StepFunctionsEndpoint; sfn: SFNClient };

describe('Feature: local Step Functions endpoint', () => {
  let stateDir: string;
  let stack: Stack;
  let queue: ReturnType<typeof createQueue>;

  const startStack = async (): Promise<Stack> => {
    const store = await FileEngineStore.open(stateDir);
    const engine = new Engine({
      integrations: createIntegrationRegistry({ integrations: { 'sqs:sendMessage': queue.integration } }),
      store,
    });
    const endpoint = await startStepFunctionsEndpoint(engine, { port: 0 });
    const sfn = new SFNClient({ ...stepFunctionsClientConfig(endpoint.url), maxAttempts: 1 });
    return { store, engine, endpoint, sfn };
  };

  const stopStack = async ({ store, engine, endpoint, sfn }: Stack): Promise<void> => {
    sfn.destroy();
    await endpoint.close();
    await engine.close();
    await store.close();
  };

  const createMachine = async (name: keyof typeof definitions, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<string> => {
    const { stateMachineArn } = await stack.sfn.send(
      new CreateStateMachineCommand({ name: `${name}-${type}`, definition: JSON.stringify(definitions[name]), roleArn: ROLE, type })
    );
    return stateMachineArn as string;
  };

  const history = async (executionArn: string): Promise<HistoryEvent[]> =>
    (await stack.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'sfn-endpoint-'));
    queue = createQueue();
    stack = await startStack();
  });

  afterEach(async () => {
    await stopStack(stack);
    await rm(stateDir, { recursive: true, force: true });
  });

  it('creates, describes, lists and deletes state machines', async () => {
    // Prepare
    const stateMachineArn = await createMachine('greet');

    // Act
    const described = await stack.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    const listed = await stack.sfn.send(new ListStateMachinesCommand({}));
    await stack.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    const afterDelete = await stack.sfn.send(new DescribeStateMachineCommand({ stateMachineArn })).catch((error: unknown) => error);

    // Assess
    expect(described).toMatchObject({ name: 'greet-STANDARD', type: 'STANDARD', roleArn: ROLE, status: 'ACTIVE' });
    expect(JSON.parse(described.definition as string)).toEqual(definitions.greet);
    expect(described.creationDate).toBeInstanceOf(Date);
    expect(listed.stateMachines?.map((machine) => machine.stateMachineArn)).toEqual([stateMachineArn]);
    expect(afterDelete).toBeInstanceOf(StateMachineDoesNotExist);
  });

  it('refuses an invalid definition with the typed InvalidDefinition', async () => {
    // Act
    const failure = await stack.sfn
      .send(new CreateStateMachineCommand({ name: 'broken', definition: '{"StartAt":"Nowhere","States":{}}', roleArn: ROLE }))
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(InvalidDefinition);
    expect((failure as InvalidDefinition).message).toContain('Nowhere');
  });

  it('starts an execution and serves its description and history', async () => {
    // Prepare
    const stateMachineArn = await createMachine('greet');

    // Act
    const { executionArn, startDate } = await stack.sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"name":"Ada"}' })
    );
    await stack.engine.waitForExecution(executionArn as string);
    const described = await stack.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const events = await history(executionArn as string);

    // Assess
    expect(startDate).toBeInstanceOf(Date);
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'run-1', stateMachineArn, input: '{"name":"Ada"}' });
    expect(JSON.parse(described.output as string)).toEqual({ greeting: 'hello Ada' });
    expect(described.stopDate?.getTime()).toBeGreaterThanOrEqual(described.startDate?.getTime() ?? Infinity);
    expect(events.map((event) => event.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(events.map((event) => event.id)).toEqual([1, 2, 3, 4]);
    expect(events[0].timestamp).toBeInstanceOf(Date);
    expect(events[1].stateEnteredEventDetails?.name).toBe('Greet');
  });

  it('keeps StartExecution idempotent by name while running, and refuses the name once it ended', async () => {
    // Prepare
    const waitArn = await createMachine('wait');
    const greetArn = await createMachine('greet');

    // Act
    const first = await stack.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, name: 'same', input: '{}' }));
    const again = await stack.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, name: 'same', input: '{}' }));
    const done = await stack.sfn.send(new StartExecutionCommand({ stateMachineArn: greetArn, name: 'once', input: '{"name":"x"}' }));
    await stack.engine.waitForExecution(done.executionArn as string);
    const reused = await stack.sfn
      .send(new StartExecutionCommand({ stateMachineArn: greetArn, name: 'once', input: '{"name":"x"}' }))
      .catch((error: unknown) => error);

    // Assess
    expect(again.executionArn).toBe(first.executionArn);
    expect(reused).toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('stops a running execution', async () => {
    // Prepare
    const stateMachineArn = await createMachine('wait');
    const { executionArn } = await stack.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));

    // Act
    const { stopDate } = await stack.sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Operator.Cancelled', cause: 'no longer needed' })
    );
    const described = await stack.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const running = await stack.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    const events = await history(executionArn as string);

    // Assess
    expect(stopDate).toBeInstanceOf(Date);
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator.Cancelled', cause: 'no longer needed' });
    expect(running.executions).toEqual([]);
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
  });

  it('completes a .waitForTaskToken task with SendTaskSuccess after a heartbeat', async () => {
    // Prepare
    const stateMachineArn = await createMachine('callback');
    const { executionArn } = await stack.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    const { token } = await queue.receive();

    // Act
    await stack.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await stack.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const ended = await stack.engine.waitForExecution(executionArn as string);
    const late = await stack.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })).catch((error: unknown) => error);

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output as string)).toEqual({ approved: true });
    expect(late).toBeInstanceOf(TaskDoesNotExist);
  });

  it('fails a .waitForTaskToken task with SendTaskFailure', async () => {
    // Prepare
    const stateMachineArn = await createMachine('callback');
    const { executionArn } = await stack.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    const { token } = await queue.receive();

    // Act
    await stack.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Approval.Rejected', cause: 'not this time' }));
    const ended = await stack.engine.waitForExecution(executionArn as string);

    // Assess
    expect(ended).toMatchObject({ status: 'FAILED', error: 'Approval.Rejected', cause: 'not this time' });
  });

  it.each([
    ['DescribeExecution of an unknown execution', () => new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:greet-STANDARD:missing' }), ExecutionDoesNotExist],
    ['StartExecution of an unknown machine', () => new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:missing' }), StateMachineDoesNotExist],
    ['SendTaskSuccess with a token of nothing', () => new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }), InvalidToken],
  ])('round-trips %s as the typed exception', async (_case, command, type) => {
    // Act
    const failure = await stack.sfn.send(command() as never).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(type);
    expect((failure as Error).name).toBe(type.name);
  });

  it('runs an EXPRESS machine with StartSyncExecution on the same endpoint', async () => {
    // Prepare
    const stateMachineArn = await createMachine('greet', 'EXPRESS');

    // Act
    const output = await stack.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"name":"sync"}' }));

    // Assess
    expect(output.status).toBe('SUCCEEDED');
    expect(JSON.parse(output.output as string)).toEqual({ greeting: 'hello sync' });
    expect(output.stopDate).toBeInstanceOf(Date);
  });

  it('lists and describes the map run of a Distributed Map', async () => {
    // Prepare
    const stateMachineArn = await createMachine('distributed');
    const { executionArn } = await stack.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ units: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }) })
    );
    const ended = await stack.engine.waitForExecution(executionArn as string);

    // Act
    const { mapRuns } = await stack.sfn.send(new ListMapRunsCommand({ executionArn }));
    const mapRun = await stack.sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns?.[0].mapRunArn }));
    const children = await stack.sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns?.[0].mapRunArn }));

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output as string)).toEqual([
      { unit: 'a', lines: 10 },
      { unit: 'b', lines: 10 },
      { unit: 'c', lines: 10 },
    ]);
    expect(mapRuns).toHaveLength(1);
    expect(mapRun).toMatchObject({ status: 'SUCCEEDED', executionArn, itemCounts: { succeeded: 3, total: 3 } });
    expect(mapRun.startDate).toBeInstanceOf(Date);
    expect(children.executions).toHaveLength(3);
  });

  it('serves executions and history of a previous engine from the same state directory', async () => {
    // Prepare
    const stateMachineArn = await createMachine('greet');
    const { executionArn } = await stack.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'kept', input: '{"name":"Lin"}' }));
    await stack.engine.waitForExecution(executionArn as string);
    const before = await history(executionArn as string);
    await stopStack(stack);

    // Act
    stack = await startStack();
    const described = await stack.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const after = await history(executionArn as string);
    const machines = await stack.sfn.send(new ListStateMachinesCommand({}));

    // Assess
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output as string)).toEqual({ greeting: 'hello Lin' });
    expect(after).toEqual(before);
    expect(machines.stateMachines?.map((machine) => machine.stateMachineArn)).toEqual([stateMachineArn]);
  });

  it('closes executions a stopped engine left running as ABORTED after the restart', async () => {
    // Prepare
    const stateMachineArn = await createMachine('callback');
    const { executionArn } = await stack.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    const { token } = await queue.receive();
    await stopStack(stack);

    // Act
    stack = await startStack();
    const described = await stack.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const events = await history(executionArn as string);
    const late = await stack.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })).catch((error: unknown) => error);

    // Assess
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Local.EngineRestarted' });
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
    expect(events.filter((event) => event.type === 'ExecutionAborted')).toHaveLength(1);
    expect(late).toBeInstanceOf(TaskDoesNotExist);
  });
});

describe('Feature: AWS CLI v1 against the local endpoint', () => {
  const run = promisify(execFile);
  let stateDir: string;
  let store: FileEngineStore;
  let engine: Engine;
  let endpoint: StepFunctionsEndpoint;
  let cliAvailable = true;

  beforeAll(async () => {
    cliAvailable = await run('aws', ['--version']).then(
      () => true,
      () => false
    );
    stateDir = await mkdtemp(join(tmpdir(), 'sfn-cli-'));
    store = await FileEngineStore.open(stateDir);
    engine = new Engine({ integrations: createIntegrationRegistry(), store });
    endpoint = await startStepFunctionsEndpoint(engine, { port: 0 });
  });

  afterAll(async () => {
    await endpoint.close();
    await engine.close();
    await store.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  const aws = async (args: string[], env: Record<string, string> = {}): Promise<Record<string, unknown>> => {
    const { stdout } = await run('aws', ['stepfunctions', ...args, '--endpoint-url', endpoint.url, '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', ...env },
    });
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  it('creates, starts, describes and syncs executions through the AWS CLI', async () => {
    if (!cliAvailable) {
      console.log('Skipped: the AWS CLI (aws) is not on PATH');
      return;
    }
    // Prepare
    const definition = JSON.stringify({ StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } });
    const { stateMachineArn } = await aws(['create-state-machine', '--name', 'cli', '--definition', definition, '--role-arn', ROLE]);
    const { stateMachineArn: expressArn } = await aws([
      'create-state-machine', '--name', 'cli-express', '--type', 'EXPRESS', '--definition', definition, '--role-arn', ROLE,
    ]);

    // Act
    const { executionArn } = await aws(['start-execution', '--state-machine-arn', stateMachineArn as string, '--input', '{"via":"cli"}']);
    await engine.waitForExecution(executionArn as string);
    const described = await aws(['describe-execution', '--execution-arn', executionArn as string]);
    const synced = await aws(['start-sync-execution', '--state-machine-arn', expressArn as string, '--input', '{"n":1}'], {
      AWS_DISABLE_HOST_PREFIX_INJECTION: 'true',
    });
    const missing = await aws(['describe-execution', '--execution-arn', `${executionArn as string}-missing`]).catch(
      (error: { stderr: string }) => error.stderr
    );

    // Assess
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"via":"cli"}' });
    expect(typeof described.startDate).toBe('number');
    expect(synced).toMatchObject({ status: 'SUCCEEDED', output: '{"n":1}' });
    expect(missing).toContain('(ExecutionDoesNotExist)');
  });
});
