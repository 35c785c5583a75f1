/**
 * The stored unit format: the body of the S3 object `units/{customerId}/{unitId}`, and the bytes whose SHA-256 is the
 * unitId.
 *
 * The body is UTF-8 JSON, written canonically (fixed key order, no whitespace, files sorted by name, absent fields
 * left out):
 *
 * ```json
 * {"v":1,"language":"abap","objectType":"CLAS","objectName":"ZCL_X",
 *  "files":[{"name":"zcl_x.clas.abap","text":"CLASS zcl_x DEFINITION…"},{"name":"zcl_x.clas.xml","text":"<?xml…"}]}
 * ```
 *
 * A program unit may end in `"context":[{"name","text"}…]`: files it is parsed with but not reported on.
 *
 * It holds what the analyzer needs and nothing that varies with where the code sits: no archive paths (they are in
 * the manifest line), so identical code has one id wherever it is, within a run and across runs.
 */
import { createHash } from 'node:crypto';
import { Languages, UNIT_FORMAT_VERSION } from './constants';
import { InvalidUnitError, UnitIntegrityError } from './errors';
import type { Language, SourceUnit } from './types';

/** A unit as stored: the hashed content. */
type StoredUnit = {
  v: typeof UNIT_FORMAT_VERSION;
  language: Language;
  objectType?: string;
  objectName?: string;
  /** Sorted by name. */
  files: Array<{ name: string; text: string }>;
  /** Files parsed with the unit but not reported on (includes of another program whose macros it calls); sorted by name. */
  context?: Array<{ name: string; text: string }>;
};

/** The fields of a unit that go into its stored form. */
type UnitContent = Pick<SourceUnit, 'language' | 'objectType' | 'objectName'> & {
  files: ReadonlyArray<{ name: string; text: string }>;
  context?: ReadonlyArray<{ name: string; text: string }>;
};

const LANGUAGES = new Set<string>(Object.values(Languages));
const STORED_KEYS = new Set(['v', 'language', 'objectType', 'objectName', 'files', 'context']);

/** Code-unit order, the same on every machine (no locale). */
const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Serialises a unit canonically; the SHA-256 of the result is its unitId.
 *
 * @example
 * const body = serializeUnit({ language: 'javascript', files: [{ name: 'app.js', text: 'angular.module("a", []);\n' }] });
 * const unitId = unitIdOf(body);
 */
const serializeUnit = (unit: UnitContent): Buffer => {
  const stored: StoredUnit = {
    v: UNIT_FORMAT_VERSION,
    language: unit.language,
    ...(unit.objectType === undefined ? {} : { objectType: unit.objectType }),
    ...(unit.objectName === undefined ? {} : { objectName: unit.objectName }),
    files: [...unit.files].sort(byName).map(({ name, text }) => ({ name, text })),
    ...(unit.context === undefined || unit.context.length === 0 ? {} : { context: [...unit.context].sort(byName).map(({ name, text }) => ({ name, text })) }),
  };
  return Buffer.from(JSON.stringify(stored), 'utf8');
};

/** The unitId of a serialised unit: lowercase hex SHA-256. */
const unitIdOf = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

/** Checks one field of a parsed unit. */
const requireString = (value: unknown, where: string, optional = false): void => {
  if (value === undefined && optional) return;
  if (typeof value !== 'string' || value === '') throw new InvalidUnitError(where, 'expected a non-empty string');
};

/**
 * Parses a stored unit and checks its shape; with `expectedUnitId`, also that its bytes hash to it (the S3 key).
 *
 * @throws InvalidUnitError naming the offending field
 * @throws UnitIntegrityError when the bytes do not hash to `expectedUnitId`
 * @example
 * const unit = parseUnit(await readObject(`units/${customerId}/${unitId}`), unitId);
 * unit.files[0].text;
 */
const parseUnit = (body: Buffer | string, expectedUnitId?: string): StoredUnit & { unitId: string } => {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const unitId = unitIdOf(bytes);
  if (expectedUnitId !== undefined && unitId !== expectedUnitId) throw new UnitIntegrityError(expectedUnitId, unitId);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new InvalidUnitError('(root)', 'not JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidUnitError('(root)', 'expected an object');
  }
  const record = parsed as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => !STORED_KEYS.has(key));
  if (unknownKey !== undefined) throw new InvalidUnitError(unknownKey, 'unknown field');
  if (record.v !== UNIT_FORMAT_VERSION) {
    throw new InvalidUnitError('v', `expected format version ${UNIT_FORMAT_VERSION}, got ${JSON.stringify(record.v)}`);
  }
  if (typeof record.language !== 'string' || !LANGUAGES.has(record.language)) {
    throw new InvalidUnitError('language', `expected one of ${[...LANGUAGES].join(', ')}`);
  }
  requireString(record.objectType, 'objectType', true);
  requireString(record.objectName, 'objectName', true);
  if (!Array.isArray(record.files) || record.files.length === 0) {
    throw new InvalidUnitError('files', 'expected a non-empty array');
  }
  const requireFiles = (files: unknown[], field: string): void =>
    files.forEach((file: unknown, i) => {
      if (typeof file !== 'object' || file === null) throw new InvalidUnitError(`${field}[${i}]`, 'expected an object');
      const { name, text } = file as Record<string, unknown>;
      requireString(name, `${field}[${i}].name`);
      if (typeof text !== 'string') throw new InvalidUnitError(`${field}[${i}].text`, 'expected a string');
    });
  requireFiles(record.files, 'files');
  if (record.context !== undefined) {
    if (!Array.isArray(record.context)) throw new InvalidUnitError('context', 'expected an array');
    requireFiles(record.context, 'context');
  }
  return { ...(record as StoredUnit), unitId };
};

export { parseUnit, serializeUnit, unitIdOf };
export type { StoredUnit, UnitContent };
