/**
 * Definition validation on load (CreateStateMachine): the `asl-validator` package (schema, transitions, terminal
 * states, duplicate names, mutually exclusive fields) plus the checks it does not make, each problem reported with
 * where it is:
 *
 * - QueryLanguage: JSONPath-only fields in JSONata states and JSONata-only fields in JSONPath states (asl-validator
 *   reports those only as an unreadable schema mismatch, so its messages for such states are replaced by ours);
 *   a JSONPath state under a JSONata top level; JSONata expressions that do not parse;
 * - ErrorEquals: `States.ALL` alone and in the last rule; Retry values in range;
 * - Assign: variable names;
 * - Map: ItemReader, ItemBatcher, ResultWriter, ToleratedFailure* and Label only in DISTRIBUTED mode;
 * - transitions (StartAt, Next, Default, Choices and Catch targets) stay in their own state list.
 *
 * asl-validator 4 understands JSONata states and Distributed Map fields (checked against the examples of the AWS
 * guide); it runs through aslValidator.ts, which compiles its schema once rather than on every call, and mutates
 * what it is given (it fills in QueryLanguage), so it gets a copy.
 */
import { aslValidatorProblems } from './aslValidator';
import { deepClone } from './clone';
import { isJsonataExpression, jsonataSyntaxError } from './jsonata/evaluate';
import { isDistributedMap, mapProcessor } from './types';
import type { Catcher, ChoiceRule, MapState, QueryLanguage, Retrier, StateDefinition, StateList, StateMachineDefinition } from './types';
import { variableNameProblem } from './variables';

/** Fields only JSONPath states may have (AWS "Converting from JSONPath to JSONata"). */
const JSONPATH_ONLY = [
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'ItemsPath',
  'Iterator',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
] as const;

/** Fields only JSONata states may have. */
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'] as const;

/** Fields whose value in a JSONPath state must be a number, never a `{% … %}` string. */
const NUMERIC_FIELDS = ['TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage'] as const;

const COMMON_FIELDS = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const JSONPATH_IO = ['InputPath', 'OutputPath'];
const ERRORS = ['Retry', 'Catch'];

