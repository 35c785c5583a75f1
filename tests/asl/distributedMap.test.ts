/**
 * Distributed Map against the local S3 server: ItemReader (JSONL, JSON, CSV, listObjectsV2, MaxItems),
 * ItemBatcher, ResultWriter layout, child executions and map-run records, tolerated failures and the
 * ItemReader/ResultWriter failures.
 */
import type { Engine } from '../../local/asl';
import type { TaskRequest } from '../../local/asl/integrations/types';
import { StatesError } from '../../local/asl/errors';
import { createMachine, eventTypes, integration, testEngine } from './helpers/engine';
import { startLocalS3 } from './helpers/s3';
import type { LocalS3 } from './helpers/s3';

const BUCKET = 'data';
const LAMBDA = 'arn:aws:states:::lambda:invoke';

let s3: LocalS3;

beforeAll(async () => {
  s3 = await startLocalS3();
  await s3.createBucket(BUCKET);
});

afterAll(async () => {
  await s3.stop();
});

/** A worker that answers `{ processed: <ids> }` for a batch, and fails for items whose id starts with "bad". */
const worker = () => {
  const requests: TaskRequest[] = [];
  return {
    requests,
    handler: integration(async (request) => {
      requests.push(request);
      const payload = (request.arguments as { Payload: { Items?: { id: string }[]; id?: string } }).Payload;
      const ids = payload.Items ? payload.Items.map((item) => item.id) : [payload.id as string];
      if (ids.some((id) => id.startsWith('bad'))) throw new StatesError('UnitAnalysisError', `cannot analyse ${ids.join(',')}`);
      return { Payload: { processed: ids } };
    }, true),
  };
};

const mapDefinition = (map: Record<string, unknown>, processorType: 'STANDARD' | 'EXPRESS' = 'EXPRESS') => ({
  QueryLanguage: 'JSONata',
  StartAt: 'Analyze units',
  States: {
    'Analyze units': {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: processorType },
        StartAt: 'Analyze batch',
        States: {
          'Analyze batch': {
            Type: 'Task',
            Resource: LAMBDA,
            Arguments: { FunctionName: 'analyze', Payload: '{% $states.input %}' },
            Output: '{% $states.result.Payload %}',
            End: true,
          },
        },
      },
      End: true,
      ...map,
    },
  },
});

const run = async (engine: Engine, definition: unknown, input: unknown = {}) => {
  const stateMachineArn = await createMachine(engine, definition, 'analysis');
  const { executionArn } = await engine.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const result = await engine.waitForExecution(executionArn);
  return { executionArn, result, output: result.output === undefined ? undefined : JSON.parse(result.output) };
};

