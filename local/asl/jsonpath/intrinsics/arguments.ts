/**
 * Argument checks shared by the intrinsic functions. Each failure is a `States.IntrinsicFailure` that names the
 * function, the argument (by position and role) and the JSON type that was found instead, never the value itself.
 */
import { describeType, intrinsicFailure } from '../errors';
import type { IntrinsicArgument } from './parser';

/** An argument after evaluation, with the syntax it came from (States.JsonToString and States.Format look at it). */
type EvaluatedArgument = { value: unknown; node: IntrinsicArgument };

/** One intrinsic function: how many arguments it takes and what it does with them. */
type IntrinsicFunction = {
  minArgs: number;
  /** `Infinity` for States.Array and States.Format. */
  maxArgs: number;
  run: (args: readonly EvaluatedArgument[]) => unknown;
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const ordinal = (index: number): string => ORDINALS[index] ?? `#${index + 1}`;

/** Reads and type-checks positional arguments of one function. */
class Arguments {
  public constructor(
    private readonly fn: string,
    private readonly args: readonly EvaluatedArgument[],
  ) {}

  /** Fails this function with `problem`. */
  public fail(problem: string): never {
    throw intrinsicFailure(this.fn, problem);
  }

  private wrongType(index: number, role: string, expected: string): never {
    return this.fail(`the ${ordinal(index)} argument (${role}) must be ${expected}, but it is ${describeType(this.args[index].value)}`);
  }

  public node(index: number): IntrinsicArgument {
    return this.args[index].node;
  }

  public value(index: number): unknown {
    return this.args[index].value;
  }

  public string(index: number, role: string): string {
    const value = this.args[index].value;
    return typeof value === 'string' ? value : this.wrongType(index, role, 'a string');
  }

  public number(index: number, role: string): number {
    const value = this.args[index].value;
    return typeof value === 'number' && Number.isFinite(value) ? value : this.wrongType(index, role, 'a number');
  }

  public integer(index: number, role: string): number {
    const value = this.args[index].value;
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : this.wrongType(index, role, 'an integer');
  }

  public boolean(index: number, role: string): boolean {
    const value = this.args[index].value;
    return typeof value === 'boolean' ? value : this.wrongType(index, role, 'a boolean');
  }

  public array(index: number, role: string): unknown[] {
    const value = this.args[index].value;
    return Array.isArray(value) ? value : this.wrongType(index, role, 'an array');
  }

  public object(index: number, role: string): Record<string, unknown> {
    const value = this.args[index].value;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : this.wrongType(index, role, 'a JSON object');
  }

  /** A string of at most `limit` characters (UTF-16 code units, as Java counts them). */
  public limitedString(index: number, role: string, limit: number): string {
    const value = this.string(index, role);
    if (value.length > limit) this.fail(`the ${ordinal(index)} argument (${role}) has ${value.length} characters; at most ${limit} are allowed`);
    return value;
  }
}

export { Arguments };
export type { EvaluatedArgument, IntrinsicFunction };
