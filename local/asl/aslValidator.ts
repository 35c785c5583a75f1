/**
 * asl-validator 4, with its JSON schema compiled once per process.
 *
 * asl-validator's `validator()` builds a new Ajv instance, and so compiles its whole schema again, on every call:
 * 50 to 200 ms per CreateStateMachine, for any definition. This module runs the same two stages from the
 * package's own parts, keeping the compiled schema:
 *
 * 1. the JSON schema (asl-validator's schema files, its formats: asl-path-validator's paths, ajv-formats, the JSONata
 *    string formats), its errors reduced as asl-validator reduces them (see {@link reduceSchemaErrors});
 * 2. when the schema passes, asl-validator's own checks (transitions, terminal states, duplicate names and fields)
 *    and its "at most one of" / "exactly one of" field rules, listed in {@link FIELD_RULES}.
 *
 * The result is asl-validator's for the same definition and options `{ checkPaths: true, checkArn: false }`, which
 * tests/unit/asl/aslValidator.test.ts checks against the package on valid and invalid definitions.
 */
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import jsonata from 'jsonata';
import { JSONPath } from 'jsonpath-plus';
import { isJsonataExpression, jsonataSyntaxError } from './jsonata/evaluate';

/** A problem as asl-validator reports it. */
type AslProblem = { 'Error code': string; Message: string };

type StateEntry = { stateName: string; state: Record<string, unknown> };
type Options = { checkPaths: boolean; checkArn: boolean };
type DefinitionCheck = (definition: object, options: Options) => AslProblem[];
type StateChecker = (entry: StateEntry) => AslProblem | null;
type StateCheck = { filter: (entry: StateEntry) => boolean; checker: StateChecker };

/** The parts of asl-validator and of the packages it depends on, loaded from where asl-validator finds them. */
type AslValidatorParts = {
  schemas: object[];
  addFormats: (ajv: Ajv) => void;
  registerPathFormats: (ajv: Ajv) => void;
  definitionChecks: DefinitionCheck[];
  stateChecks: (definition: object, options: Options, checks: StateCheck[]) => AslProblem[];
  atMostOne: (rule: { props: string[]; errorCode: string; path?: string }) => StateChecker;
  exactlyOne: (rule: { props: string[]; errorCode: string }) => StateChecker;
};

const SCHEMA_FILES = [
  'common', 'paths', 'jsonata', 'choice', 'fail', 'parallel', 'pass', 'base-state-machine', 'state-machine', 'state', 'succeed', 'task', 'wait', 'map', 'errors',
] as const;

const STATE_MACHINE_SCHEMA_ID = 'http://asl-validator.cloud/state-machine.json#';

const OPTIONS: Options = { checkPaths: true, checkArn: false };

const loadParts = (): AslValidatorParts => {
  // Resolved from asl-validator's own location: the same copies of its dependencies that it would use.
  const fromValidator = createRequire(require.resolve('asl-validator'));
  const checks = (name: string): Record<string, unknown> => fromValidator(`./checks/${name}`) as Record<string, unknown>;
  const state = checks('state-checks');
  const formats = fromValidator('ajv-formats') as { default: (ajv: Ajv) => void };
  const paths = fromValidator('asl-path-validator') as { registerAll: (ajv: Ajv) => void };
  return {
    schemas: SCHEMA_FILES.map((name) => fromValidator(`./schemas/${name}.json`) as object),
    addFormats: formats.default,
    registerPathFormats: paths.registerAll,
    definitionChecks: [
      checks('missing-transition-target-errors').missingTransitionTargetErrors,
      checks('state-transitions-errors').stateTransitionsErrors,
      checks('duplicate-state-names-errors').duplicateStateNames,
      checks('missing-terminal-state-errors').missingTerminalStateErrors,
      checks('duplicate-payload-template-fields').mustNotHaveDuplicateFieldNamesAfterEvaluation,
    ] as DefinitionCheck[],
    stateChecks: state.stateChecks as AslValidatorParts['stateChecks'],
    atMostOne: state.AtMostOne as AslValidatorParts['atMostOne'],
    exactlyOne: state.ExactlyOne as AslValidatorParts['exactlyOne'],
  };
};

