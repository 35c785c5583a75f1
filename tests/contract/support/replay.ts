/**
 * Walks the happy path of a JSONata definition from StartAt to Succeed, evaluating what Step Functions evaluates on
 * the way (Arguments, Assign, Output, Choice conditions, the Distributed Map's ItemReader, ItemBatcher and
 * ResultWriter, and the item processor), with each Task's result taken from a stub. It records what every Task was
 * called with: that is what the Lambdas receive, which the events/ samples must equal.
 *
 * Deliberately small: no Retry, Catch, Wait or Parallel, no JSONPath; a state it does not model is an error, so a
 * definition that grows past it fails loudly instead of being half checked.
 */
import { evaluateField, type JsonataScope } from './jsonata';

type State = Record<string, any> & { Type: string };

/** One evaluated Task (or Map) on the path. */
type ReplayStep = {
  /** State name; item processor states are `<Map state>/<state>`. */
  state: string;
  type: string;
  resource?: string;
  /** The evaluated Arguments of a Task. */
  arguments?: Record<string, any>;
  /** Distributed Map: the evaluated ItemReader Arguments. */
  itemReader?: Record<string, any>;
  /** Distributed Map: the evaluated ResultWriter Arguments. */
  resultWriter?: Record<string, any>;
  /** Distributed Map: the first batch handed to the item processor. */
  batch?: unknown;
};

type ReplayStubs = {
  input: unknown;
  context: Record<string, any>;
  /** What a Task returns; `state` is its name and `args` its evaluated Arguments. */
  taskResult(resource: string, args: Record<string, any>, state: string): unknown;
  /** The items an ItemReader yields. */
  mapItems: unknown[];
  /** The id Step Functions gives the map run (ResultWriter writes under `<Prefix>/<id>/`). */
  mapRunId: string;
};

type ReplayResult = { steps: ReplayStep[]; variables: Record<string, unknown>; output: unknown; end: string };

const MAX_TRANSITIONS = 200;

const scopeOf = (input: unknown, variables: Record<string, unknown>, stubs: ReplayStubs, result?: unknown): JsonataScope => ({
  input,
  result,
  context: stubs.context,
  variables,
});

/** Assign and Output see the same `$states` and the variables as they were before the state (ASL: evaluated together). */
const finishState = async (
  state: State,
  where: string,
  input: unknown,
  result: unknown,
  variables: Record<string, unknown>,
  stubs: ReplayStubs,
): Promise<{ output: unknown; variables: Record<string, unknown> }> => {
  const scope = scopeOf(input, variables, stubs, result);
  const assigned = state.Assign === undefined ? {} : ((await evaluateField(state.Assign, scope, `${where}.Assign`)) as Record<string, unknown>);
  const output = state.Output === undefined ? result : await evaluateField(state.Output, scope, `${where}.Output`);
  return { output, variables: { ...variables, ...assigned } };
};

