/**
 * A run's result: what aggregation and the report build from the run's pack findings (the summary's figures, one row
 * per unit, the report's content), built once per distinct set of findings. Aggregation builds it and, when the run
 * can be reused, stores it content-addressed under the customer's key (`units/{customerId}/results/…`, beside the
 * findings it comes from); the report step and every later run with the same findings read it instead of reading
 * each pack's findings object and running the code-base phase again.
 *
 * What a run's result depends on is in its address: the findings keys (each already content-addressed by its pack's
 * units and the rule-pack version, so one changed unit or another rule-pack version is another key), the split's
 * skipped files and encodings (the archive's, not the packs'), and the result and report formats. What belongs to one
 * run only (its ids, times, source key, which units came from the cache) is never in it: each run adds its own.
 * Imported from its own file (it runs the code-base phase, which loads the analysis-engine layer).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BlobNotFoundError, underCustomerKey, type S3BlobStore } from '../blob';
import { buildReport, REPORT_VERSION, summarizeFindings, unitTotals, type FindingsSummary, type Report, type ReportAssessment, type RulePack } from '../report';
import type { UnitRow } from '../store';
import { assessRun, type AssessRunOptions } from './assess-run';
import { failedBatchUnits } from './failed-units';
import { packFindingsPrefix, runResultKey } from './layout';
import { readRunUnits, type RunSources } from './run-units';
import type { SplitSummary } from './split-summary';

/** Bump when what a stored result holds, or how it is built, changes: older results are then not read. */
const RUN_RESULT_FORMAT = 1;

/** What aggregation needs: the summary's figures, the rule packs, the assessments and the unit rows (no cache flag). */
type RunResultSummary = {
  rulePacks: RulePack[];
  findings: FindingsSummary;
  assessments: ReportAssessment[];
  rows: Array<Omit<UnitRow, 'cached'>>;
};

/** What the report needs: the report without what is the run's own (its ids, times and source, generatedAt). */
type RunResultReport = Omit<Report, 'run' | 'generatedAt'>;

type RunResultParts = { summary: RunResultSummary; report: RunResultReport };

/** What a run's result is built from besides its findings: the split's summary and its count of skipped files. */
type RunResultInput = { customerId: string; run: RunSources; split: SplitSummary; skippedFiles: number };

/**
 * The content address of a run's result, or undefined when it cannot be reused: a batch failed (its units are in the
 * result as not analysed), or a pack's findings are kept under the run only (a unit stopped at a budget), so another
 * run with the same packs would analyse them again.
 */
const runResultDigest = ({ customerId, run, split, skippedFiles }: RunResultInput): string | undefined => {
  if (run.failedBatches.length > 0 || run.sources.length === 0) return undefined;
  if (!run.sources.every((source) => source.findingsKey.startsWith(packFindingsPrefix(customerId)))) return undefined;
  const findingsKeys = run.sources.map((source) => source.findingsKey).sort();
  const address = { format: RUN_RESULT_FORMAT, reportVersion: REPORT_VERSION, findingsKeys, skippedFiles, skipped: split.skipped, encodings: split.encodings ?? [] };
  return createHash('sha256').update(JSON.stringify(address)).digest('hex');
};

/** Builds a run's result from its findings objects: the code-base phase, the summary, the rows and the report. */
const buildRunResult = async (blobs: S3BlobStore, { customerId, run, split, skippedFiles }: RunResultInput, options: AssessRunOptions): Promise<RunResultParts> => {
  const { units: runUnits, rulePacks } = await readRunUnits(blobs, run);
  const { units, assessments } = assessRun(runUnits, options);
  // Units of failed batches count as not analysed (they have no rows: nothing was analysed).
  const failedUnits = failedBatchUnits(run.failedBatches);
  const findings = summarizeFindings([...units, ...failedUnits], { skippedFiles, skipped: split.skipped });
  const rows = units.map((unit) => {
    const totals = unitTotals(unit);
    return {
      unitId: unit.unitId,
      language: unit.language,
      loc: unit.loc,
      findings: totals.findings,
      bySeverity: totals.bySeverity,
      requiredEffortMinutes: totals.requiredEffortMinutes,
      cleanupEffortMinutes: totals.cleanupEffortMinutes,
    };
  });
  // The run's own part is set by the report step (see reportOfRun); these stand in for it.
  const { run: _run, generatedAt: _generatedAt, ...report } = buildReport({
    run: { customerId, runId: 'result', rulePacks, startedAt: new Date(0).toISOString(), finishedAt: new Date(0).toISOString(), sourceArchive: 'result' },
    units: [...units, ...failedUnits],
    skippedFiles: split.skipped,
    encodings: split.encodings ?? [],
    assessments,
  });
  return { summary: { rulePacks, findings, assessments, rows }, report };
};

const readPart = async <P extends keyof RunResultParts>(blobs: S3BlobStore, bucket: string, key: string): Promise<RunResultParts[P] | undefined> => {
  try {
    return JSON.parse(gunzipSync(await blobs.get(bucket, key)).toString('utf8')) as RunResultParts[P];
  } catch (error) {
    if (error instanceof BlobNotFoundError) return undefined;
    throw error;
  }
};

type RunResultOptions = AssessRunOptions & {
  /**
   * Store a newly built result for later runs under this customer key (aggregation does; the report step only reads).
   * Without a key nothing is stored: what is derived from code is kept only under the customer's key.
   */
  storeUnderKey?: string;
};

/**
 * One part of a run's result: read from its content address when a run with the same findings built it, else built
 * from the findings objects (and both parts stored, when the options say so and the run can be reused).
 *
 * @returns the part, and whether it was read rather than built
 * @example
 * const { part: summary, reused } = await runResultPart(blobs, { customerId, run, split, skippedFiles }, 'summary', { storeUnderKey: customerKeyId });
 */
const runResultPart = async <P extends keyof RunResultParts>(
  blobs: S3BlobStore,
  input: RunResultInput,
  part: P,
  options: RunResultOptions = {},
): Promise<{ part: RunResultParts[P]; reused: boolean }> => {
  const digest = runResultDigest(input);
  const keyOf = (name: keyof RunResultParts): string => runResultKey(input.customerId, digest!, name);
  if (digest !== undefined) {
    const stored = await readPart<P>(blobs, input.run.bucket, keyOf(part));
    if (stored !== undefined) return { part: stored, reused: true };
  }
  const built = await buildRunResult(blobs, input, options);
  if (digest !== undefined && options.storeUnderKey !== undefined) {
    const sealed = { contentType: 'application/gzip', ...underCustomerKey(input.customerId, options.storeUnderKey) };
    // The report first: a summary found means its report is there too.
    await blobs.put(input.run.bucket, keyOf('report'), gzipSync(JSON.stringify(built.report)), sealed);
    await blobs.put(input.run.bucket, keyOf('summary'), gzipSync(JSON.stringify(built.summary)), sealed);
  }
  return { part: built[part], reused: false };
};

/**
 * The run's report: the result's report content with the run's own ids, times and source.
 *
 * @example
 * const report = reportOfRun(part, { customerId, runId, rulePacks, startedAt, finishedAt, sourceArchive }, new Date());
 */
const reportOfRun = (content: RunResultReport, run: Report['run'], generatedAt: Date): Report => {
  const { reportVersion, ...rest } = content;
  return { reportVersion, generatedAt: generatedAt.toISOString(), run, ...rest };
};

export { reportOfRun, runResultDigest, runResultPart, RUN_RESULT_FORMAT };
export type { RunResultInput, RunResultOptions, RunResultParts, RunResultReport, RunResultSummary };
