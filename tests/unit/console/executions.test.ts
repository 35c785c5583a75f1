/**
 * ExecutionsView: an execution as the console shows it, read through the Step Functions endpoint with the SDK, over
 * the real engine: a Distributed Map's run with its item counts, and its failed items with their unit paths and the
 * reason each batch failed.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { StatesError } from '../../../local/asl/errors';
import { ExecutionsView } from '../../../local/console/executions';
import { startStepFunctionsEndpoint, stepFunctionsClientConfig, type StepFunctionsEndpoint } from '../../../local/endpoints/stepfunctions';
import { createMachine, integration, testEngine } from '../../asl/helpers/engine';
import { startLocalS3, type LocalS3 } from '../../asl/helpers/s3';

const BUCKET = 'data';

describe('Class: ExecutionsView', () => {
  let s3: LocalS3;
  let endpoint: StepFunctionsEndpoint;
  let sfn: SFNClient;
  let executionArn: string;
  let stateMachineArn: string;

  beforeAll(async () => {
    s3 = await startLocalS3();
    await s3.createBucket(BUCKET);
    const units = ['src/za.prog.abap', 'src/zb.prog.abap', 'src/bad_one.prog.abap', 'src/zc.prog.abap'].map((path, index) => ({ unitId: `${index}`.repeat(64), path, objectName: path.slice(4, -10).toUpperCase() }));
    await s3.put(BUCKET, 'runs/acme/r1/manifest.jsonl', `${units.map((unit) => JSON.stringify(unit)).join('\n')}\n`);
    const engine = testEngine(
      {
        'Analyze batch': integration(async (request) => {
          const items = (request.arguments as { Payload: { Items: Array<{ path: string }> } }).Payload.Items;
          if (items.some((item) => item.path.includes('bad'))) throw new StatesError('UnitAnalysisError', `Unit src/bad_one.prog.abap could not be analysed`);
          return { Payload: { units: items.length } };
        }),
      },
      { clientConfig: s3.config },
    );
    endpoint = await startStepFunctionsEndpoint(engine, { port: 0 });
    sfn = new SFNClient(stepFunctionsClientConfig(endpoint.url, 'us-east-1'));
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Analyze units',
      States: {
        'Analyze units': {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Arguments: { Bucket: BUCKET, Key: 'runs/acme/r1/manifest.jsonl' } },
          ItemBatcher: { MaxItemsPerBatch: 2 },
          ToleratedFailurePercentage: 100,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Analyze batch',
            States: { 'Analyze batch': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'analyze', Payload: '{% $states.input %}' }, End: true } },
          },
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    stateMachineArn = await createMachine(engine, definition, 'analysis');
    ({ executionArn } = (await engine.startExecution({ stateMachineArn, name: 'acme-r1', input: JSON.stringify({ customerId: 'acme', runId: 'r1' }) })) as { executionArn: string });
    await engine.waitForExecution(executionArn);
  }, 60_000);

  afterAll(async () => {
    sfn?.destroy();
    await endpoint?.close();
    await s3?.stop();
  });

  it('shows the map run’s item counts, and each failed item’s unit path with the reason', async () => {
    // Act
    const detail = await new ExecutionsView(sfn).detail(executionArn);

    // Assess
    expect(detail.execution).toMatchObject({ status: 'SUCCEEDED', customerId: 'acme', runId: 'r1', stateMachineName: 'analysis' });
    expect(detail.mapRuns).toHaveLength(1);
    const [run] = detail.mapRuns;
    expect(run).toMatchObject({ state: 'Analyze units', status: 'SUCCEEDED', itemCounts: { total: 4, succeeded: 2, failed: 2 }, toleratedFailurePercentage: 100, moreFailures: 0 });
    expect(run.failures).toEqual([
      {
        execution: expect.any(String),
        status: 'FAILED',
        error: 'UnitAnalysisError',
        cause: 'Unit src/bad_one.prog.abap could not be analysed',
        items: [
          { unitId: '2'.repeat(64), path: 'src/bad_one.prog.abap', objectName: 'BAD_ONE' },
          { unitId: '3'.repeat(64), path: 'src/zc.prog.abap', objectName: 'ZC' },
        ],
      },
    ]);
    expect(detail.states['Analyze units'].status).toBe('succeeded');
    expect(detail.states['Analyze batch'].status).toBe('failed');
  });

  it('lists executions with the customer and run of their input, filtered by status', async () => {
    // Act
    const view = new ExecutionsView(sfn);
    const all = await view.list({ stateMachineArn });
    const failed = await view.list({ stateMachineArn, status: 'FAILED' });
    const refused = await view.list({ stateMachineArn, status: 'BROKEN' }).catch((error: Error) => error);

    // Assess
    expect(all.executions).toEqual([expect.objectContaining({ name: 'acme-r1', status: 'SUCCEEDED', customerId: 'acme', runId: 'r1', durationMs: expect.any(Number) })]);
    expect(failed.executions).toEqual([]);
    expect(refused).toMatchObject({ status: 400 });
  });
});
