/**
 * ResultPath: combines a state's (effective) result with its raw input (States Language, "Input and Output
 * Processing with JSONPath").
 */
import { StatesError, StatesErrorNames } from '../errors';
import { describeType, resultPathMatchFailure } from './errors';
import { compilePath } from './pathParser';
import type { PathSegment } from './pathParser';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sets an own data property even for a key such as `__proto__`, which plain assignment would treat specially. */
const withProperty = (source: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...source };
  // Assignment is much faster than defineProperty, and the same for every key but this one.
  if (key === '__proto__') Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  else copy[key] = value;
  return copy;
};

/**
 * Returns a copy of `container` with `value` placed at `segments[at…]`, copying only the objects and arrays on the
 * way so the original input is never changed. Missing intervening objects are created; anything else in the way is
 * a failure, reported through `fail`.
 */
const setAt = (
  container: unknown,
  segments: readonly PathSegment[],
  at: number,
  value: unknown,
  fail: (problem: string) => never,
): unknown => {
  const segment = segments[at];
  const last = at === segments.length - 1;
  // Only a failure names the location: made then, not on every transition.
  const location = (): string =>
    `$${segments
      .slice(0, at)
      .map((step) => (step.kind === 'index' ? `[${step.index}]` : `.${step.name}`))
      .join('')}`;
  if (segment.kind === 'property') {
    // Intervening fields are constructed as necessary (spec); anything but an object cannot take a field.
    const target = container === undefined ? {} : container;
    if (!isPlainObject(target)) fail(`the value at ${location()} is ${describeType(target)}, not an object`);
    const child = Object.hasOwn(target, segment.name) ? target[segment.name] : undefined;
    return withProperty(target, segment.name, last ? value : setAt(child, segments, at + 1, value, fail));
  }
  if (!Array.isArray(container)) fail(`the value at ${location()} is ${describeType(container)}, not an array`);
  const index = segment.index < 0 ? container.length + segment.index : segment.index;
  if (index < 0 || index >= container.length) {
    fail(`index ${segment.index} is outside the array at ${location()} (length ${container.length})`);
  }
  const copy = [...container];
  copy[index] = last ? value : setAt(container[index], segments, at + 1, value, fail);
  return copy;
};

/**
 * ResultPath: `undefined` (absent) or `'$'` → the result replaces the input; `null` → the input unchanged (result
 * discarded); `'$.a.b'` → a copy of the input with the result set there, creating objects on the way.
 *
 * Throws `States.ResultPathMatchFailure` when the path cannot be applied (the input, or a value on the way, is not
 * an object; the path is not a Reference Path on the input). Never mutates `stateInput`.
 *
 * @example
 * applyResultPath({ master: { detail: [1, 2, 3] } }, 6, '$.master.result.sum');
 * // { master: { detail: [1, 2, 3], result: { sum: 6 } } }
 */
const applyResultPath = (stateInput: unknown, result: unknown, resultPath: string | null | undefined): unknown => {
  if (resultPath === undefined) return result;
  if (resultPath === null) return stateInput;
  const fail = (problem: string): never => {
    throw resultPathMatchFailure(`Unable to apply ResultPath '${resultPath}' to the state input: ${problem}`);
  };
  let segments: readonly PathSegment[] = [];
  try {
    const compiled = compilePath(resultPath, 'ResultPath');
    // Spec: ResultPath MUST NOT begin with "$$"; variables are set with Assign, never through ResultPath.
    if (compiled.root.kind === 'context') fail('a ResultPath cannot write into the context object ("$$")');
    if (compiled.root.kind === 'variable') fail('a ResultPath cannot write a variable (use Assign)');
    if (!compiled.definite) fail('a ResultPath must be a Reference Path (no wildcards, "..", filters, slices or unions)');
    segments = compiled.segments;
  } catch (thrown) {
    if (thrown instanceof StatesError && thrown.error !== StatesErrorNames.ResultPathMatchFailure) fail(thrown.cause);
    throw thrown;
  }
  if (segments.length === 0) return result;
  return setAt(stateInput, segments, 0, result, fail);
};

export { applyResultPath };
