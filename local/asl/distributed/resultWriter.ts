/**
 * Distributed Map `ResultWriter` (AWS "ResultWriter (Map)"): writes the child execution results to S3 in the
 * layout AWS uses, and returns what the Map state outputs instead of the results array:
 *
 * ```
 * <Prefix>/<map run id>/manifest.json   { DestinationBucket, MapRunArn, ResultFiles: { FAILED, PENDING, SUCCEEDED } }
 * <Prefix>/<map run id>/SUCCEEDED_0.json  [ { ExecutionArn, Input, InputDetails, Name, Output, OutputDetails, … } ]
 * <Prefix>/<map run id>/FAILED_0.json     [ { …, Error, Cause, Status: FAILED | TIMED_OUT | ABORTED } ]
 * <Prefix>/<map run id>/PENDING_0.json    [ { Input, Status: PENDING } ]  (items never started)
 * ```
 *
 * Each ResultFiles entry is `{ Key, Size }`; a result file holds at most DistributedMapDefaults.resultFileEntries
 * entries (AWS splits by size, at 5 GB). Only the default WriterConfig (JSON, Transformation NONE) is supported.
 * Any failure is States.ResultWriterFailed.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DistributedMapDefaults } from '../constants';
import { StatesError, StatesErrorNames } from '../errors';
import { templateValue } from '../io';
import type { StateRun } from '../runtime';
import type { ExecutionRecord } from '../store';
import type { MapState, ResultWriter } from '../types';

/** What the Map state outputs when it has a ResultWriter. */
type ResultWriterOutput = { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };

/** Where to write, evaluated from the ResultWriter's Parameters/Arguments. */
type ResultTarget = { bucket: string; prefix: string };

/** A child input that never ran (the run failed or stopped first). */
type PendingInput = { input: unknown };

const writerFailed = (run: StateRun, problem: string): StatesError =>
  new StatesError(StatesErrorNames.ResultWriterFailed, `The ResultWriter of Map state '${run.name}' failed: ${problem}`);

/**
 * Evaluates the ResultWriter's Bucket and Prefix (before the run starts, so a bad target fails early).
 *
 * @example
 * const target = await resultTarget(run, state.ResultWriter, effectiveInput);
 */
const resultTarget = async (run: StateRun<MapState>, writer: ResultWriter, input: unknown): Promise<ResultTarget> => {
  if (writer.Resource !== undefined && writer.Resource !== 'arn:aws:states:::s3:putObject') {
    throw writerFailed(run, `the Resource '${writer.Resource}' is not supported (arn:aws:states:::s3:putObject)`);
  }
  const config = writer.WriterConfig;
  if (config && ((config.OutputType ?? 'JSON') !== 'JSON' || (config.Transformation ?? 'NONE') !== 'NONE')) {
    throw writerFailed(run, 'only WriterConfig OutputType JSON with Transformation NONE is supported by the local engine');
  }
  const template = run.language === 'JSONata' ? writer.Arguments : writer.Parameters;
  const args = template === undefined ? {} : await templateValue(run, { field: 'ResultWriter', template, pathInput: input });
  const { Bucket, Prefix } = (args ?? {}) as Record<string, unknown>;
  if (typeof Bucket !== 'string' || Bucket === '') throw writerFailed(run, "its arguments need a 'Bucket' string");
  if (Prefix !== undefined && typeof Prefix !== 'string') throw writerFailed(run, "its 'Prefix' must be a string");
  return { bucket: Bucket, prefix: (Prefix ?? '').replace(/\/+$/, '') };
};

const childEntry = (record: ExecutionRecord): Record<string, unknown> => ({
  ExecutionArn: record.executionArn,
  Input: record.input,
  InputDetails: { Included: true },
  Name: record.name,
  ...(record.output !== undefined ? { Output: record.output, OutputDetails: { Included: true } } : {}),
  ...(record.error !== undefined ? { Error: record.error } : {}),
  ...(record.cause !== undefined ? { Cause: record.cause } : {}),
  ...(record.type === 'STANDARD'
    ? {
        RedriveCount: record.redriveCount,
        RedriveStatus: record.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
        ...(record.status === 'SUCCEEDED' ? { RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : {}),
      }
    : {}),
  StartDate: record.startDate.toISOString(),
  StateMachineArn: record.stateMachineArn,
  Status: record.status,
  ...(record.stopDate ? { StopDate: record.stopDate.toISOString() } : {}),
});

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
};

/**
 * Writes the result files and the manifest; resolves with the Map state's output.
 *
 * @example
 * const output = await writeResults(run, target, mapRunArn, children, pending);
 */
const writeResults = async (
  run: StateRun<MapState>,
  target: ResultTarget,
  mapRunArn: string,
  children: readonly ExecutionRecord[],
  pending: readonly PendingInput[],
): Promise<ResultWriterOutput> => {
  const s3 = run.frame.execution.engine.s3.client();
  const id = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
  const folder = target.prefix === '' ? id : `${target.prefix}/${id}`;
  const groups = {
    FAILED: children.filter((record) => record.status !== 'SUCCEEDED').map(childEntry),
    PENDING: pending.map((item) => ({ Input: JSON.stringify(item.input), InputDetails: { Included: true }, Status: 'PENDING' })),
    SUCCEEDED: children.filter((record) => record.status === 'SUCCEEDED').map(childEntry),
  };
  const put = async (key: string, body: string): Promise<number> => {
    try {
      await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: body, ContentType: 'application/json' }));
    } catch (error) {
      throw writerFailed(run, `writing s3://${target.bucket}/${key} failed (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`);
    }
    return Buffer.byteLength(body, 'utf8');
  };
  const resultFiles: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  for (const [status, entries] of Object.entries(groups)) {
    for (const [index, part] of chunk(entries, DistributedMapDefaults.resultFileEntries).entries()) {
      const key = `${folder}/${status}_${index}.json`;
      resultFiles[status].push({ Key: key, Size: await put(key, JSON.stringify(part)) });
    }
  }
  const manifestKey = `${folder}/manifest.json`;
  await put(manifestKey, JSON.stringify({ DestinationBucket: target.bucket, MapRunArn: mapRunArn, ResultFiles: resultFiles }));
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: target.bucket, Key: manifestKey } };
};

export { resultTarget, writeResults };
export type { PendingInput, ResultTarget, ResultWriterOutput };