/** asl-validator's "jsonata_string" format: `{% … %}` (or either delimiter alone) around an expression that parses. */
const isJsonataString = (value: string): boolean => {
  const trimmed = value.trim();
  // The usual `{% … %}` parses exactly as our own check parses it, whose result is cached.
  const delimited: unknown = trimmed;
  if (isJsonataExpression(delimited)) return jsonataSyntaxError(delimited) === undefined;
  let text = trimmed.startsWith('{%') ? trimmed.slice(2) : trimmed;
  text = text.endsWith('%}') ? text.slice(0, -2) : text;
  try {
    jsonata(text);
    return true;
  } catch {
    return false;
  }
};

/** asl-validator's "maybe_jsonata_string" format: a string that looks like an expression must be one. */
const isMaybeJsonataString = (value: string): boolean => {
  const trimmed = value.trim();
  return trimmed.startsWith('{%') || trimmed.endsWith('%}') ? isJsonataString(trimmed) : true;
};

/**
 * The field rules asl-validator checks per state once the schema passes (States Language: a state has at most one
 * of a field and its `…Path` form; a Wait has exactly one duration; a non-terminal state exactly one of End/Next).
 */
const FIELD_RULES: readonly { types: readonly string[] | 'not-terminal'; rule: 'atMostOne' | 'exactlyOne'; props: string[]; errorCode: string; path?: string }[] = [
  { types: ['Task'], rule: 'atMostOne', props: ['TimeoutSeconds', 'TimeoutSecondsPath'], errorCode: 'TASK_TIMEOUT' },
  { types: ['Task'], rule: 'atMostOne', props: ['HeartbeatSeconds', 'HeartbeatSecondsPath'], errorCode: 'TASK_HEARTBEAT' },
  { types: ['Map'], rule: 'exactlyOne', props: ['ItemProcessor', 'Iterator'], errorCode: 'MAP_ITEM_PROCESSOR' },
  { types: ['Map'], rule: 'atMostOne', props: ['ItemSelector', 'Parameters'], errorCode: 'MAP_ITEM_SELECTOR' },
  { types: ['Wait'], rule: 'exactlyOne', props: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'], errorCode: 'WAIT_DURATION' },
  { types: 'not-terminal', rule: 'exactlyOne', props: ['End', 'Next'], errorCode: 'TERMINAL_STATE_WITH_NEXT' },
  { types: ['Map'], rule: 'atMostOne', props: ['ToleratedFailureCount', 'ToleratedFailureCountPath'], errorCode: 'MAP_TOLERATED_FAILURE' },
  { types: ['Map'], rule: 'atMostOne', props: ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'], errorCode: 'MAP_TOLERATED_FAILURE' },
  { types: ['Map'], rule: 'atMostOne', props: ['MaxConcurrency', 'MaxConcurrencyPath'], errorCode: 'MAP_CONCURRENCY_ERROR' },
  { types: ['Map'], rule: 'atMostOne', props: ['Items', 'ItemsPath'], errorCode: 'MAP_ITEMS_ERROR' },
  { types: ['Map'], rule: 'atMostOne', props: ['MaxItems', 'MaxItemsPath'], errorCode: 'MAP_ITEMREADER_MAXITEM', path: '$.ItemReader.ReaderConfig' },
  { types: ['Map'], rule: 'atMostOne', props: ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'], errorCode: 'MAP_ITEM_BATCHER', path: '$.ItemBatcher' },
  { types: ['Map'], rule: 'atMostOne', props: ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'], errorCode: 'MAP_ITEM_BATCHER', path: '$.ItemBatcher' },
  { types: ['Fail'], rule: 'atMostOne', props: ['Cause', 'CausePath'], errorCode: 'FAIL_CAUSE_PROPERTY' },
  { types: ['Fail'], rule: 'atMostOne', props: ['Error', 'ErrorPath'], errorCode: 'FAIL_ERROR_PROPERTY' },
];

/** States without End or Next. */
const TERMINAL_TYPES: ReadonlySet<unknown> = new Set(['Succeed', 'Fail', 'Choice']);

type Compiled = { parts: AslValidatorParts; validateSchema: ValidateFunction; stateChecks: StateCheck[] };

let compiled: Compiled | undefined;

/** Loads asl-validator's parts and compiles the schema, on first use. */
const compiledValidator = (): Compiled => {
  if (compiled) return compiled;
  const parts = loadParts();
  const ajv = new Ajv({ schemas: parts.schemas, allowUnionTypes: true });
  parts.addFormats(ajv);
  ajv.addFormat('jsonata_string', isJsonataString);
  ajv.addFormat('maybe_jsonata_string', isMaybeJsonataString);
  parts.registerPathFormats(ajv);
  // checkArn: false (Task resources are checked by the integrations registry when they run).
  ajv.addFormat('asl_arn', () => true);
  const validateSchema = ajv.getSchema(STATE_MACHINE_SCHEMA_ID);
  if (!validateSchema) throw new Error(`asl-validator's schema ${STATE_MACHINE_SCHEMA_ID} was not found`);
  const stateChecks = FIELD_RULES.map(({ types, rule, props, errorCode, path }): StateCheck => ({
    filter: ({ state }) => (types === 'not-terminal' ? !TERMINAL_TYPES.has(state.Type) : types.includes(state.Type as string)),
    checker: rule === 'atMostOne' ? parts.atMostOne({ props, errorCode, ...(path ? { path } : {}) }) : parts.exactlyOne({ props, errorCode }),
  }));
  compiled = { parts, validateSchema, stateChecks };
  return compiled;
};

/**
 * Reduces Ajv's errors as asl-validator does: the `oneOf` of the state types makes one error per alternative, so
 * only the errors at the deepest instance path are kept; where one of them is a `oneOf` error, the others at that
 * path go; duplicates (same schema path and instance path) are reported once.
 */
const reduceSchemaErrors = (errors: readonly ErrorObject[]): AslProblem[] => {
  const depth = (error: ErrorObject): number => error.instancePath.split('/').length;
  const deepest = Math.max(...errors.map(depth));
  const selected = errors.filter((error) => depth(error) === deepest);
  const withOneOf = new Set(selected.filter((error) => error.keyword === 'oneOf').map((error) => error.instancePath));
  const seen = new Set<string>();
  const problems: AslProblem[] = [];
  for (const error of selected) {
    if (error.keyword !== 'oneOf' && withOneOf.has(error.instancePath)) continue;
    const key = `${decodeURIComponent(error.schemaPath)}\u0000${error.instancePath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ 'Error code': 'SCHEMA_VALIDATION_FAILED', Message: `${error.instancePath} is invalid. ${error.message ?? ''}` });
  }
  return problems;
};

/**
 * Validates a definition as asl-validator 4 does with `{ checkPaths: true, checkArn: false }`. Like asl-validator,
 * it fills in each state's QueryLanguage (from the top level) in the object it is given: pass a copy.
 *
 * @example
 * const problems = aslValidatorProblems(structuredClone(definition));
 * // [{ 'Error code': 'TERMINAL_STATE_WITH_NEXT', Message: 'State "A" MUST contain exactly one of "End", "Next"' }]
 */
const aslValidatorProblems = (definition: Record<string, unknown>): AslProblem[] => {
  const { parts, validateSchema, stateChecks } = compiledValidator();
  const language = definition.QueryLanguage ?? 'JSONPath';
  // As asl-validator: every object named States, wherever it is, holds states whose language defaults to the top's.
  for (const states of JSONPath({ path: '$..States', json: definition }) as Record<string, Record<string, unknown>>[]) {
    for (const state of Object.values(states)) {
      // asl-validator would throw on a state that is not an object; the schema reports it instead.
      if (typeof state === 'object' && state !== null && !state.QueryLanguage) state.QueryLanguage = language;
    }
  }
  if (!validateSchema(definition)) return reduceSchemaErrors(validateSchema.errors ?? []);
  return [...parts.definitionChecks.flatMap((check) => check(definition, OPTIONS)), ...parts.stateChecks(definition, OPTIONS, stateChecks)];
};

export { aslValidatorProblems };
export type { AslProblem };
