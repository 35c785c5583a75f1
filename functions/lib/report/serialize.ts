/**
 * The stored form of a report: UTF-8 JSON, which is what gets encrypted. Parsing checks the version and the shape the
 * renderers rely on, so a report written by another version fails clearly instead of rendering half.
 */
import { REPORT_VERSION, SEVERITY_RANK } from './constants';
import { InvalidReportInputError, MalformedReportError, UnsupportedReportVersionError } from './errors';
import type { Report } from './types';
import { validateAssessment, validateFinding } from './validate';

/**
 * The report as UTF-8 JSON bytes, ready for `encryptReport`.
 *
 * @example
 * const ciphertext = await encryptReport(serializeReport(report), keyring, { customerId, runId });
 */
function serializeReport(report: Report): Uint8Array {
  return Buffer.from(JSON.stringify(report), 'utf8');
}

function check(condition: boolean, path: string, reason: string): void {
  if (!condition) throw new MalformedReportError(path, reason);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Runs a report-input check on a part of a stored report, reporting its failure as a malformed report. */
function asStored(checkPart: () => void): void {
  try {
    checkPart();
  } catch (error) {
    if (error instanceof InvalidReportInputError) throw new MalformedReportError(error.path, error.reason, { cause: error });
    throw error;
  }
}

/**
 * Parses a decrypted report. Throws {@link UnsupportedReportVersionError} for another `reportVersion` and
 * {@link MalformedReportError} (with the path) for anything the renderers could not use. A report without
 * code-base assessments reads with `assessments: []`.
 *
 * @example
 * const report = parseReport(await decryptReport(ciphertext, keyring, { customerId, runId }));
 */
function parseReport(data: Uint8Array | string): Report {
  let value: unknown;
  try {
    value = JSON.parse(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch (error) {
    throw new MalformedReportError('(report)', 'not valid JSON', { cause: error });
  }
  check(isRecord(value), '(report)', 'expected an object');
  const report = value as Record<string, unknown>;
  if (report.reportVersion !== REPORT_VERSION) throw new UnsupportedReportVersionError(report.reportVersion, REPORT_VERSION);
  check(typeof report.generatedAt === 'string', 'generatedAt', 'expected a string');
  check(isRecord(report.run), 'run', 'expected an object');
  const run = report.run as Record<string, unknown>;
  for (const key of ['customerId', 'runId', 'startedAt', 'finishedAt', 'sourceArchive']) check(typeof run[key] === 'string', `run.${key}`, 'expected a string');
  check(isRecord(report.summary), 'summary', 'expected an object');
  for (const key of ['rulePacks', 'bySeverity', 'byRule', 'apart', 'objects', 'notAnalyzedUnits', 'skippedFiles']) {
    check(Array.isArray(report[key]), key, 'expected an array');
  }
  (report.bySeverity as unknown[]).forEach((group, index) => {
    check(isRecord(group) && typeof group.severity === 'string' && Object.prototype.hasOwnProperty.call(SEVERITY_RANK, group.severity), `bySeverity[${index}].severity`, 'expected a severity');
  });
  (report.objects as unknown[]).forEach((group, index) => {
    check(isRecord(group), `objects[${index}]`, 'expected an object');
    const object = group as Record<string, unknown>;
    check(typeof object.unitId === 'string' && typeof object.path === 'string', `objects[${index}]`, 'expected unitId and path');
    check(Array.isArray(object.findings), `objects[${index}].findings`, 'expected an array');
    (object.findings as unknown[]).forEach((finding, findingIndex) => asStored(() => validateFinding(finding, `objects[${index}].findings[${findingIndex}]`)));
  });
  // Added to the schema later: a report written before them reads as no assessments, no encodings and nothing
  // counted as not analysed.
  if (report.assessments === undefined) report.assessments = [];
  if (report.encodings === undefined) report.encodings = { byEncoding: [], files: [] };
  const summary = report.summary as Record<string, unknown>;
  if (summary.notAnalyzed === undefined) summary.notAnalyzed = { units: 0, files: 0, lines: 0, byReason: {} };
  check(Array.isArray(report.assessments), 'assessments', 'expected an array');
  (report.assessments as unknown[]).forEach((assessment, index) => asStored(() => validateAssessment(assessment, `assessments[${index}]`)));
  return report as unknown as Report;
}

export { parseReport, serializeReport };
