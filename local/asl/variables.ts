/**
 * Workflow variables (AWS "Passing data between states with variables").
 *
 * Scoping, as Step Functions has it:
 * - the top-level states of an execution share one scope;
 * - each Parallel branch and each inline Map iteration runs in a scope of its own that can read the variables of
 *   the scopes around it, but whatever it assigns stays in its own scope: outer variables are never changed from
 *   inside (a nested Assign of an outer name only shadows it within the branch or iteration);
 * - a Distributed Map child workflow is a separate execution: it starts with an empty scope and sees no outer
 *   variables (pass what it needs through ItemSelector);
 * - a state reads the values as they were when it was entered: its Assign and Output both see the pre-Assign
 *   values, and the new values are visible from the next state on.
 *
 * Limits: one value at most 256 KiB, one Assign at most 256 KiB in all, 10 MiB per execution.
 */
import { VariableLimits } from './constants';
import { StatesError, StatesErrorNames } from './errors';
import { jsonBytes } from './jsonText';

/** Counts the bytes all scopes of one execution hold, for the per-execution limit. */
class VariableBudget {
  #used = 0;

  public get used(): number {
    return this.#used;
  }

  public change(delta: number): void {
    this.#used += delta;
  }
}

/**
 * One scope of variables, linked to the scope around it.
 *
 * @example
 * const top = VariableScope.root();
 * top.assign({ customerId: 'c1' }, 'Load customer');
 * const branch = top.child();
 * branch.snapshot().customerId; // 'c1'
 */
class VariableScope {
  readonly #parent: VariableScope | undefined;
  readonly #budget: VariableBudget;
  readonly #values = new Map<string, { value: unknown; bytes: number }>();
  /** The last snapshot, and the parent snapshot it was built on: reused until either changes. */
  #snapshot: Readonly<Record<string, unknown>> | undefined;
  #snapshotParent: Readonly<Record<string, unknown>> | undefined;

  private constructor(parent: VariableScope | undefined, budget: VariableBudget) {
    this.#parent = parent;
    this.#budget = budget;
  }

  /** A new top-level scope (an execution, or a Distributed Map child execution). */
  public static root(): VariableScope {
    return new VariableScope(undefined, new VariableBudget());
  }

  /** A nested scope for a Parallel branch or an inline Map iteration. */
  public child(): VariableScope {
    return new VariableScope(this, this.#budget);
  }

  /**
   * Ends a nested scope (its branch or iteration finished): its variables are gone, and their bytes no longer count
   * towards the execution's limit.
   */
  public release(): void {
    let bytes = 0;
    for (const entry of this.#values.values()) bytes += entry.bytes;
    this.#budget.change(-bytes);
    this.#values.clear();
    this.#snapshot = undefined;
  }

  /**
   * Every variable visible here, inner scopes shadowing outer ones, as they are now: a frozen object the caller may
   * keep. Every state takes one on entry, and most states assign nothing, so the same object serves until an
   * Assign (here or in a scope around this one) changes what is visible.
   */
  public snapshot(): Readonly<Record<string, unknown>> {
    const parent = this.#parent?.snapshot();
    if (this.#snapshot !== undefined && this.#snapshotParent === parent) return this.#snapshot;
    if (this.#values.size === 0 && parent !== undefined) return parent;
    const values: Record<string, unknown> = { ...parent };
    for (const [name, entry] of this.#values) values[name] = entry.value;
    this.#snapshot = Object.freeze(values);
    this.#snapshotParent = parent;
    return this.#snapshot;
  }

  /**
   * Sets variables in this scope, all at once, after checking the limits. `stateName` is for the error cause.
   * Throws States.DataLimitExceeded when a limit would be passed (nothing is assigned then).
   */
  public assign(values: Record<string, unknown>, stateName: string): void {
    let assignBytes = 0;
    let delta = 0;
    const sized: [string, unknown, number][] = [];
    for (const [name, value] of Object.entries(values)) {
      const bytes = jsonBytes(value);
      if (bytes > VariableLimits.maxValueBytes) {
        throw limitError(`The value assigned to the variable '${name}' in state '${stateName}' is ${bytes} bytes, more than the ${VariableLimits.maxValueBytes} bytes a variable may hold`);
      }
      assignBytes += bytes;
      delta += bytes - (this.#values.get(name)?.bytes ?? 0);
      sized.push([name, value, bytes]);
    }
    if (assignBytes > VariableLimits.maxAssignBytes) {
      throw limitError(`The Assign of state '${stateName}' sets ${assignBytes} bytes of variables, more than the ${VariableLimits.maxAssignBytes} bytes one Assign may set`);
    }
    if (this.#budget.used + delta > VariableLimits.maxTotalBytes) {
      throw limitError(`The Assign of state '${stateName}' would bring the execution's variables to more than ${VariableLimits.maxTotalBytes} bytes`);
    }
    for (const [name, value, bytes] of sized) this.#values.set(name, { value, bytes });
    this.#budget.change(delta);
    this.#snapshot = undefined;
  }
}

const limitError = (cause: string): StatesError => new StatesError(StatesErrorNames.DataLimitExceeded, cause);

/** Variable names: identifiers (letters, digits, `_`, not starting with a digit), at most 80 characters, not `states`. */
const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Why a name cannot be a variable name, or undefined when it can.
 *
 * @example
 * variableNameProblem('states'); // "'states' is reserved"
 */
const variableNameProblem = (name: string): string | undefined => {
  if (name === 'states') return "'states' is reserved";
  if (name.length > VariableLimits.maxNameLength) return `is longer than ${VariableLimits.maxNameLength} characters`;
  if (!VARIABLE_NAME_PATTERN.test(name)) return 'must start with a letter or _ and hold only letters, digits and _';
  return undefined;
};

export { VariableScope, variableNameProblem };
