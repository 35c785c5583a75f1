/**
 * Input and output processing, in one place and in spec order.
 *
 * JSONPath states (spec: "Input and Output Processing"):
 *   state input → InputPath → Parameters → [the state's work] → ResultSelector → Assign ($ = the selected result)
 *   → ResultPath (merges into the *raw* state input) → OutputPath → state output.
 *   A Catch: Assign ($ = the error output) → ResultPath (default `$`: the error output replaces the input).
 *
 * JSONata states (AWS "Transforming data with JSONata"):
 *   `$states.input` = the raw state input → Arguments → [work] → `$states.result` → Assign and Output, both
 *   evaluated against the variables as they were on entry. Output defaults to the result (to the input for states
 *   without a result). A Catch: `$states.errorOutput`; Output defaults to the error output.
 */
import { isJsonataExpression, evaluateExpression, evaluateTemplate } from './jsonata/evaluate';
import type { JsonataScope } from './jsonata/evaluate';
import { applyPayloadTemplate, applyResultPath, evaluateIntrinsic, isPath, readPath } from './jsonpath';
import type { PathScope } from './jsonpath';
import { contextObject } from './runtime';
import type { MapItemContext, StateRun } from './runtime';
import type { BaseState, Catcher } from './types';

/** What a state hands on: its output, and the variables its Assign sets (applied by the interpreter). */
type StateOutput = { output: unknown; assigned?: Record<string, unknown> };

/** The JSONPath/JSONata fields of the state being run, loosely: not every state type has every one. */
type IoFields = BaseState & {
  Parameters?: unknown;
  Arguments?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
};

const fields = (run: StateRun): IoFields => run.state as IoFields;

const isJsonata = (run: StateRun): boolean => run.language === 'JSONata';

/** A {@link PathScope} whose context object is made when a path first reads `$$` (most never do). */
class StatePathScope implements PathScope {
  public readonly input: unknown;
  public readonly variables: Readonly<Record<string, unknown>>;
  readonly #run: StateRun;
  readonly #mapItem: MapItemContext | undefined;
  #context: unknown;

  public constructor(run: StateRun, input: unknown, mapItem: MapItemContext | undefined) {
    this.input = input;
    this.variables = run.variables;
    this.#run = run;
    this.#mapItem = mapItem;
  }

