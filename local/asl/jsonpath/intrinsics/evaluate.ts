/**
 * Evaluates an intrinsic function call expression against a {@link PathScope}.
 */
import { StatesError } from '../../errors';
import { intrinsicFailure, runtimeError } from '../errors';
import { readPath } from '../readPath';
import type { PathScope } from '../types';
import type { EvaluatedArgument, IntrinsicFunction } from './arguments';
import { arrayFunctions } from './arrays';
import { encodingFunctions } from './encoding';
import { jsonFunctions } from './json';
import { mathFunctions } from './math';
import { parseIntrinsic } from './parser';
import type { IntrinsicArgument, IntrinsicCall } from './parser';
import { stringFunctions } from './strings';
import { uuidFunctions } from './uuid';

/** The 18 intrinsic functions of the States Language and the AWS Step Functions developer guide. */
const FUNCTIONS: ReadonlyMap<string, IntrinsicFunction> = new Map(
  Object.entries({ ...arrayFunctions, ...encodingFunctions, ...jsonFunctions, ...mathFunctions, ...stringFunctions, ...uuidFunctions }),
);

const countText = (min: number, max: number): string => {
  if (min === max) return `exactly ${min} argument${min === 1 ? '' : 's'}`;
  if (max === Infinity) return `at least ${min} argument${min === 1 ? '' : 's'}`;
  return `${min} to ${max} arguments`;
};

const evaluateArgument = (node: IntrinsicArgument, scope: PathScope, field?: string): unknown => {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'path') return readPath(node.path, scope, field);
  return evaluateCall(node.call, scope, field);
};

const evaluateCall = (call: IntrinsicCall, scope: PathScope, field?: string): unknown => {
  const fn = FUNCTIONS.get(call.name);
  if (fn === undefined) {
    const where = field === undefined ? '' : ` in the field '${field}'`;
    throw runtimeError(`Unknown intrinsic function '${call.name}'${where}`);
  }
  if (call.args.length < fn.minArgs || call.args.length > fn.maxArgs) {
    throw intrinsicFailure(call.name, `takes ${countText(fn.minArgs, fn.maxArgs)}, but ${call.args.length} were given`);
  }
  const args: EvaluatedArgument[] = call.args.map((node) => ({ value: evaluateArgument(node, scope, field), node }));
  try {
    return fn.run(args);
  } catch (thrown) {
    if (thrown instanceof StatesError) throw thrown;
    // Anything else is an engine bug; it must still surface as the function's failure, not crash the execution.
    throw intrinsicFailure(call.name, thrown instanceof Error ? thrown.message : String(thrown));
  }
};

/**
 * Evaluates one intrinsic function call expression; nested calls allowed.
 *
 * Throws `States.IntrinsicFailure` naming the function when its arguments are wrong or it fails, and
 * `States.Runtime` for a syntax error, an unknown function or a path argument that matches nothing.
 *
 * @example
 * evaluateIntrinsic("States.Format('Hello, {}', $.name)", { input: { name: 'Ana' }, context: {}, variables: {} }); // 'Hello, Ana'
 */
const evaluateIntrinsic = (expression: string, scope: PathScope, field?: string): unknown =>
  evaluateCall(parseIntrinsic(expression, field), scope, field);

export { evaluateIntrinsic };
