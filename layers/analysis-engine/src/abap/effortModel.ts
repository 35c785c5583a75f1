/**
 * The effort model of the ABAP rule pack, read from `data/abap/effort-model.json`: per rule and variant the
 * severity and a three-point estimate (low, likely, high minutes per finding) with the basis of each figure.
 *
 * A finding's `effortMinutes` is the PERT expected value `(low + 4 × likely + high) / 6`, rounded to the minute: one
 * number the report can sum, weighted towards the likely case but moved by a long tail (a batch-input rewrite that
 * can take days). `effortRange` keeps low and high for the report's range.
 */
import rawModel from '../../data/abap/effort-model.json';
import { EffortClasses, SEVERITY_RANK } from '../constants';
import { RulePackConfigError } from '../errors';
import type { EffortClass, Severity } from '../types';

/** Three-point estimate of one finding's remediation effort, minutes. */
type EffortMinutes = { low: number; likely: number; high: number };

/** One row of the effort model. */
type EffortRow = {
  rule: string;
  /** Variant of the rule; absent for the rule's default (used when a finding has no known variant). */
  variant?: string;
  severity: Severity;
  /** Whether the work is required for the conversion or recommended clean-up. */
  effortClass: EffortClass;
  minutes: EffortMinutes;
  /** Why these minutes: the work one finding takes. */
  basis: string;
  /** Why this effort class: what happens to the code after the conversion if nobody touches it. */
  classBasis: string;
};

/** Severity and effort of a rule or variant, as rule-table rows carry them. */
type Sizing = {
  severity: Severity;
  /** Expected minutes per finding (PERT mean, rounded). */
  effortMinutes: number;
  /** Low and high minutes per finding. */
  effortRange: { low: number; high: number };
  effortClass: EffortClass;
};

const MODEL_FILE = 'data/abap/effort-model.json';

const keyOf = (rule: string, variant?: string): string => (variant === undefined ? rule : `${rule}/${variant}`);

/**
 * The PERT expected value of a three-point estimate, rounded to the minute.
 *
 * @example
 * pertExpected({ low: 120, likely: 240, high: 960 }); // 340
 */
const pertExpected = (minutes: EffortMinutes): number => Math.round((minutes.low + 4 * minutes.likely + minutes.high) / 6);

/**
 * Checks the rows (known severity and effort class, non-negative minutes with low ≤ likely ≤ high, each rule/variant once) and indexes
 * them.
 *
 * @throws RulePackConfigError naming the row and what is wrong with it.
 */
const indexEffortModel = (rows: readonly EffortRow[]): Map<string, EffortRow> => {
  const index = new Map<string, EffortRow>();
  rows.forEach((row, position) => {
    const key = keyOf(row.rule, row.variant);
    const fail = (problem: string): never => {
      throw new RulePackConfigError('abap-s4hana', `${MODEL_FILE} rows[${position}] (${key})`, problem);
    };
    if (!(row.severity in SEVERITY_RANK)) fail(`severity must be one of ${Object.keys(SEVERITY_RANK).join(', ')}`);
    if (!(Object.values(EffortClasses) as string[]).includes(row.effortClass)) fail(`effortClass must be one of ${Object.values(EffortClasses).join(', ')}`);
    const { low, likely, high } = row.minutes;
    if (![low, likely, high].every((value) => Number.isFinite(value) && value >= 0)) fail('minutes must be non-negative numbers');
    if (!(low <= likely && likely <= high)) fail(`minutes must satisfy low <= likely <= high, got ${low}/${likely}/${high}`);
    if (index.has(key)) fail('rule and variant are listed twice');
    index.set(key, row);
  });
  return index;
};

/** The effort model as shipped. */
const EFFORT_MODEL: readonly EffortRow[] = (rawModel as unknown as { rows: EffortRow[] }).rows;

const shipped = indexEffortModel(EFFORT_MODEL);

/**
 * Severity and effort of a rule (or one of its variants) from the effort model.
 *
 * @throws RulePackConfigError when the model has no row for it.
 * @example
 * sizing('s4_simplified_table', 'write'); // { severity: 'blocker', effortMinutes: 340, effortRange: { low: 120, high: 960 }, effortClass: 'required' }
 */
const sizing = (rule: string, variant?: string): Sizing => {
  const row =
    shipped.get(keyOf(rule, variant)) ??
    (() => {
      throw new RulePackConfigError('abap-s4hana', keyOf(rule, variant), `${MODEL_FILE} has no row for it`);
    })();
  return {
    severity: row.severity,
    effortMinutes: pertExpected(row.minutes),
    effortRange: { low: row.minutes.low, high: row.minutes.high },
    effortClass: row.effortClass,
  };
};

export type { EffortMinutes, EffortRow, Sizing };
export { EFFORT_MODEL, indexEffortModel, pertExpected, sizing };