  public get context(): unknown {
    return (this.#context ??= contextObject(this.#run, this.#mapItem));
  }
}

/** The scope of a JSONPath path or template with `$` bound to `input`. */
const pathScope = (run: StateRun, input: unknown, mapItem?: MapItemContext): PathScope => new StatePathScope(run, input, mapItem);

/**
 * The scope of a JSONata expression; `extra` adds `$states.result` or `$states.errorOutput` when they exist. The
 * context object (`$states.context`) is made when an expression reads it.
 */
const jsonataScope = (
  run: StateRun,
  extra: { result?: unknown; errorOutput?: unknown } = {},
  mapItem?: MapItemContext,
): JsonataScope => {
  let context: unknown;
  const states = {
    input: run.input,
    get context() {
      return (context ??= contextObject(run, mapItem));
    },
    ...extra,
  };
  return { states, variables: run.variables };
};

/** InputPath: `null` gives `{}`, absent gives the whole input (spec: "InputPath, Parameters…"). */
const applyInputPath = (run: StateRun): unknown => {
  const { InputPath } = fields(run);
  if (InputPath === null) return {};
  if (InputPath === undefined) return run.input;
  return readPath(InputPath, pathScope(run, run.input), 'InputPath');
};

/**
 * The effective input of a state: JSONPath InputPath then (when `parameters`) Parameters; JSONata Arguments (when
 * `parameters`) or the input itself.
 *
 * @example
 * const effective = await effectiveInput(run, { parameters: true });
 */
const effectiveInput = async (run: StateRun, options: { parameters: boolean }): Promise<unknown> => {
  const state = fields(run);
  if (isJsonata(run)) {
    if (options.parameters && state.Arguments !== undefined) {
      return evaluateTemplate(state.Arguments, 'Arguments', jsonataScope(run));
    }
    return run.input;
  }
  return jsonPathEffectiveInput(run, options);
};

/**
 * {@link effectiveInput} of a JSONPath state, synchronously: JSONPath needs no promise, and states that do
 * nothing else (Pass, Choice, Succeed) then finish without one.
 *
 * @example
 * const effective = jsonPathEffectiveInput(run, { parameters: true });
 */
const jsonPathEffectiveInput = (run: StateRun, options: { parameters: boolean }): unknown => {
  const state = fields(run);
  const input = applyInputPath(run);
  if (options.parameters && state.Parameters !== undefined) {
    return applyPayloadTemplate(state.Parameters, pathScope(run, input), 'Parameters');
  }
  return input;
};

/** Options of {@link stateOutput}. */
type OutputOptions = {
  /** False for states that have no result of their own (Pass without Result, Choice, Wait, Succeed). */
  hasResult: boolean;
  /** Replaces the state's Assign (a Choice rule's own Assign). */
  assign?: Record<string, unknown>;
  /** Replaces the state's Output (a Choice rule's own Output). */
  output?: unknown;
};

/**
 * The output and the assigned variables of a state that did its work and got `result`.
 *
 * @example
 * return { ...(await stateOutput(run, taskResult, { hasResult: true })), next: run.state.Next };
 */
const stateOutput = async (run: StateRun, result: unknown, options: OutputOptions): Promise<StateOutput> => {
  const state = fields(run);
  const assign = options.assign ?? state.Assign;
  if (isJsonata(run)) {
    const scope = jsonataScope(run, options.hasResult ? { result } : {});
    const assigned = assign === undefined ? undefined : ((await evaluateTemplate(assign, 'Assign', scope)) as Record<string, unknown>);
    const outputTemplate = options.output ?? state.Output;
    const output = outputTemplate === undefined ? result : await evaluateTemplate(outputTemplate, 'Output', scope);
    return { output, assigned };
  }
  return jsonPathStateOutput(run, result, options);
};

/**
 * {@link stateOutput} of a JSONPath state, synchronously.
 *
 * @example
 * return { ...jsonPathStateOutput(run, run.state.Result, { hasResult: false }), next: run.state.Next };
 */
const jsonPathStateOutput = (run: StateRun, result: unknown, options: OutputOptions): StateOutput => {
  const state = fields(run);
  const assign = options.assign ?? state.Assign;
  const selected =
    options.hasResult && state.ResultSelector !== undefined
      ? applyPayloadTemplate(state.ResultSelector, pathScope(run, result), 'ResultSelector')
      : result;
  const assigned =
    assign === undefined ? undefined : (applyPayloadTemplate(assign, pathScope(run, selected), 'Assign') as Record<string, unknown>);
  const combined = applyResultPath(run.input, selected, state.ResultPath);
  return { output: applyOutputPath(run, combined), assigned };
};

/** OutputPath: `null` gives `{}`, absent gives everything. */
const applyOutputPath = (run: StateRun, value: unknown): unknown => {
  const { OutputPath } = fields(run);
  if (OutputPath === null) return {};
  if (OutputPath === undefined) return value;
  return readPath(OutputPath, pathScope(run, value), 'OutputPath');
};

/**
 * The output and assigned variables when a Catch handles an error (`errorOutput` is `{Error, Cause}`).
 *
 * @example
 * const { output, assigned } = await catchOutput(run, catcher, error.toErrorOutput());
 */
const catchOutput = async (run: StateRun, catcher: Catcher, errorOutput: unknown): Promise<StateOutput> => {
  if (isJsonata(run)) {
    const scope = jsonataScope(run, { errorOutput });
    const assigned =
      catcher.Assign === undefined ? undefined : ((await evaluateTemplate(catcher.Assign, 'Assign', scope)) as Record<string, unknown>);
    const output = catcher.Output === undefined ? errorOutput : await evaluateTemplate(catcher.Output, 'Output', scope);
    return { output, assigned };
  }
  const assigned =
    catcher.Assign === undefined
      ? undefined
      : (applyPayloadTemplate(catcher.Assign, pathScope(run, errorOutput), 'Assign') as Record<string, unknown>);
  // A catcher's ResultPath defaults to `$`: the error output replaces the input.
  const output = applyResultPath(run.input, errorOutput, catcher.ResultPath === undefined ? '$' : catcher.ResultPath);
  return { output, assigned };
};

/**
 * The value of a field that takes a literal, a JSONata expression (JSONata states) or, through its `…Path`
 * sibling, a path or an intrinsic function (JSONPath states) read from `pathInput`.
 *
 * @example
 * const seconds = await fieldValue(run, { field: 'Seconds', value: state.Seconds, path: state.SecondsPath, pathInput: input });
 */
const fieldValue = async (
  run: StateRun,
  spec: { field: string; value: unknown; path?: string; pathInput: unknown; mapItem?: MapItemContext },
): Promise<unknown> => {
  if (spec.path !== undefined) {
    const scope = pathScope(run, spec.pathInput, spec.mapItem);
    const field = `${spec.field}Path`;
    return isPath(spec.path) ? readPath(spec.path, scope, field) : evaluateIntrinsic(spec.path, scope, field);
  }
  if (isJsonata(run) && isJsonataExpression(spec.value)) {
    return evaluateExpression(spec.value, spec.field, jsonataScope(run, {}, spec.mapItem));
  }
  return spec.value;
};

/**
 * Evaluates a template field that is not part of the main pipeline (ItemSelector, ItemReader and ResultWriter
 * Parameters/Arguments, BatchInput): a payload template over `pathInput` in JSONPath states, a JSONata template in
 * JSONata states.
 *
 * @example
 * const item = await templateValue(run, { field: 'ItemSelector', template: state.ItemSelector, pathInput: input, mapItem });
 */
const templateValue = async (
  run: StateRun,
  spec: { field: string; template: unknown; pathInput: unknown; mapItem?: MapItemContext },
): Promise<unknown> => {
  if (isJsonata(run)) return evaluateTemplate(spec.template, spec.field, jsonataScope(run, {}, spec.mapItem));
  return applyPayloadTemplate(spec.template, pathScope(run, spec.pathInput, spec.mapItem), spec.field);
};

export {
  applyInputPath,
  catchOutput,
  effectiveInput,
  fieldValue,
  jsonPathEffectiveInput,
  jsonPathStateOutput,
  jsonataScope,
  pathScope,
  stateOutput,
  templateValue,
};
export type { OutputOptions, StateOutput };
