/**
 * The functions Step Functions adds to JSONata ("JSONata functions provided by Step Functions" in the developer
 * guide), and the one it takes away (`$eval`, replaced by `$parse`). They are bound into every evaluation.
 */
import { createHash, randomUUID } from 'node:crypto';
import { JsonataFunctionError } from './errors';

/** Hash algorithms `$hash` accepts, mapped to node's names. */
const HashAlgorithms = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
} as const;

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** `$partition(array, chunkSize)`: the array split into chunks of `chunkSize` (the last may be shorter). */
const partition = (array: unknown, chunkSize: unknown): unknown[][] => {
  if (!Array.isArray(array)) throw new JsonataFunctionError('partition', 'the first argument must be an array');
  if (!isInteger(chunkSize) || chunkSize < 1) {
    throw new JsonataFunctionError('partition', 'the second argument (chunk size) must be a positive integer');
  }
  const chunks: unknown[][] = [];
  for (let start = 0; start < array.length; start += chunkSize) chunks.push(array.slice(start, start + chunkSize));
  return chunks;
};

/** Largest array `$range` builds; the same bound as the States.ArrayRange intrinsic (1,000 items). */
const MAX_RANGE_ITEMS = 1000;

/**
 * A JSONata sequence: an array JSONata reads as its only item when it holds one (JSONata documentation, "Sequences":
 * a sequence of one value is that value). Step Functions' `$range` answers with one (`$range(1, 9, 9)` is `1`).
 */
const asSequence = <T>(values: T[]): T[] => Object.assign(values, { sequence: true });

/**
 * `$range(start, end, step)`: integers from `start` to `end` inclusive, `step` apart (default 1, may be negative),
 * as a JSONata sequence: one integer comes back as that integer, none as an empty array.
 */
const range = (start: unknown, end: unknown, step: unknown = 1): number[] => {
  if (!isInteger(start) || !isInteger(end) || !isInteger(step)) {
    throw new JsonataFunctionError('range', 'start, end and step must be integers');
  }
  if (step === 0) throw new JsonataFunctionError('range', 'step must not be 0');
  const values: number[] = [];
  for (let value = start; step > 0 ? value <= end : value >= end; value += step) {
    values.push(value);
    if (values.length > MAX_RANGE_ITEMS) {
      throw new JsonataFunctionError('range', `the range would have more than ${MAX_RANGE_ITEMS} items`);
    }
  }
  // An empty sequence would read as nothing (undefined) and fail the field; an empty array is what the guide shows.
  return values.length === 0 ? values : asSequence(values);
};

/** `$hash(value, algorithm)`: the hex digest of a string with MD5, SHA-1, SHA-256, SHA-384 or SHA-512. */
const hash = (value: unknown, algorithm: unknown): string => {
  if (typeof value !== 'string') throw new JsonataFunctionError('hash', 'the first argument must be a string');
  if (typeof algorithm !== 'string' || !Object.hasOwn(HashAlgorithms, algorithm)) {
    throw new JsonataFunctionError('hash', `the algorithm must be one of ${Object.keys(HashAlgorithms).join(', ')}`);
  }
  return createHash(HashAlgorithms[algorithm as keyof typeof HashAlgorithms]).update(value, 'utf8').digest('hex');
};

/**
 * A 32-bit seeded generator (mulberry32): the same seed always gives the same number, which is what `$random(seed)`
 * promises. The numbers differ from the cloud's (its generator is not documented); only the determinism is.
 */
const seededRandom = (seed: number): number => {
  let state = (Math.trunc(seed) | 0) + 0x6d2b79f5;
  state = Math.imul(state ^ (state >>> 15), state | 1);
  state ^= state + Math.imul(state ^ (state >>> 7), state | 61);
  return ((state ^ (state >>> 14)) >>> 0) / 4294967296;
};

/** `$random([seed])`: a number in [0, 1); with an integer seed, always the same one. */
const random = (seed?: unknown): number => {
  if (seed === undefined) return Math.random();
  if (!isInteger(seed)) throw new JsonataFunctionError('random', 'the seed must be an integer');
  return seededRandom(seed);
};

/** `$uuid()`: a version 4 UUID. */
const uuid = (): string => randomUUID();

/** `$parse(jsonString)`: the JSON value a string holds (the replacement for `$eval`). */
const parse = (text: unknown): unknown => {
  if (typeof text !== 'string') throw new JsonataFunctionError('parse', 'the argument must be a string');
  try {
    return JSON.parse(text);
  } catch {
    throw new JsonataFunctionError('parse', 'the argument is not valid JSON');
  }
};

/** `$eval` is not available in Step Functions ("use $parse instead"). */
const evalNotSupported = (): never => {
  throw new JsonataFunctionError('eval', 'the function is not supported in Step Functions; use $parse');
};

/**
 * The bindings that add the Step Functions functions to an evaluation (and shadow `$eval` and `$random`).
 *
 * @example
 * await jsonata('$partition([1,2,3], 2)').evaluate(undefined, { ...stepFunctionsFunctions });
 */
const stepFunctionsFunctions: Readonly<Record<string, (...args: never[]) => unknown>> = Object.freeze({
  partition,
  range,
  hash,
  random,
  uuid,
  parse,
  eval: evalNotSupported,
});

export { HashAlgorithms, stepFunctionsFunctions };