/** The fields each state type may have, in either query language (AWS state reference pages). */
const FIELDS_BY_TYPE: Readonly<Record<string, ReadonlySet<string>>> = {
  Pass: new Set([...COMMON_FIELDS, ...FLOW, ...JSONPATH_IO, 'Parameters', 'Result', 'ResultPath', 'Output', 'Assign']),
  Task: new Set([...COMMON_FIELDS, ...FLOW, ...JSONPATH_IO, ...ERRORS, 'Resource', 'Parameters', 'ResultSelector', 'ResultPath', 'Arguments', 'Output', 'Assign', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath', 'Credentials']),
  Choice: new Set([...COMMON_FIELDS, ...JSONPATH_IO, 'Choices', 'Default', 'Output', 'Assign']),
  Wait: new Set([...COMMON_FIELDS, ...FLOW, ...JSONPATH_IO, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath', 'Output', 'Assign']),
  Succeed: new Set([...COMMON_FIELDS, ...JSONPATH_IO, 'Output']),
  Fail: new Set([...COMMON_FIELDS, 'Error', 'ErrorPath', 'Cause', 'CausePath']),
  Parallel: new Set([...COMMON_FIELDS, ...FLOW, ...JSONPATH_IO, ...ERRORS, 'Branches', 'Parameters', 'ResultSelector', 'ResultPath', 'Arguments', 'Output', 'Assign']),
  Map: new Set([
    ...COMMON_FIELDS, ...FLOW, ...JSONPATH_IO, ...ERRORS,
    'ItemProcessor', 'Iterator', 'ItemsPath', 'Items', 'ItemSelector', 'Parameters', 'ItemReader', 'ItemBatcher', 'ResultWriter',
    'ResultSelector', 'ResultPath', 'Output', 'Assign', 'MaxConcurrency', 'MaxConcurrencyPath', 'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'Label',
  ]),
};

/** The result of {@link validateDefinition}. */
type ValidationResult = { definition?: StateMachineDefinition; problems: string[] };

type Walk = { problems: string[]; top: QueryLanguage };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every `{% … %}` string inside a value, with where it is. */
const expressionsIn = (value: unknown, where: string, found: [string, string][] = []): [string, string][] => {
  if (isJsonataExpression(value)) found.push([where, value]);
  else if (Array.isArray(value)) value.forEach((item, index) => expressionsIn(item, `${where}[${index}]`, found));
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) expressionsIn(item, `${where}/${key}`, found);
  return found;
};

const checkErrorEquals = (rules: readonly (Retrier | Catcher)[] | undefined, where: string, problems: string[]): void => {
  rules?.forEach((rule, index) => {
    const names = Array.isArray(rule.ErrorEquals) ? rule.ErrorEquals : [];
    if (names.includes('States.ALL') && (names.length > 1 || index !== rules.length - 1)) {
      problems.push(`${where}[${index}]/ErrorEquals: States.ALL must appear alone and only in the last rule`);
    }
  });
};

const checkRetriers = (retriers: readonly Retrier[] | undefined, where: string, problems: string[]): void => {
  checkErrorEquals(retriers, where, problems);
  retriers?.forEach((retrier, index) => {
    const at = `${where}[${index}]`;
    const integer = (name: keyof Retrier, min: number): void => {
      const value = retrier[name];
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min)) {
        problems.push(`${at}/${name}: must be an integer >= ${min}`);
      }
    };
    integer('MaxAttempts', 0);
    integer('IntervalSeconds', 1);
    integer('MaxDelaySeconds', 1);
    if (retrier.BackoffRate !== undefined && (typeof retrier.BackoffRate !== 'number' || retrier.BackoffRate < 1)) {
      problems.push(`${at}/BackoffRate: must be a number >= 1.0`);
    }
  });
};

const checkAssign = (assign: unknown, language: QueryLanguage, where: string, problems: string[]): void => {
  if (assign === undefined) return;
  if (!isObject(assign)) {
    problems.push(`${where}: Assign must be an object`);
    return;
  }
  for (const key of Object.keys(assign)) {
    const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
    const problem = variableNameProblem(name);
    if (problem) problems.push(`${where}/${key}: the variable name ${problem}`);
  }
};

const checkJsonataStrings = (value: unknown, where: string, problems: string[]): void => {
  for (const [at, expression] of expressionsIn(value, where)) {
    const problem = jsonataSyntaxError(expression);
    if (problem) problems.push(`${at}: the JSONata expression does not parse: ${problem}`);
  }
};

const checkChoiceRule = (rule: ChoiceRule, language: QueryLanguage, where: string, problems: string[]): void => {
  if (language === 'JSONata') {
    const jsonPathKeys = Object.keys(rule).filter((key) => !['Condition', 'Next', 'Output', 'Assign', 'Comment'].includes(key));
    if (jsonPathKeys.length > 0) problems.push(`${where}: ${jsonPathKeys.join(', ')} cannot be used in a JSONata Choice rule; use Condition`);
    if (rule.Condition === undefined) problems.push(`${where}: a JSONata Choice rule needs a Condition`);
  } else {
    if (rule.Condition !== undefined) problems.push(`${where}/Condition: Condition can only be used in JSONata states`);
    if (rule.Output !== undefined) problems.push(`${where}/Output: Output can only be used in JSONata states`);
  }
  checkAssign(rule.Assign, language, `${where}/Assign`, problems);
};

/**
 * Fields only a distributed Map may have. A JSONata inline Map may also carry ToleratedFailureCount and
 * ToleratedFailurePercentage: Step Functions accepts and runs such a definition (they have no effect inline).
 */
const DISTRIBUTED_ONLY = ['ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'Label'] as const;
const ALSO_INLINE_IN_JSONATA: ReadonlySet<string> = new Set(['ToleratedFailureCount', 'ToleratedFailurePercentage']);

const checkMap = (state: MapState, language: QueryLanguage, where: string, walk: Walk): void => {
  const processor = mapProcessor(state);
  const processorField = state.ItemProcessor ? 'ItemProcessor' : 'Iterator';
  const distributed = isDistributedMap(state);
  if (!distributed) {
    for (const field of DISTRIBUTED_ONLY) {
      if (state[field] === undefined || (language === 'JSONata' && ALSO_INLINE_IN_JSONATA.has(field))) continue;
      walk.problems.push(`${where}/${field}: only a Map in DISTRIBUTED mode (${processorField}.ProcessorConfig.Mode) can have ${field}`);
    }
  }
  const config = processor?.ProcessorConfig;
  if (distributed && config?.ExecutionType !== 'STANDARD' && config?.ExecutionType !== 'EXPRESS') {
    walk.problems.push(`${where}/${processorField}/ProcessorConfig/ExecutionType: must be STANDARD or EXPRESS when Mode is DISTRIBUTED`);
  }
  if (processor) checkStateList(processor, `${where}/${processorField}`, walk);
};

const checkState = (name: string, state: StateDefinition, where: string, walk: Walk): void => {
  const { problems } = walk;
  const declared = state.QueryLanguage;
  if (declared !== undefined && declared !== 'JSONPath' && declared !== 'JSONata') {
    problems.push(`${where}/QueryLanguage: must be JSONPath or JSONata`);
    return;
  }
  const allowed = FIELDS_BY_TYPE[state.Type];
  if (allowed) {
    for (const field of Object.keys(state)) {
      if (!allowed.has(field)) walk.problems.push(`${where}/${field}: a ${state.Type} state cannot have ${field}`);
    }
  }
  if (walk.top === 'JSONata' && declared === 'JSONPath') {
    problems.push(`${where}/QueryLanguage: a state cannot use JSONPath when the state machine's QueryLanguage is JSONata`);
  }
  const language: QueryLanguage = declared ?? walk.top;
  const fields = state as unknown as Record<string, unknown>;
  if (language === 'JSONata') {
    for (const field of JSONPATH_ONLY) {
      if (fields[field] !== undefined) problems.push(`${where}/${field}: ${field} can only be used in JSONPath states (state '${name}' uses JSONata)`);
    }
    for (const field of ['Arguments', 'Output', 'Assign', 'Items', 'ItemSelector', 'TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'Timestamp', 'Error', 'Cause', 'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'ItemReader', 'ItemBatcher', 'ResultWriter']) {
      checkJsonataStrings(fields[field], `${where}/${field}`, problems);
    }
  } else {
    for (const field of JSONATA_ONLY) {
      if (fields[field] !== undefined) problems.push(`${where}/${field}: ${field} can only be used in JSONata states (state '${name}' uses JSONPath)`);
    }
    for (const field of NUMERIC_FIELDS) {
      if (typeof fields[field] === 'string') problems.push(`${where}/${field}: must be a number in a JSONPath state (use ${field}Path to read it from the input)`);
    }
  }
  checkAssign(fields.Assign, language, `${where}/Assign`, problems);
  if ('Retry' in state) checkRetriers(state.Retry, `${where}/Retry`, problems);
  if ('Catch' in state) {
    checkErrorEquals(state.Catch, `${where}/Catch`, problems);
    state.Catch?.forEach((catcher, index) => {
      const at = `${where}/Catch[${index}]`;
      if (language === 'JSONata') {
        if (catcher.ResultPath !== undefined) problems.push(`${at}/ResultPath: ResultPath can only be used in JSONPath states; use Output`);
        checkJsonataStrings(catcher.Output, `${at}/Output`, problems);
        checkJsonataStrings(catcher.Assign, `${at}/Assign`, problems);
      } else if (catcher.Output !== undefined) {
        problems.push(`${at}/Output: Output can only be used in JSONata states; use ResultPath`);
      }
      checkAssign(catcher.Assign, language, `${at}/Assign`, problems);
    });
  }
  if (state.Type === 'Choice' && Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, index) => {
      checkChoiceRule(rule, language, `${where}/Choices[${index}]`, problems);
      if (language === 'JSONata') checkJsonataStrings(rule, `${where}/Choices[${index}]`, problems);
    });
  }
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, index) => checkStateList(branch, `${where}/Branches[${index}]`, walk));
  }
  if (state.Type === 'Map') checkMap(state, language, where, walk);
};

