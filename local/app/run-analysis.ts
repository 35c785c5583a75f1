/**
 * One analysis run through the front door, as a customer would do it: pack the code (a directory becomes a
 * tar.gz; a zip or tar.gz is sent as it is), ask the REST API for an upload URL, PUT the archive to it, start the
 * run on the analysis state machine's alias through the Step Functions API, follow it (units done / total, lines
 * per second), and read the outcome.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PassThrough } from 'node:stream';
import { DescribeExecutionCommand, DescribeMapRunCommand, GetExecutionHistoryCommand, ListMapRunsCommand, SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName } from '../../functions/lib/ids';
import { packDirectory } from '../../functions/lib/source/pack';
import type { ApiClient } from './api-client';
import type { Reporter } from './reporter';

type RunOutcome = {
  runId: string;
  executionArn: string;
  status: string;
  output?: Record<string, any>;
  error?: string;
  cause?: string;
  source: { bucket: string; key: string };
  units?: number;
  loc?: number;
  /** From packing to the end of the execution (the figure `npm start` prints). */
  seconds: number;
  /** Where those seconds went: packing the source, the upload (URL and PUT), the execution (StartExecution to its end). */
  phases: { packSeconds: number; uploadSeconds: number; executionSeconds: number };
};

type RunAnalysisOptions = {
  customerId: string;
  runId: string;
  /** A directory, a .zip or a .tar.gz/.tgz. */
  source: string;
  api: ApiClient;
  sfn: SFNClient;
  stateMachineArn: string;
  reporter: Reporter;
  /** @default 250 */
  pollMs?: number;
  /** Options passed to the run (maxItemsPerBatch, maxConcurrency, toleratedFailurePercentage). */
  options?: Record<string, number>;
  /**
   * Aborted when the user gives up (Ctrl-C): the execution is stopped as StopExecution stops it, so the run is
   * recorded as ended (the status-change rule closes its record), and the outcome is returned as usual.
   */
  signal?: AbortSignal;
};

/** The error a run stopped by its user ends with. */
const INTERRUPTED_BY_USER = 'Local.Interrupted';

const collect = async (write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await Promise.all([write(out), new Promise((resolve) => out.on('end', resolve))]);
  return Buffer.concat(chunks);
};

/** An archive to upload: its bytes and a file name the API accepts. */
type SourceArchive = { bytes: Buffer; fileName: string };

/** The archive bytes and a file name the API accepts. */
const archiveOf = async (source: string): Promise<SourceArchive> => {
  const stat = statSync(source);
  const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 80) || 'source';
  if (stat.isDirectory()) {
    const bytes = await collect((out) => packDirectory(source, out, 'tar.gz'));
    return { bytes, fileName: `${safeName(basename(source))}.tar.gz` };
  }
  const name = basename(source);
  const match = /\.(zip|tar\.gz|tgz)$/i.exec(name);
  // The format is detected from the bytes when the run splits it; the name only has to be one the API accepts.
  const fileName = match ? `${safeName(name.slice(0, -match[0].length))}.${match[1].toLowerCase()}` : `${safeName(name)}.zip`;
  return { bytes: await readFile(source), fileName };
};

/**
 * Uploads an archive as a customer does: asks the REST API for a presigned URL, then PUTs the bytes to it. Returns
 * where the archive now is, as the run's input names it.
 *
 * @example
 * const source = await uploadArchive(api, 'acme', await archiveOf('examples/abap-erp-custom'));
 */
const uploadArchive = async (api: ApiClient, customerId: string, archive: SourceArchive): Promise<{ bucket: string; key: string }> => {
  const upload = await api.request<{ uploadUrl: string; headers: Record<string, string>; source: { bucket: string; key: string }; message?: string; error?: string }>(
    'POST',
    `/customers/${encodeURIComponent(customerId)}/uploads`,
    { fileName: archive.fileName, contentLength: archive.bytes.length },
  );
  if (upload.status !== 201) throw new Error(`Upload refused (${upload.status}): ${upload.body.message ?? JSON.stringify(upload.body)}`);
  // S3 may answer a PUT 503 SlowDown or 500 (so may the local one, under LOCAL_FAULTS): try again, as the SDKs do.
  for (let attempt = 1; ; attempt += 1) {
    const put = await fetch(upload.body.uploadUrl, { method: 'PUT', headers: upload.body.headers, body: archive.bytes });
    if (put.ok) return upload.body.source;
    const text = await put.text();
    if (put.status < 500 || attempt >= UPLOAD_ATTEMPTS) throw new Error(`Upload PUT failed (${put.status}): ${text}`);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** attempt));
  }
};

