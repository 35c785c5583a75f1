/**
 * Functions as the console shows them: each function of the template with its configuration, its recent
 * invocations (duration, cold start and init, memory, outcome, the run it served) and its structured log lines,
 * filtered by run. Everything is read from the function's log (`<logs>/<LogicalId>.log`), which holds what Lambda
 * sends to CloudWatch: the platform's START / END / REPORT lines and the function's Powertools JSON lines (pretty
 * printed across lines locally, `POWERTOOLS_DEV`). A Powertools line names its invocation (`function_request_id`)
 * and its run (`customerId`, `runId`), which ties each invocation to a run.
 */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppManifest } from '../manifest';
import { ConsoleNotFoundError } from './errors';

/** The end of a log that is read: enough for thousands of invocations, and bounded however long the log grows. */
const TAIL_BYTES = 8 * 1024 * 1024;
const INVOCATIONS_SHOWN = 200;
const LINES_SHOWN = 500;

type RunRef = { customerId: string; runId: string };

type Invocation = {
  requestId: string;
  /** When its first structured line was written (the START line has no time). */
  timestamp?: string;
  durationMs?: number;
  /** Init duration of a cold start. */
  initMs?: number;
  coldStart: boolean;
  memorySizeMb?: number;
  maxMemoryUsedMb?: number;
  status: 'running' | 'succeeded' | 'failed' | 'timed out';
  errorName?: string;
  customerId?: string;
  runId?: string;
};

type LogLine = {
  requestId?: string;
  level: string;
  message: string;
  timestamp?: string;
  customerId?: string;
  runId?: string;
  /** Every other key of the structured line. */
  fields: Record<string, unknown>;
};

type FunctionRow = {
  logicalId: string;
  functionName: string;
  runtime: string;
  memoryMb: number;
  timeoutSeconds: number;
  invocations: number;
  coldStarts: number;
  errors: number;
  averageMs?: number;
  maxMs?: number;
};

type FunctionLog = { invocations: Invocation[]; lines: LogLine[]; others: string[] };

const PLATFORM_LINE = /^(START|END|REPORT) RequestId: ([0-9a-f-]+)(.*)$/;

const field = (text: string, name: string): number | undefined => {
  // `Duration` must not match inside `Init Duration`, whichever comes first.
  const match = new RegExp(`(?<!Init )${name}: ([\\d.]+)`).exec(text);
  return match ? Number(match[1]) : undefined;
};

/** The structured lines and platform lines of a log text; multi-line JSON objects are put back together. */
function parseLog(text: string): FunctionLog {
  const invocations = new Map<string, Invocation>();
  const lines: LogLine[] = [];
  const others: string[] = [];
  const invocationOf = (requestId: string): Invocation => {
    let invocation = invocations.get(requestId);
    if (!invocation) {
      invocation = { requestId, coldStart: false, status: 'running' };
      invocations.set(requestId, invocation);
    }
    return invocation;
  };
  const structured = (record: Record<string, unknown>): void => {
    const { level, message, timestamp, function_request_id: requestId, customerId, runId, cold_start: coldStart, function_memory_size: memory, ...fields } = record;
    const line: LogLine = {
      level: typeof level === 'string' ? level : 'INFO',
      message: typeof message === 'string' ? message : JSON.stringify(message),
      fields,
      ...(typeof requestId === 'string' ? { requestId } : {}),
      ...(typeof timestamp === 'string' ? { timestamp } : {}),
      ...(typeof customerId === 'string' ? { customerId } : {}),
      ...(typeof runId === 'string' ? { runId } : {}),
    };
    lines.push(line);
    if (!line.requestId) return;
    const invocation = invocationOf(line.requestId);
    invocation.timestamp ??= line.timestamp;
    if (coldStart === true) invocation.coldStart = true;
    if (memory !== undefined && invocation.memorySizeMb === undefined) invocation.memorySizeMb = Number(memory);
    if (line.customerId) invocation.customerId = line.customerId;
    if (line.runId) invocation.runId = line.runId;
    if (line.message === 'Invocation failed' || line.level === 'ERROR') {
      invocation.status = 'failed';
      if (typeof fields.errorName === 'string') invocation.errorName = fields.errorName;
    }
  };

  let pending: string[] | undefined;
  for (const raw of text.split('\n')) {
    if (pending) {
      pending.push(raw);
      // Powertools pretty-prints with the closing brace alone at the start of a line.
      if (raw === '}') {
        try {
          structured(JSON.parse(pending.join('\n')) as Record<string, unknown>);
        } catch {
          others.push(...pending);
        }
        pending = undefined;
      }
      continue;
    }
    if (raw === '{') {
      pending = [raw];
      continue;
    }
    if (raw.startsWith('{') && raw.endsWith('}')) {
      try {
        structured(JSON.parse(raw) as Record<string, unknown>);
        continue;
      } catch {
        // not JSON after all: kept as a plain line
      }
    }
    const platform = PLATFORM_LINE.exec(raw);
    if (platform) {
      const invocation = invocationOf(platform[2]);
      if (platform[1] === 'REPORT') {
        const rest = platform[3];
        invocation.durationMs = field(rest, 'Duration');
        invocation.initMs = field(rest, 'Init Duration');
        invocation.memorySizeMb = field(rest, 'Memory Size') ?? invocation.memorySizeMb;
        invocation.maxMemoryUsedMb = field(rest, 'Max Memory Used');
        if (invocation.initMs !== undefined) invocation.coldStart = true;
        if (/Status: timeout/.test(rest)) invocation.status = 'timed out';
        else if (invocation.status === 'running') invocation.status = 'succeeded';
      }
      continue;
    }
    if (raw.trim() !== '') others.push(raw);
  }
  return { invocations: [...invocations.values()], lines, others };
}