describe('Feature: Distributed Map', () => {
  it('reads a JSONL manifest, batches items, runs EXPRESS children and writes results in the ResultWriter layout', async () => {
    // Prepare
    const units = Array.from({ length: 5 }, (_, index) => ({ id: `u${index}` }));
    await s3.put(BUCKET, 'runs/c1/r1/manifest.jsonl', `${units.map((unit) => JSON.stringify(unit)).join('\n')}\n`);
    const queue = worker();
    const engine = testEngine({ 'Analyze batch': queue.handler }, { clientConfig: s3.config });
    const definition = mapDefinition({
      Label: 'AnalyzeUnits',
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Arguments: { Bucket: BUCKET, Key: '{% $states.input.key %}' } },
      ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { runId: '{% $states.input.runId %}' } },
      MaxConcurrency: 2,
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: BUCKET, Prefix: 'runs/c1/r1/map' } },
    });

    // Act
    const { executionArn, result, output } = await run(engine, definition, { key: 'runs/c1/r1/manifest.jsonl', runId: 'r1' });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const mapRunArn = output.MapRunArn as string;
    const mapRunId = mapRunArn.split(':').at(-1);
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:analysis\/AnalyzeUnits:[0-9a-f-]{36}$/);
    expect(output.ResultWriterDetails).toEqual({ Bucket: BUCKET, Key: `runs/c1/r1/map/${mapRunId}/manifest.json` });
    const manifest = (await s3.getJson(BUCKET, output.ResultWriterDetails.Key)) as { ResultFiles: Record<string, { Key: string; Size: number }[]> };
    expect(manifest).toMatchObject({ DestinationBucket: BUCKET, MapRunArn: mapRunArn, ResultFiles: { FAILED: [], PENDING: [] } });
    expect(manifest.ResultFiles.SUCCEEDED).toEqual([{ Key: `runs/c1/r1/map/${mapRunId}/SUCCEEDED_0.json`, Size: expect.any(Number) }]);
    const succeeded = (await s3.getJson(BUCKET, manifest.ResultFiles.SUCCEEDED[0].Key)) as Record<string, unknown>[];
    expect(succeeded).toHaveLength(3);
    expect(succeeded.map((entry) => JSON.parse(entry.Output as string).processed).flat().sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(JSON.parse(succeeded[0].Input as string)).toMatchObject({ BatchInput: { runId: 'r1' }, Items: expect.any(Array) });
    expect(succeeded[0]).toMatchObject({ Status: 'SUCCEEDED', StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:analysis/AnalyzeUnits', InputDetails: { Included: true } });
    expect(queue.requests.map((request) => (request.arguments as { Payload: { Items: unknown[] } }).Payload.Items.length)).toEqual([2, 2, 1]);

    const described = await engine.describeMapRun({ mapRunArn });
    expect(described).toMatchObject({
      executionArn,
      status: 'SUCCEEDED',
      maxConcurrency: 2,
      itemCounts: { total: 5, succeeded: 5, failed: 0, pending: 0, running: 0, resultsWritten: 5 },
      executionCounts: { total: 3, succeeded: 3, resultsWritten: 3 },
    });
    const { mapRuns } = await engine.listMapRuns({ executionArn });
    expect(mapRuns).toEqual([expect.objectContaining({ mapRunArn, executionArn, stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:analysis/AnalyzeUnits' })]);
    const { executions } = await engine.listExecutions({ mapRunArn });
    expect(executions?.map((execution) => execution.itemCount).sort()).toEqual([1, 2, 2]);
    expect(executions?.every((execution) => execution.mapRunArn === mapRunArn && execution.executionArn?.includes(':express:analysis/AnalyzeUnits:'))).toBe(true);
    expect(await eventTypes(engine, executionArn)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    const child = await engine.describeExecution({ executionArn: executions?.[0].executionArn as string });
    expect(child).toMatchObject({ status: 'SUCCEEDED', mapRunArn });
  });

  it.each([
    ['JSON', 'items.json', JSON.stringify([{ id: 'a' }, { id: 'b' }, { id: 'c' }]), { InputType: 'JSON' }, ['a', 'b', 'c']],
    ['CSV with the header in the first row and MaxItems', 'items.csv', 'id,size\na,1\nb,2\nc,3\n', { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 }, ['a', 'b']],
    ['CSV with given headers and a pipe delimiter', 'items.psv', 'x|9\ny|8\n', { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['id', 'size'], CSVDelimiter: 'PIPE' }, ['x', 'y']],
  ])('reads %s items', async (_format, key, body, readerConfig, ids) => {
    // Prepare
    await s3.put(BUCKET, key, body);
    const queue = worker();
    const engine = testEngine({ 'Analyze batch': queue.handler }, { clientConfig: s3.config });
    const definition = mapDefinition({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: readerConfig, Arguments: { Bucket: BUCKET, Key: key } } }, 'STANDARD');

    // Act
    const { output } = await run(engine, definition);

    // Assess
    expect(output).toEqual(ids.map((id) => ({ processed: [id] })));
  });

  it('gives CSV values as strings and $$.Map.Item.Index, Value and Source to ItemSelector (JSONPath)', async () => {
    // Prepare
    await s3.put(BUCKET, 'sizes.csv', 'id,size\nq,10\n');
    const engine = testEngine({}, { clientConfig: s3.config });
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: BUCKET, 'Key.$': '$.key' } },
          ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'source.$': '$$.Map.Item.Source', 'fromInput.$': '$.tag' },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };

    // Act
    const { output } = await run(engine, definition, { key: 'sizes.csv', tag: 't' });

    // Assess
    expect(output).toEqual([{ index: 0, value: { id: 'q', size: '10' }, source: `s3://${BUCKET}/sizes.csv`, fromInput: 't' }]);
  });

  it('lists objects with listObjectsV2 as items', async () => {
    // Prepare
    await s3.put(BUCKET, 'listing/one.txt', '1');
    await s3.put(BUCKET, 'listing/two.txt', '22');
    const engine = testEngine({}, { clientConfig: s3.config });
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Arguments: { Bucket: BUCKET, Prefix: 'listing/' } },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Key', States: { Key: { Type: 'Pass', Output: '{% [$states.input.Key, $states.input.Size, $type($states.input.LastModified), $states.input.StorageClass] %}', End: true } } },
          End: true,
        },
      },
    };

    // Act
    const { output } = await run(engine, definition);

    // Assess
    expect(output).toEqual([
      ['listing/one.txt', 1, 'number', 'STANDARD'],
      ['listing/two.txt', 2, 'number', 'STANDARD'],
    ]);
  });

  it('tolerates failures up to ToleratedFailureCount and lists the failed children in FAILED_0.json', async () => {
    // Prepare
    const queue = worker();
    const engine = testEngine({ 'Analyze batch': queue.handler }, { clientConfig: s3.config });
    const definition = mapDefinition({
      Items: '{% $states.input.units %}',
      ToleratedFailureCount: 1,
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: BUCKET, Prefix: 'tolerated' } },
    });

    // Act
    const { result, output } = await run(engine, definition, { units: [{ id: 'ok1' }, { id: 'bad1' }, { id: 'ok2' }] });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const manifest = (await s3.getJson(BUCKET, output.ResultWriterDetails.Key)) as { ResultFiles: Record<string, { Key: string }[]> };
    const failed = (await s3.getJson(BUCKET, manifest.ResultFiles.FAILED[0].Key)) as Record<string, unknown>[];
    expect(failed).toEqual([expect.objectContaining({ Status: 'FAILED', Error: 'UnitAnalysisError', Cause: 'cannot analyse bad1', Input: '{"id":"bad1"}' })]);
    expect((await engine.describeMapRun({ mapRunArn: output.MapRunArn })).itemCounts).toMatchObject({ succeeded: 2, failed: 1, total: 3 });
  });

  it('fails with States.ExceedToleratedFailureThreshold once the failed items pass ToleratedFailurePercentage', async () => {
    // Prepare
    const queue = worker();
    const engine = testEngine({ 'Analyze batch': queue.handler }, { clientConfig: s3.config });
    const definition = mapDefinition({ Items: '{% $states.input.units %}', ToleratedFailurePercentage: 25, MaxConcurrency: 1 });

    // Act
    const { executionArn, result } = await run(engine, definition, { units: [{ id: 'bad1' }, { id: 'ok1' }, { id: 'bad2' }, { id: 'ok2' }, { id: 'ok3' }] });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    const { mapRuns } = await engine.listMapRuns({ executionArn });
    const described = await engine.describeMapRun({ mapRunArn: mapRuns?.[0].mapRunArn as string });
    expect(described).toMatchObject({ status: 'FAILED', toleratedFailurePercentage: 25, itemCounts: { failed: 2, succeeded: 1, pending: 2 } });
    expect(await eventTypes(engine, executionArn)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('fails on the first failure when no tolerance is set, and a Catch can take States.ExceedToleratedFailureThreshold', async () => {
    // Prepare
    const queue = worker();
    const engine = testEngine({ 'Analyze batch': queue.handler }, { clientConfig: s3.config });
    const definition = mapDefinition({
      Items: '{% $states.input.units %}',
      End: undefined,
      Next: 'Handled',
      Catch: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], Output: '{% $states.errorOutput.Error %}', Next: 'Handled' }],
    });
    (definition.States as Record<string, unknown>).Handled = { Type: 'Succeed' };

    // Act
    const { output } = await run(engine, definition, { units: [{ id: 'bad' }] });

    // Assess
    expect(output).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('gives children no access to outer variables, but ItemSelector can pass them', async () => {
    // Prepare
    const engine = testEngine();
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { customerId: 'c-7' }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: [1, 2],
          ItemSelector: { item: '{% $states.context.Map.Item.Value %}', customerId: '{% $customerId %}' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Look',
            States: { Look: { Type: 'Pass', Output: '{% [$states.input.customerId, $exists($customerId), $states.input.item] %}', End: true } },
          },
          End: true,
        },
      },
    };

    // Act
    const { output } = await run(engine, definition);

    // Assess
    expect(output).toEqual([
      ['c-7', false, 1],
      ['c-7', false, 2],
    ]);
  });

  it.each([
    ['a missing object is States.ItemReaderFailed', { ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Arguments: { Bucket: BUCKET, Key: 'missing.json' } } }, 'States.ItemReaderFailed'],
    ['an object that is not a JSON array is States.ItemReaderFailed', { ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Arguments: { Bucket: BUCKET, Key: 'runs/c1/r1/manifest.jsonl' } } }, 'States.ItemReaderFailed'],
    ['a missing result bucket is States.ResultWriterFailed', { Items: [{ id: 'x' }], ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: 'no-such-bucket', Prefix: 'p' } } }, 'States.ResultWriterFailed'],
  ])('fails: %s', async (_what, map, error) => {
    // Prepare
    const queue = worker();
    const engine = testEngine({ 'Analyze batch': queue.handler }, { clientConfig: s3.config });

    // Act
    const { result } = await run(engine, mapDefinition(map));

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error });
    expect(result.cause).toContain("Map state 'Analyze units'");
  });

  it('aborts its children when the parent execution is stopped', async () => {
    // Prepare
    const engine = testEngine({}, { timeScale: 1 });
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: 3600, End: true } } },
          End: true,
        },
      },
    };
    const stateMachineArn = await createMachine(engine, definition, 'sleepy');
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '[1,2]' });
    let mapRunArn: string | undefined;
    for (let attempt = 0; attempt < 200 && !mapRunArn; attempt += 1) {
      mapRunArn = (await engine.listMapRuns({ executionArn })).mapRuns?.[0]?.mapRunArn;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }

    // Act
    await engine.stopExecution({ executionArn, error: 'Cancelled' });
    const { executions } = await engine.listExecutions({ mapRunArn });

    // Assess
    expect(executions?.map((execution) => execution.status)).toEqual(['ABORTED', 'ABORTED']);
    expect((await engine.describeMapRun({ mapRunArn: mapRunArn as string })).status).toBe('ABORTED');
    expect(await eventTypes(engine, executionArn)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'ExecutionAborted']);
  });
});
