/**
 * npm start: a whole analysis, locally. Brings the application up (or attaches to a running `npm run local`),
 * onboards the customer if needed, uploads the code through the API's presigned URL, starts the run through the
 * Step Functions API, follows it, and prints the summary, where the encrypted report is, and how to read and
 * trace it. Exits 0 only when the run succeeded.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NOT_ANALYSED_SKIP_REASONS, notAnalyzedHeadline, type NotAnalyzedSummary, type Report } from '../../../functions/lib/report';
import { describeFailedBatches } from '../../../functions/lib/run';
import { DEFAULT_CONSOLE_PORT, ensureCustomer, openSession, readFailedBatches, readRunReport, reportSourcesOf, runAnalysis, timeline, type Reporter, type RunOutcome, type Session } from '../../app';
import { runPath } from '../../console/paths';
import { countsSince, summarizeFaults } from '../../faults';
import { customerIdProblem, runIdProblem } from '../../../functions/lib/ids';
import { COMMON_FLAGS, ExitCodes, UsageError, reporterFor, runCommand } from './common';

const USAGE = `Usage: npm start [-- [--source <dir|file.zip|file.tar.gz>] [--customer <id>] [--run-id <id>] [--fresh] [--quiet|--verbose]]

Analyses a code base locally, end to end, with no AWS account: by default the bundled example
examples/abap-erp-custom for the demo customer "demo". A directory is packed into a tar.gz and uploaded
like any other archive. An AngularJS code base (--source examples/angularjs-shop) also gets a migration
assessment: hybrid upgrade or rewrite, with the reasons and the cross-file findings.

Options:
  --source <path>      directory, .zip or .tar.gz to analyse (default: examples/abap-erp-custom)
  --customer <id>      customer id; onboarded with a local key if new (default: demo)
  --run-id <id>        run id (default: a new one); a used run id is refused
  --max-items-per-batch <n>  units per analysis invocation for this run (default 5, so a small code base is
                       still spread over every core; the deployed default is the template's MapMaxItemsPerBatch)
  --fresh              start from an empty state directory
  --state-dir <dir>    state directory (default: .local)
  -q, --quiet / -v, --verbose

Exit codes: 0 the run succeeded; 1 usage or setup error; 2 the run failed.`;

type Summary = {
  units: number;
  unitsAnalyzed: number;
  unitsFromCache: number;
  unitsFailed: number;
  loc: number;
  findings: number;
  acknowledgedFindings: number;
  generatedFindings: number;
  bySeverity: Record<string, number>;
  requiredEffortMinutes: number;
  cleanupEffortMinutes: number;
  requiredEffortRange: { low: number; likely: number; high: number };
  cleanupEffortRange: { low: number; likely: number; high: number };
  personDays: { required: number; cleanup: number };
  impactedUnits: Record<string, number>;
  byRule?: Record<string, { count: number; effortMinutes: number; effortClass: string }>;
  rulePacks: string[];
  skippedFiles: number;
  /** What was not analysed (absent from runs recorded before it). */
  notAnalyzed?: NotAnalyzedSummary;
  /** Code-base assessments (absent from runs recorded before them). */
  assessments?: Array<{
    rulePack: string;
    approach?: string;
    score?: number;
    threshold?: number;
    codebaseFindings: number;
    reasons?: string[];
    /** "no AngularJS found: …" when the code base has nothing the pack assesses. */
    notApplicable?: string;
  }>;
};

/**
 * The functions a run calls, in the order it calls them, AnalyzeUnits twice (the map runs two batches at once on two
 * cores; a pool sized otherwise warms what it can): warmed
 * while the customer is onboarded and the archive packed and uploaded, so the run itself meets warm environments.
 */
const RUN_FUNCTIONS = ['CreateUploadFunction', 'SplitSourceFunction', 'AnalyzeUnitsFunction', 'AnalyzeUnitsFunction', 'AggregateFindingsFunction', 'EncryptReportFunction'] as const;

