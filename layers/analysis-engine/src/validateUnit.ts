import { Languages } from './constants';
import { InvalidUnitError } from './errors';
import type { Language, Unit } from './types';

const LANGUAGE_VALUES: readonly string[] = Object.values(Languages);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * Checks that a value has the agreed unit shape and returns it typed. Units cross a process boundary (S3 manifest →
 * Map item → Lambda), so the engine checks them instead of trusting the type.
 *
 * @throws InvalidUnitError naming the first field that is wrong and how.
 * @example
 * const unit = validateUnit(JSON.parse(body));
 */
const validateUnit = (value: unknown): Unit => {
  if (!isRecord(value)) throw new InvalidUnitError('(unit)', `must be an object, got ${describe(value)}`);
  const unitId = typeof value.unitId === 'string' ? value.unitId : undefined;
  const fail = (field: string, problem: string): never => {
    throw new InvalidUnitError(field, problem, { unitId });
  };
  if (unitId === undefined || unitId.length === 0) fail('unitId', `must be a non-empty string, got ${describe(value.unitId)}`);
  if (typeof value.language !== 'string' || !LANGUAGE_VALUES.includes(value.language)) {
    fail('language', `must be one of ${LANGUAGE_VALUES.join(', ')}, got ${JSON.stringify(value.language) ?? 'undefined'}`);
  }
  if (typeof value.path !== 'string') fail('path', `must be a string, got ${describe(value.path)}`);
  for (const key of ['objectType', 'objectName'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') fail(key, `must be a string when present, got ${describe(value[key])}`);
  }
  if (typeof value.loc !== 'number' || !Number.isFinite(value.loc) || value.loc < 0) {
    fail('loc', `must be a non-negative number, got ${JSON.stringify(value.loc) ?? 'undefined'}`);
  }
  const checkFiles = (field: 'files' | 'context'): void => {
    if (!Array.isArray(value[field])) return fail(field, `must be an array, got ${describe(value[field])}`);
    (value[field] as unknown[]).forEach((file, index) => {
      if (!isRecord(file)) return fail(`${field}[${index}]`, `must be an object, got ${describe(file)}`);
      if (typeof file.path !== 'string' || file.path.length === 0) fail(`${field}[${index}].path`, 'must be a non-empty string');
      if (file.name !== undefined && (typeof file.name !== 'string' || file.name.length === 0)) fail(`${field}[${index}].name`, 'must be a non-empty string when present');
      if (typeof file.text !== 'string') fail(`${field}[${index}].text`, `must be a string, got ${describe(file.text)}`);
      return undefined;
    });
    return undefined;
  };
  checkFiles('files');
  if (value.context !== undefined) checkFiles('context');
  return { ...(value as Unit), language: value.language as Language };
};

export { validateUnit };