const replayStates = async (
  machine: { StartAt: string; States: Record<string, State> },
  input: unknown,
  stubs: ReplayStubs,
  prefix: string,
  steps: ReplayStep[],
  startVariables: Record<string, unknown> = {},
): Promise<ReplayResult> => {
  let variables = startVariables;
  let current: string | undefined = machine.StartAt;
  let data = input;
  for (let transitions = 0; transitions < MAX_TRANSITIONS; transitions += 1) {
    const name: string = current!;
    const state: State | undefined = machine.States[name];
    const where = `${prefix}${name}`;
    if (state === undefined) throw new Error(`${where}: no such state`);
    if (state.QueryLanguage === 'JSONPath') throw new Error(`${where}: JSONPath states are not replayed`);
    switch (state.Type) {
      case 'Task': {
        const args = (await evaluateField(state.Arguments ?? {}, scopeOf(data, variables, stubs), `${where}.Arguments`)) as Record<string, any>;
        steps.push({ state: where, type: 'Task', resource: state.Resource, arguments: args });
        ({ output: data, variables } = await finishState(state, where, data, stubs.taskResult(state.Resource, args, where), variables, stubs));
        break;
      }
      case 'Pass': {
        ({ output: data, variables } = await finishState(state, where, data, data, variables, stubs));
        break;
      }
      case 'Choice': {
        let next: string | undefined;
        for (const [index, rule] of (state.Choices as Record<string, any>[]).entries()) {
          if ((await evaluateField(rule.Condition, scopeOf(data, variables, stubs), `${where}.Choices[${index}].Condition`)) === true) {
            ({ output: data, variables } = await finishState(rule as State, `${where}.Choices[${index}]`, data, data, variables, stubs));
            next = rule.Next;
            break;
          }
        }
        current = next ?? state.Default;
        if (current === undefined) throw new Error(`${where}: no choice matched and there is no Default`);
        continue;
      }
      case 'Map': {
        const result = await replayMap(state, where, data, variables, stubs, steps);
        ({ output: data, variables } = await finishState(state, where, data, result, variables, stubs));
        break;
      }
      case 'Succeed':
      case 'Fail':
        return { steps, variables, output: data, end: where };
      default:
        throw new Error(`${where}: ${state.Type} states are not replayed`);
    }
    if (state.End === true) return { steps, variables, output: data, end: where };
    current = state.Next;
    if (current === undefined) throw new Error(`${where}: neither Next nor End`);
  }
  throw new Error(`${prefix}: more than ${MAX_TRANSITIONS} transitions on the happy path`);
};

const replayMap = async (
  state: State,
  where: string,
  input: unknown,
  variables: Record<string, unknown>,
  stubs: ReplayStubs,
  steps: ReplayStep[],
): Promise<unknown> => {
  const scope = scopeOf(input, variables, stubs);
  if (state.ItemSelector !== undefined) throw new Error(`${where}: ItemSelector is not replayed`);
  const distributed = state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
  const step: ReplayStep = { state: where, type: 'Map' };
  steps.push(step);
  let items: unknown[];
  if (state.ItemReader !== undefined) {
    step.itemReader = (await evaluateField(state.ItemReader.Arguments ?? {}, scope, `${where}.ItemReader.Arguments`)) as Record<string, any>;
    items = stubs.mapItems;
  } else {
    items = (await evaluateField(state.Items ?? '{% $states.input %}', scope, `${where}.Items`)) as unknown[];
  }
  let childInput: unknown = items[0];
  if (state.ItemBatcher !== undefined) {
    const batchInput = state.ItemBatcher.BatchInput === undefined ? undefined : await evaluateField(state.ItemBatcher.BatchInput, scope, `${where}.ItemBatcher.BatchInput`);
    childInput = { ...(batchInput === undefined ? {} : { BatchInput: batchInput }), Items: items };
  }
  step.batch = childInput;
  // Distributed children are separate executions: they do not see the parent's variables.
  const child = await replayStates(state.ItemProcessor, childInput, stubs, `${where}/`, steps, distributed ? {} : variables);
  if (state.ResultWriter !== undefined) {
    step.resultWriter = (await evaluateField(state.ResultWriter.Arguments ?? {}, scope, `${where}.ResultWriter.Arguments`)) as Record<string, any>;
    const { Bucket, Prefix } = step.resultWriter;
    return { ResultWriterDetails: { Bucket, Key: `${Prefix}/${stubs.mapRunId}/manifest.json` } };
  }
  return [child.output];
};

/**
 * Replays a definition's happy path.
 *
 * @example
 * const { steps } = await replayHappyPath(JSON.parse(machine.definition), stubs);
 * steps.find((step) => step.arguments?.FunctionName === aliasArn)?.arguments?.Payload;
 */
const replayHappyPath = async (definition: { StartAt: string; States: Record<string, State>; QueryLanguage?: string }, stubs: ReplayStubs): Promise<ReplayResult> => {
  if (definition.QueryLanguage !== 'JSONata') throw new Error('Only JSONata definitions are replayed');
  return replayStates(definition, stubs.input, stubs, '', []);
};

export { replayHappyPath };
export type { ReplayResult, ReplayStep, ReplayStubs };
