/**
 * The data-test operators of JSONPath Choice rules (States Language, "Data-test expression for JSONPath Choice
 * Rules"): the comparison operators with their `…Path` forms, StringMatches, and the type tests.
 */
import { compareTimestamps, parseTimestamp } from '../timestamps';

/** The type a comparison operator compares. */
type ComparisonType = 'string' | 'numeric' | 'boolean' | 'timestamp';

/** How a comparison result (negative, 0, positive) decides the operator. */
type ComparisonTest = (order: number) => boolean;

/** A comparison operator: its type, its test, and whether its operand is a Path (`…Path` forms). */
type Comparison = { type: ComparisonType; test: ComparisonTest; viaPath: boolean };

const TESTS: Readonly<Record<string, ComparisonTest>> = {
  Equals: (order) => order === 0,
  LessThan: (order) => order < 0,
  GreaterThan: (order) => order > 0,
  LessThanEquals: (order) => order <= 0,
  GreaterThanEquals: (order) => order >= 0,
};

const TYPES: Readonly<Record<string, ComparisonType>> = {
  String: 'string',
  Numeric: 'numeric',
  Timestamp: 'timestamp',
};

const buildComparisons = (): Map<string, Comparison> => {
  const comparisons = new Map<string, Comparison>();
  for (const [prefix, type] of Object.entries(TYPES)) {
    for (const [suffix, test] of Object.entries(TESTS)) {
      comparisons.set(`${prefix}${suffix}`, { type, test, viaPath: false });
      comparisons.set(`${prefix}${suffix}Path`, { type, test, viaPath: true });
    }
  }
  comparisons.set('BooleanEquals', { type: 'boolean', test: TESTS.Equals, viaPath: false });
  comparisons.set('BooleanEqualsPath', { type: 'boolean', test: TESTS.Equals, viaPath: true });
  return comparisons;
};

/** Every comparison operator, keyed by its field name in a Choice rule. */
const COMPARISONS: ReadonlyMap<string, Comparison> = buildComparisons();

/** The type tests, keyed by field name: each says whether a (present) value is of its kind. */
const TYPE_TESTS: ReadonlyMap<string, (value: unknown) => boolean> = new Map([
  ['IsNull', (value: unknown) => value === null],
  ['IsNumeric', (value: unknown) => typeof value === 'number'],
  ['IsString', (value: unknown) => typeof value === 'string'],
  ['IsBoolean', (value: unknown) => typeof value === 'boolean'],
  ['IsTimestamp', (value: unknown) => typeof value === 'string' && parseTimestamp(value) !== undefined],
]);

/** Every operator field a data-test expression may hold. */
const OPERATOR_NAMES: ReadonlySet<string> = new Set([...COMPARISONS.keys(), ...TYPE_TESTS.keys(), 'IsPresent', 'StringMatches']);

/** Whether a value is of a comparison's type (a timestamp is a string that parses as one). */
const isOfType = (type: ComparisonType, value: unknown): boolean => {
  if (type === 'string') return typeof value === 'string';
  if (type === 'numeric') return typeof value === 'number';
  if (type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string' && parseTimestamp(value) !== undefined;
};

/**
 * Orders two values of a comparison's type, both already known to be of it. Strings compare by UTF-16 code unit,
 * as Java's `String.compareTo` (the developer guide points to it) and JavaScript's `<` both do.
 */
const order = (type: ComparisonType, left: unknown, right: unknown): number => {
  if (type === 'timestamp') return compareTimestamps(parseTimestamp(left as string)!, parseTimestamp(right as string)!);
  if (type === 'boolean') return left === right ? 0 : 1;
  const a = left as string | number;
  const b = right as string | number;
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

export { COMPARISONS, OPERATOR_NAMES, TYPE_TESTS, isOfType, order };
export type { Comparison, ComparisonType };