/** `--verbose`: where the wall time of this command went, phase by phase, and the execution's states. */
const printTimings = async (reporter: Reporter, session: Session, marks: { loadSeconds: number; servicesSeconds: number; customerSeconds: number }, outcome: RunOutcome): Promise<void> => {
  const states = await session.clients.sfn
    .send(new GetExecutionHistoryCommand({ executionArn: outcome.executionArn, maxResults: 1000 }))
    .then(({ events = [] }) => timeline(events).filter((span) => span.end !== undefined && span.end - span.start >= 0.05))
    .catch(() => []);
  const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
  reporter.verbose(
    `Time: CLI loaded ${s(marks.loadSeconds)}, services ${s(marks.servicesSeconds)}, customer ${s(marks.customerSeconds)}, pack ${s(outcome.phases.packSeconds)}, upload ${s(outcome.phases.uploadSeconds)}, execution ${s(outcome.phases.executionSeconds)}` +
      (states.length > 0 ? ` (${states.map((span) => `${span.name} ${s(span.end! - span.start)}`).join(', ')})` : ''),
  );
};

/** Units per analysis batch locally: small, so that the bundled example's two dozen units keep both cores busy. */
const LOCAL_ITEMS_PER_BATCH = 5;

const newRunId = (): string => `run-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${Math.random().toString(36).slice(2, 6)}`;

/** The migration assessment of each rule pack with a code-base phase: approach, score against threshold, reasons. */
const printAssessments = (assessments: NonNullable<Summary['assessments']>, out: (line?: string) => boolean): void => {
  if (assessments.length === 0) return;
  out();
  out('Migration assessment');
  for (const assessment of assessments) {
    if (assessment.notApplicable !== undefined) {
      out(`  ${assessment.rulePack}: ${assessment.notApplicable}; no recommendation`);
      continue;
    }
    const figures =
      assessment.approach === undefined
        ? 'no recommendation'
        : `${assessment.approach} (score ${(assessment.score ?? 0).toLocaleString('en-US')} ${(assessment.score ?? 0) <= (assessment.threshold ?? 0) ? '≤' : '>'} rewrite threshold ${(assessment.threshold ?? 0).toLocaleString('en-US')})`;
    out(`  ${assessment.rulePack}: ${figures}, ${assessment.codebaseFindings} cross-file finding${assessment.codebaseFindings === 1 ? '' : 's'}`);
    for (const reason of assessment.reasons ?? []) out(`    - ${reason}`);
  }
};

/** How many not-analysed units and unreadable files the console names; the report names them all. */
const NAMED_NOT_ANALYSED = 10;

/** The units and unreadable source files a run left out, each by path (and object) with its reason, from the report. */
const printNotAnalysed = (report: Report, out: (line?: string) => boolean): void => {
  const units = report.notAnalyzedUnits.map((unit) => {
    const object = unit.objectName === undefined ? '' : ` (${unit.objectType === undefined ? '' : `${unit.objectType} `}${unit.objectName})`;
    return `  ${unit.path}${object}: ${unit.reason.code} — ${unit.reason.message}`;
  });
  const files = report.skippedFiles
    .filter((file) => NOT_ANALYSED_SKIP_REASONS.has(file.reason))
    .map((file) => `  ${file.path}: ${file.reason}${file.detail === undefined ? '' : ` — ${file.detail}`}`);
  const named = [...units, ...files];
  for (const line of named.slice(0, NAMED_NOT_ANALYSED)) out(line);
  if (named.length > NAMED_NOT_ANALYSED) out(`  … and ${named.length - NAMED_NOT_ANALYSED} more (npm run report)`);
};

/** The run's page in the console: the running `npm run local`'s, or where it will be once `npm run local` runs. */
const consoleLine = (session: Session, customerId: string, runId: string): string => {
  if (session.endpoints.console) return `Console: ${session.endpoints.console}${runPath(customerId, runId)}`;
  const port = process.env.LOCAL_PORT_CONSOLE ?? String(DEFAULT_CONSOLE_PORT);
  return `Console: http://127.0.0.1:${port}${runPath(customerId, runId)}   (open it while npm run local runs)`;
};

