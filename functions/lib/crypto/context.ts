/**
 * The encryption context of a report: exactly `{ customerId, runId }`. It is authenticated with the message (not
 * secret), so it binds a report to its customer and run: a report copied under another customer's or run's name
 * does not decrypt as that one.
 */
import { EncryptionContextKeys, RESERVED_CONTEXT_PREFIX } from './constants';
import { InvalidEncryptionContextError } from './errors';
import type { ContextMismatch } from './errors';

/** The customer and run a report belongs to. */
type ReportEncryptionContext = { customerId: string; runId: string };

const MAX_CONTEXT_VALUE_LENGTH = 256;
// Control characters would make error messages and the context itself ambiguous; ids never contain them.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Validates `{ customerId, runId }` and returns it as a plain Encryption SDK context object (no other keys).
 *
 * @example
 * toEncryptionContext({ customerId: 'acme', runId: 'run-7' }); // { customerId: 'acme', runId: 'run-7' }
 */
function toEncryptionContext(context: ReportEncryptionContext): Record<string, string> {
  if (context === null || typeof context !== 'object') {
    throw new InvalidEncryptionContextError('(context)', 'must be an object { customerId, runId }');
  }
  const result: Record<string, string> = {};
  for (const key of Object.values(EncryptionContextKeys)) {
    const value: unknown = context[key];
    if (typeof value !== 'string') throw new InvalidEncryptionContextError(key, `must be a string, got ${value === null ? 'null' : typeof value}`);
    if (value === '') throw new InvalidEncryptionContextError(key, 'must not be empty');
    if (value.length > MAX_CONTEXT_VALUE_LENGTH) {
      throw new InvalidEncryptionContextError(key, `must be at most ${MAX_CONTEXT_VALUE_LENGTH} characters, got ${value.length}`);
    }
    if (CONTROL_CHARACTERS.test(value)) throw new InvalidEncryptionContextError(key, 'must not contain control characters');
    result[key] = value;
  }
  return result;
}

/**
 * Compares a message's encryption context with the expected one: every expected pair must be present and equal, and
 * no other pair may be present except the SDK's own `aws-crypto-*` pairs. Returns the differences (empty when equal).
 */
function compareEncryptionContext(actual: Readonly<Record<string, string>>, expected: Readonly<Record<string, string>>): ContextMismatch[] {
  const mismatches: ContextMismatch[] = [];
  for (const [key, value] of Object.entries(expected)) {
    const found = Object.prototype.hasOwnProperty.call(actual, key) ? actual[key] : undefined;
    if (found !== value) mismatches.push({ key, expected: value, actual: found });
  }
  const extra = Object.keys(actual)
    .filter((key) => !Object.prototype.hasOwnProperty.call(expected, key) && !key.startsWith(RESERVED_CONTEXT_PREFIX))
    .sort();
  for (const key of extra) mismatches.push({ key, expected: undefined, actual: actual[key] });
  return mismatches;
}

export type { ReportEncryptionContext };
export { compareEncryptionContext, toEncryptionContext };
