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

/**
 * What the report needs: the report without what is the run's own (its ids, times and source, generatedAt) and without
 * its version (which is in the result's address).
 */
type RunResultReport = Omit<Report, 'reportVersion' | 'run' | 'generatedAt'>;

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
  // The run's own part is set by the report step (see serializeRunReport); these stand in for it.
  const { reportVersion: _version, run: _run, generatedAt: _generatedAt, ...report } = buildReport({
    run: { customerId, runId: 'result', rulePacks, startedAt: new Date(0).toISOString(), finishedAt: new Date(0).toISOString(), sourceArchive: 'result' },
    units: [...units, ...failedUnits],
    skippedFiles: split.skipped,
    encodings: split.encodings ?? [],
    assessments,
  });
  return { summary: { rulePacks, findings, assessments, rows }, report };
};

const readPart = async (blobs: S3BlobStore, bucket: string, key: string): Promise<string | undefined> => {
  try {
    return gunzipSync(await blobs.get(bucket, key)).toString('utf8');
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
 * One part of a run's result, as its JSON text: read from its content address when a run with the same findings built
 * it, else built from the findings objects (and both parts stored, when the options say so and the run can be
 * reused). JSON text, because the report step writes it into the report as it is (see serializeRunReport).
 *
 * @returns the part's JSON, and whether it was read rather than built
 * @example
 * const { json, reused } = await runResultPart(blobs, { customerId, run, split, skippedFiles }, 'summary', { storeUnderKey: customerKeyId });
 * const summary = JSON.parse(json) as RunResultSummary;
 */
const runResultPart = async (blobs: S3BlobStore, input: RunResultInput, part: keyof RunResultParts, options: RunResultOptions = {}): Promise<{ json: string; reused: boolean }> => {
  const digest = runResultDigest(input);
  const keyOf = (name: keyof RunResultParts): string => runResultKey(input.customerId, digest!, name);
  if (digest !== undefined) {
    const stored = await readPart(blobs, input.run.bucket, keyOf(part));
    if (stored !== undefined) return { json: stored, reused: true };
  }
  const built = await buildRunResult(blobs, input, options);
  const json = { summary: JSON.stringify(built.summary), report: JSON.stringify(built.report) };
  if (digest !== undefined && options.storeUnderKey !== undefined) {
    const sealed = { contentType: 'application/gzip', ...underCustomerKey(input.customerId, options.storeUnderKey) };
    // The report first: a summary found means its report is there too.
    await blobs.put(input.run.bucket, keyOf('report'), gzipSync(json.report), sealed);
    await blobs.put(input.run.bucket, keyOf('summary'), gzipSync(json.summary), sealed);
  }
  return { json: json[part], reused: false };
};

/**
 * The run's serialized report (as serializeReport writes it): the run's own version, time, ids and source, then the
 * result's report content as it is, so a report of many findings is neither parsed nor serialized again.
 *
 * @example
 * const plaintext = serializeRunReport(json, { customerId, runId, startedAt, finishedAt, sourceArchive }, new Date());
 */
const serializeRunReport = (contentJson: string, run: Report['run'], generatedAt: Date): Buffer => {
  const head = JSON.stringify({ reportVersion: REPORT_VERSION, generatedAt: generatedAt.toISOString(), run });
  return Buffer.from(`${head.slice(0, -1)},${contentJson.slice(1)}`, 'utf8');
};

export { runResultDigest, runResultPart, RUN_RESULT_FORMAT, serializeRunReport };
export type { RunResultInput, RunResultOptions, RunResultParts, RunResultReport, RunResultSummary };