const printSummary = (outcome: RunOutcome, summary: Summary, customerId: string, report: { bucket: string; key: string }, decrypted: Report, faultLine?: string): void => {
  const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
  const pad = (value: string | number, width: number): string => String(value).padStart(width);
  out();
  out(`Run ${outcome.runId} of customer ${customerId}: ${outcome.status} in ${outcome.seconds.toFixed(1)} s`);
  out(`  units ${summary.units} (${summary.unitsAnalyzed} analysed, ${summary.unitsFromCache} from cache, ${summary.unitsFailed} failed), ${summary.loc.toLocaleString('en-US')} lines, ${summary.skippedFiles} files skipped`);
  if (faultLine) out(`  ${faultLine}`);
  out(`  rule packs: ${summary.rulePacks.join(', ')}`);
  out();
  out(`Findings by severity    findings   units with a finding of this severity or worse`);
  for (const severity of ['blocker', 'critical', 'major', 'minor', 'info']) {
    out(`  ${severity.padEnd(20)} ${pad(summary.bySeverity[severity] ?? 0, 8)}   ${pad(summary.impactedUnits[severity] ?? 0, 8)}`);
  }
  out(`  ${'total'.padEnd(20)} ${pad(summary.findings, 8)}`);
  out(`  reported apart, no effort: ${summary.acknowledgedFindings} acknowledged in the code, ${summary.generatedFindings} in generated code`);
  const rules = Object.entries(summary.byRule ?? {}).sort((a, b) => b[1].effortMinutes - a[1].effortMinutes);
  if (rules.length > 0) {
    out();
    out('Findings by rule (most effort first)');
    for (const [rule, totals] of rules.slice(0, 15)) {
      out(`  ${rule.padEnd(34)} ${pad(totals.count, 6)}   ${pad(totals.effortMinutes.toLocaleString('en-US'), 8)} min   ${{ cleanup: 'clean-up', mixed: 'required and clean-up' }[totals.effortClass] ?? totals.effortClass}`);
    }
    if (rules.length > 15) out(`  … and ${rules.length - 15} more rules`);
  }
  printAssessments(summary.assessments ?? [], out);
  out();
  const minutes = (value: number): string => value.toLocaleString('en-US');
  // The headline is the work the conversion requires; clean-up stands beside it and is never added to it.
  out(
    `Required effort: ${summary.personDays.required} person-days (${minutes(summary.requiredEffortMinutes)} min; ` +
      `low ${minutes(summary.requiredEffortRange.low)}, high ${minutes(summary.requiredEffortRange.high)})`,
  );
  out(
    `  clean-up beside it, not included: ${summary.personDays.cleanup} person-days (${minutes(summary.cleanupEffortMinutes)} min; ` +
      `low ${minutes(summary.cleanupEffortRange.low)}, high ${minutes(summary.cleanupEffortRange.high)})`,
  );
  out(`Not analysed: ${notAnalyzedHeadline(summary.notAnalyzed ?? decrypted.summary.notAnalyzed)}`);
  printNotAnalysed(decrypted, out);
  out();
  out(`Encrypted report (AWS Encryption SDK, key of ${customerId}): s3://${report.bucket}/${report.key}`);
  out(`  read it:   npm run report -- ${customerId} ${outcome.runId} --format md`);
  out(`  trace it:  npm run trace -- ${outcome.executionArn}`);
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      ...COMMON_FLAGS,
      source: { type: 'string' },
      customer: { type: 'string' },
      'run-id': { type: 'string' },
      'max-items-per-batch': { type: 'string' },
      fresh: { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return ExitCodes.Success;
  }
  const reporter = reporterFor(values);
  const customerId = values.customer ?? 'demo';
  const runId = values['run-id'] ?? newRunId();
  // Refused here as the API would refuse them, before anything is packed or uploaded.
  const customerProblem = customerIdProblem(customerId);
  if (customerProblem) throw new UsageError(`--customer ${customerId} ${customerProblem}`);
  const runProblem = runIdProblem(runId);
  if (runProblem) throw new UsageError(`--run-id ${runId} ${runProblem}`);
  const source = resolve(values.source ?? 'examples/abap-erp-custom');
  const batch = Number(values['max-items-per-batch'] ?? LOCAL_ITEMS_PER_BATCH);
  if (!Number.isInteger(batch) || batch < 1) throw new UsageError('--max-items-per-batch takes a positive whole number');

  // Ctrl-C stops the run rather than the process: the run is recorded as ended, never left RUNNING.
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  const loadSeconds = process.uptime();
  let mark = Date.now();
  const lap = (): number => {
    const seconds = (Date.now() - mark) / 1000;
    mark = Date.now();
    return seconds;
  };
  reporter.status('Starting the local services…');
  const session = await openSession({ reporter, fresh: values.fresh, stateDir: values['state-dir'] });
  const servicesSeconds = lap();
  // Environments of the run's functions start now, one core's worth, while the upload goes on (not when attached to
  // `npm run local`, whose pool is in its own process and already warm after its first run).
  session.app?.pool.prewarm(RUN_FUNCTIONS).catch((error: Error) => reporter.debug(`prewarm: ${error.message}`));
  try {
    const table = session.manifest.tables[0].name;
    const analysis = session.manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine');
    if (!analysis) throw new Error('template.yaml has no AnalysisStateMachine');
    const { created } = await ensureCustomer(session.clients.dynamodb, customerId, { tableName: table, keystoreDir: session.keystoreDir });
    if (created) reporter.status(`Onboarded customer ${customerId} (local key in ${session.keystoreDir})`);
    const customerSeconds = lap();

    const faultsBefore = session.faultCounts();
    const outcome = await runAnalysis({
      customerId,
      runId,
      source,
      // As the customer itself: its own credentials, its own routes.
      api: await session.apiAs({ kind: 'customer', customerId }),
      sfn: session.clients.sfn,
      stateMachineArn: analysis.aliasArn ?? analysis.arn,
      reporter,
      options: { maxItemsPerBatch: batch },
      signal: interrupt.signal,
    });
    await printTimings(reporter, session, { loadSeconds, servicesSeconds, customerSeconds }, outcome);
    const faultsAfter = session.faultCounts();
    const faultLine = faultsAfter ? summarizeFaults(faultsBefore ? countsSince(faultsAfter, faultsBefore) : faultsAfter) : undefined;
    if (outcome.status !== 'SUCCEEDED') {
      process.stdout.write(`\nRun ${runId} of customer ${customerId}: ${outcome.status}\n  error: ${outcome.error ?? '-'}\n  cause: ${outcome.cause ?? '-'}\n`);
      // A failed analysis map says only that its threshold was exceeded: name the units and why, from its results.
      const failed = await readFailedBatches(session, customerId, runId).catch(() => []);
      if (failed.length > 0) process.stdout.write(`  units: ${describeFailedBatches(failed)}\n`);
      if (faultLine) process.stdout.write(`  ${faultLine}\n`);
      process.stdout.write(`  trace it:  npm run trace -- ${outcome.executionArn}\n`);
      process.stdout.write(`${consoleLine(session, customerId, runId)}\n`);
      return ExitCodes.Failed;
    }
    const { Item } = await DynamoDBDocumentClient.from(session.clients.dynamodb).send(
      new GetCommand({ TableName: table, Key: { PK: `CUSTOMER#${customerId}`, SK: `RUN#${runId}` } }),
    );
    if (!Item || Item.status !== 'PUBLISHED' || typeof Item.summary !== 'string') {
      process.stdout.write(`\nRun ${runId}: the execution succeeded but the run record is ${Item?.status ?? 'missing'}\n`);
      return ExitCodes.Failed;
    }
    const report = await readRunReport(reportSourcesOf(session), customerId, runId);
    printSummary(outcome, JSON.parse(Item.summary) as Summary, customerId, { bucket: Item.reportBucket, key: Item.reportKey }, report, faultLine);
    process.stdout.write(`\n${consoleLine(session, customerId, runId)}\n`);
    return ExitCodes.Success;
  } finally {
    await session.close();
  }
};

runCommand(USAGE, main);
