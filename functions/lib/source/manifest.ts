/**
 * The JSONL manifest of a run (`runs/{customerId}/{runId}/manifest.jsonl`): one line per distinct unit, read by the
 * Distributed Map's ItemReader. Each line becomes a Map item, and Map items are execution data, so a line holds ids,
 * paths and counts, never source text.
 */
import { Languages, ProgramTypes } from './constants';
import { InvalidUnitError } from './errors';
import type { UnitSummary } from './types';

const LANGUAGES = new Set<string>(Object.values(Languages));
const PROGRAM_TYPES = new Set<string>(Object.values(ProgramTypes));
const UNIT_ID = /^[0-9a-f]{64}$/;

/**
 * One manifest line (without the trailing newline), with a fixed key order.
 *
 * @example
 * const body = result.units.map(toManifestLine).join('\n') + '\n';
 * // {"unitId":"9f2c…","language":"abap","objectType":"CLAS","objectName":"ZCL_X","path":"src/zcl_x.clas.abap",…}
 */
const toManifestLine = (summary: UnitSummary): string =>
  JSON.stringify({
    unitId: summary.unitId,
    language: summary.language,
    objectType: summary.objectType,
    objectName: summary.objectName,
    programType: summary.programType,
    path: summary.path,
    files: summary.files,
    loc: summary.loc,
    bytes: summary.bytes,
    ...(summary.duplicates === undefined || summary.duplicates.length === 0 ? {} : { duplicates: summary.duplicates }),
  });

/** Checks that `value` is an array of non-empty strings. */
const isPathList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');

/**
 * Parses one manifest line back into a unit summary (what an analysis task receives as its Map item).
 *
 * @throws InvalidUnitError naming the offending field
 * @example
 * const summary = parseManifestLine(line);
 * const key = `units/${customerId}/${summary.unitId}`;
 */
const parseManifestLine = (line: string): UnitSummary => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw new InvalidUnitError('(root)', 'manifest line is not JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidUnitError('(root)', 'manifest line is not an object');
  }
  const r = parsed as Record<string, unknown>;
  if (typeof r.unitId !== 'string' || !UNIT_ID.test(r.unitId)) {
    throw new InvalidUnitError('unitId', 'expected 64 lowercase hex digits');
  }
  if (typeof r.language !== 'string' || !LANGUAGES.has(r.language)) {
    throw new InvalidUnitError('language', `expected one of ${[...LANGUAGES].join(', ')}`);
  }
  for (const key of ['objectType', 'objectName'] as const) {
    if (r[key] !== undefined && (typeof r[key] !== 'string' || r[key] === '')) {
      throw new InvalidUnitError(key, 'expected a non-empty string');
    }
  }
  if (r.programType !== undefined && (typeof r.programType !== 'string' || !PROGRAM_TYPES.has(r.programType))) {
    throw new InvalidUnitError('programType', `expected one of ${[...PROGRAM_TYPES].join(', ')}`);
  }
  if (typeof r.path !== 'string' || r.path === '') throw new InvalidUnitError('path', 'expected a non-empty string');
  if (!isPathList(r.files) || r.files.length === 0) {
    throw new InvalidUnitError('files', 'expected a non-empty array of paths');
  }
  for (const key of ['loc', 'bytes'] as const) {
    if (typeof r[key] !== 'number' || !Number.isInteger(r[key]) || (r[key] as number) < 0) {
      throw new InvalidUnitError(key, 'expected a non-negative integer');
    }
  }
  if (r.duplicates !== undefined && !isPathList(r.duplicates)) {
    throw new InvalidUnitError('duplicates', 'expected an array of paths');
  }
  return r as UnitSummary;
};

export { parseManifestLine, toManifestLine };