/**
 * Transitions must stay inside their own state list (spec: a branch or iteration cannot go to a state outside it).
 * asl-validator checks this only when its schema check passed; doing it here reports it in every case.
 */
const checkTransitions = (list: StateList, where: string, problems: string[]): void => {
  const names = new Set(Object.keys(list.States));
  const target = (next: unknown, at: string): void => {
    if (typeof next === 'string' && !names.has(next)) problems.push(`${at}: the state '${next}' does not exist in this state list`);
  };
  target(list.StartAt, `${where}/StartAt`);
  for (const [name, value] of Object.entries(list.States as Record<string, unknown>)) {
    if (!isObject(value)) continue;
    const state = value;
    const at = `${where}/States/${name}`;
    target(state.Next, `${at}/Next`);
    target(state.Default, `${at}/Default`);
    if (Array.isArray(state.Catch)) state.Catch.forEach((catcher, index) => isObject(catcher) && target(catcher.Next, `${at}/Catch[${index}]/Next`));
    if (Array.isArray(state.Choices)) state.Choices.forEach((rule, index) => isObject(rule) && target(rule.Next, `${at}/Choices[${index}]/Next`));
  }
};

const checkStateList = (list: StateList, where: string, walk: Walk): void => {
  if (!isObject(list.States)) return;
  checkTransitions(list, where, walk.problems);
  for (const [name, state] of Object.entries(list.States)) {
    if (isObject(state)) checkState(name, state, `${where}/States/${name}`, walk);
  }
};