/** The end of a log file, from the first whole line. */
async function readTail(path: string): Promise<string> {
  const size = await stat(path).then((stats) => stats.size, () => -1);
  if (size < 0) return '';
  const start = Math.max(0, size - TAIL_BYTES);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}

/** A function's configuration and the totals of its logged invocations. */
const functionRow = (fn: AppManifest['functions'][number], invocations: readonly Invocation[]): FunctionRow => {
  const durations = invocations.map((invocation) => invocation.durationMs).filter((value): value is number => value !== undefined);
  return {
    logicalId: fn.logicalId,
    functionName: fn.functionName,
    runtime: fn.runtime,
    memoryMb: fn.memoryMb,
    timeoutSeconds: fn.timeoutSeconds,
    invocations: invocations.length,
    coldStarts: invocations.filter((invocation) => invocation.coldStart).length,
    errors: invocations.filter((invocation) => invocation.status === 'failed' || invocation.status === 'timed out').length,
    ...(durations.length > 0 ? { averageMs: Math.round(durations.reduce((sum, value) => sum + value, 0) / durations.length), maxMs: Math.max(...durations) } : {}),
  };
};

const matchesRun = (entry: { customerId?: string; runId?: string }, run: RunRef | undefined): boolean =>
  run === undefined || (entry.customerId === run.customerId && entry.runId === run.runId);

/**
 * @example
 * const functions = new FunctionsView(manifest, '.local/logs');
 * const { invocations, lines } = await functions.detail('SplitSourceFunction', { customerId: 'demo', runId: 'r1' });
 */
class FunctionsView {
  public constructor(
    private readonly manifest: AppManifest,
    private readonly logDir: string,
  ) {}

  public async list(): Promise<FunctionRow[]> {
    return Promise.all(this.manifest.functions.map(async (fn) => functionRow(fn, parseLog(await readTail(join(this.logDir, `${fn.logicalId}.log`))).invocations)));
  }

  /** The function's newest invocations and structured lines, those of one run when `run` is given. */
  public async detail(
    logicalId: string,
    run?: RunRef,
  ): Promise<{ function: FunctionRow; invocations: Invocation[]; totalInvocations: number; lines: LogLine[]; totalLines: number; others: string[]; runs: RunRef[] }> {
    const fn = this.manifest.functions.find((candidate) => candidate.logicalId === logicalId);
    if (!fn) throw new ConsoleNotFoundError(`template.yaml has no function ${logicalId}`);
    const log = parseLog(await readTail(join(this.logDir, `${fn.logicalId}.log`)));
    const runs = new Map<string, RunRef>();
    for (const invocation of log.invocations) {
      if (invocation.customerId && invocation.runId) runs.set(JSON.stringify([invocation.customerId, invocation.runId]), { customerId: invocation.customerId, runId: invocation.runId });
    }
    const invocations = log.invocations.filter((invocation) => matchesRun(invocation, run)).reverse();
    const lines = log.lines.filter((line) => matchesRun(line, run)).reverse();
    return {
      function: functionRow(fn, log.invocations),
      invocations: invocations.slice(0, INVOCATIONS_SHOWN),
      totalInvocations: invocations.length,
      lines: lines.slice(0, LINES_SHOWN),
      totalLines: lines.length,
      // Lines without structure (runtime warnings) belong to no run.
      others: run === undefined ? log.others.slice(-100) : [],
      runs: [...runs.values()].reverse(),
    };
  }
}

export { FunctionsView, parseLog };
export type { FunctionRow, Invocation, LogLine };