/** Attempts of an upload PUT that S3 answers with a 5xx. */
const UPLOAD_ATTEMPTS = 5;

const SPLIT_STATE = 'Split source into units';

/** The split's counts, once Split source into units has succeeded (read from the execution history). */
const splitCounts = async (sfn: SFNClient, executionArn: string): Promise<{ units: number; loc: number } | undefined> => {
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  const entered = events.find((event) => event.type === 'TaskStateEntered' && event.stateEnteredEventDetails?.name === SPLIT_STATE);
  if (!entered) return undefined;
  const exited = events.find((event) => event.type === 'TaskStateExited' && event.stateExitedEventDetails?.name === SPLIT_STATE);
  if (!exited?.stateExitedEventDetails?.output) return undefined;
  const output = JSON.parse(exited.stateExitedEventDetails.output) as { units?: number; loc?: number };
  return output.units === undefined ? undefined : { units: output.units, loc: output.loc ?? 0 };
};

/**
 * @example
 * const outcome = await runAnalysis({ customerId: 'demo', runId: 'r1', source: 'examples/abap-erp-custom', api, sfn, stateMachineArn, reporter });
 */
const runAnalysis = async (options: RunAnalysisOptions): Promise<RunOutcome> => {
  const { customerId, runId, api, sfn, reporter } = options;
  const started = Date.now();
  const { bytes, fileName } = await archiveOf(options.source);
  const packed = Date.now();
  reporter.status(`Packed ${options.source} → ${fileName} (${(bytes.length / 1024).toFixed(1)} KiB)`);

  const source = await uploadArchive(api, customerId, { bytes, fileName });
  reporter.status(`Uploaded to s3://${source.bucket}/${source.key}`);
  const uploaded = Date.now();

  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: options.stateMachineArn,
      name: executionName(customerId, runId),
      input: JSON.stringify({ customerId, runId, source, options: options.options ?? {} }),
    }),
  );
  reporter.status(`Started run ${runId}: ${executionArn}`);

  const pollMs = options.pollMs ?? 250;
  let stopping: Promise<unknown> | undefined;
  let counts: { units: number; loc: number } | undefined;
  let analyzeStarted: number | undefined;
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') {
      reporter.done();
      return {
        runId,
        executionArn: executionArn!,
        status: execution.status ?? 'UNKNOWN',
        output: execution.output ? JSON.parse(execution.output) : undefined,
        error: execution.error,
        cause: execution.cause,
        source,
        units: counts?.units,
        loc: counts?.loc,
        seconds: (Date.now() - started) / 1000,
        phases: { packSeconds: (packed - started) / 1000, uploadSeconds: (uploaded - packed) / 1000, executionSeconds: (Date.now() - uploaded) / 1000 },
      };
    }
    if (options.signal?.aborted && !stopping) {
      reporter.done();
      reporter.status(`Stopping run ${runId}…`);
      stopping = sfn.send(new StopExecutionCommand({ executionArn, error: INTERRUPTED_BY_USER, cause: 'The user interrupted the command that started the run (Ctrl-C)' }));
      await stopping;
      continue;
    }
    counts ??= await splitCounts(sfn, executionArn!);
    if (counts) {
      const { mapRuns = [] } = await sfn.send(new ListMapRunsCommand({ executionArn }));
      if (mapRuns[0]?.mapRunArn) {
        analyzeStarted ??= Date.now();
        const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns[0].mapRunArn }));
        const total = run.itemCounts?.total ?? 0;
        const done = (run.itemCounts?.succeeded ?? 0) + (run.itemCounts?.failed ?? 0);
        const share = total > 0 ? done / total : 0;
        const seconds = Math.max(0.001, (Date.now() - analyzeStarted) / 1000);
        const unitsDone = Math.round(share * counts.units);
        reporter.progress(
          `Analyzing units: ${unitsDone}/${counts.units} units, ${Math.round((share * counts.loc) / seconds).toLocaleString('en-US')} lines/s`,
        );
      } else {
        reporter.progress(`Split into ${counts.units} units (${counts.loc.toLocaleString('en-US')} lines); starting analysis`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
};

export { INTERRUPTED_BY_USER, archiveOf, runAnalysis, uploadArchive };
export type { RunAnalysisOptions, RunOutcome, SourceArchive };