/**
 * Two narrow workarounds for asl-validator 4's schema, on its copy of the definition only:
 * - it accepts a JSONata `Output` only as an expression or an object, but AWS accepts any JSON value there ("The
 *   Output field accepts any JSON value"): such literal Outputs (state, Catch and Choice rule level) become `{}`;
 * - it takes `ToleratedFailurePercentage` as an integer, but AWS takes a number from 0 to 100 (DescribeMapRun
 *   reports it as a float): a fractional one is rounded down;
 * - it takes a JSONata Choice rule's `Condition` only as a string, but Step Functions runs a literal `true` or
 *   `false` there: such a Condition becomes the expression `{% true %}` or `{% false %}`.
 */
const applySchemaWorkarounds = (list: unknown): void => {
  if (!isObject(list) || !isObject(list.States)) return;
  const replace = (holder: Record<string, unknown>): void => {
    if ('Output' in holder && !isObject(holder.Output) && !isJsonataExpression(holder.Output)) holder.Output = {};
  };
  for (const state of Object.values(list.States)) {
    if (!isObject(state)) continue;
    replace(state);
    if (typeof state.ToleratedFailurePercentage === 'number') state.ToleratedFailurePercentage = Math.floor(state.ToleratedFailurePercentage);
    for (const rule of [...(Array.isArray(state.Catch) ? state.Catch : []), ...(Array.isArray(state.Choices) ? state.Choices : [])]) {
      if (isObject(rule)) replace(rule);
      if (isObject(rule) && typeof rule.Condition === 'boolean') rule.Condition = `{% ${String(rule.Condition)} %}`;
    }
    if (Array.isArray(state.Branches)) state.Branches.forEach(applySchemaWorkarounds);
    applySchemaWorkarounds(state.ItemProcessor);
    applySchemaWorkarounds(state.Iterator);
  }
};

/** asl-validator's problems, as "<code>: <message>". */
const validatorProblems = (definition: StateMachineDefinition): string[] => {
  const copy = deepClone(definition);
  applySchemaWorkarounds(copy);
  return aslValidatorProblems(copy as unknown as Record<string, unknown>).map((error) => `${error['Error code']}: ${error.Message}`);
};

/**
 * Parses and validates a definition; `problems` is empty when it is valid.
 *
 * @example
 * const { definition, problems } = validateDefinition(text);
 * if (problems.length > 0) throw new ApiError('InvalidDefinition', problems.join('; '));
 */
const validateDefinition = (text: string): ValidationResult => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problems: [`The definition is not valid JSON: ${(error as Error).message}`] };
  }
  if (!isObject(parsed)) return { problems: ['The definition must be a JSON object'] };
  const definition = parsed as StateMachineDefinition;
  const top = definition.QueryLanguage ?? 'JSONPath';
  if (top !== 'JSONPath' && top !== 'JSONata') return { problems: ['/QueryLanguage: must be JSONPath or JSONata'] };
  const walk: Walk = { problems: [], top };
  checkStateList(definition, '', walk);
  // For a state where our own checks found a problem, asl-validator's oneOf mismatch adds only noise about its
  // `QueryLanguage`/`Type` being "invalid".
  const statesWithProblems = new Set(
    walk.problems.map((problem) => /^(.*\/States\/[^/]+)\//.exec(problem)?.[1]?.replace(/\[(\d+)\]/g, '/$1')).filter(Boolean),
  );
  const fromValidator = validatorProblems(definition).filter(
    (problem) =>
      !/: (.*)\/(QueryLanguage|Type) is invalid/.test(problem) ||
      !statesWithProblems.has(/: (.*)\/(QueryLanguage|Type) is invalid/.exec(problem)?.[1]),
  ).filter(
    (problem) =>
      // Reported by checkMap with a readable message.
      !/\/ProcessorConfig\/Mode is invalid/.test(problem) &&
      // Reported by checkTransitions, with the path.
      !problem.startsWith('MISSING_TRANSITION_TARGET') &&
      !problem.startsWith('BRANCH_OUTBOUND_TRANSITION_TARGET') &&
      !problem.startsWith('MAP_OUTBOUND_TRANSITION_TARGET'),
  );
  const problems = [...walk.problems, ...fromValidator];
  return problems.length === 0 ? { definition, problems } : { problems };
};

export { validateDefinition };
export type { ValidationResult };
