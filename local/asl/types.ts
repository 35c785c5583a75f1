/**
 * The Amazon States Language definition, typed: a discriminated union on `Type`, one member per state type. Fields
 * follow https://states-language.net/spec.html and the AWS Step Functions developer guide (JSONata fields,
 * variables, Distributed Map). Values that may be a JSONata `{% … %}` string in JSONata states are typed `unknown`
 * where the spec allows a template, or `number | string` where it allows a number or an expression.
 */

/** The two query languages; JSONPath is the default (spec: "QueryLanguage"). */
const QueryLanguages = { JSONPath: 'JSONPath', JSONata: 'JSONata' } as const;
type QueryLanguage = (typeof QueryLanguages)[keyof typeof QueryLanguages];

/** The eight state types. */
const StateTypes = {
  Pass: 'Pass',
  Task: 'Task',
  Choice: 'Choice',
  Wait: 'Wait',
  Succeed: 'Succeed',
  Fail: 'Fail',
  Parallel: 'Parallel',
  Map: 'Map',
} as const;
type StateType = (typeof StateTypes)[keyof typeof StateTypes];

/** A set of states with a start: the top level, a Parallel branch, a Map's ItemProcessor. */
type StateList = {
  StartAt: string;
  States: Record<string, StateDefinition>;
  Comment?: string;
};

/** A whole state machine definition. */
type StateMachineDefinition = StateList & {
  QueryLanguage?: QueryLanguage;
  TimeoutSeconds?: number;
  Version?: string;
};

/** Fields every state may have. */
type BaseState = {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  // JSONPath input/output fields
  InputPath?: string | null;
  OutputPath?: string | null;
  // JSONata output field; Assign exists in both languages
  Output?: unknown;
  Assign?: Record<string, unknown>;
};

/** A Retry rule (spec: "Retrying after error"; AWS adds MaxDelaySeconds and JitterStrategy). */
type Retrier = {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
};

/** A Catch rule (spec: "Fallback states"); Output/Assign in JSONata, ResultPath (and Assign) in JSONPath. */
type Catcher = {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
};

type PassState = BaseState & {
  Type: 'Pass';
  Result?: unknown;
  ResultPath?: string | null;
  Parameters?: unknown;
};

type TaskState = BaseState & {
  Type: 'Task';
  Resource: string;
  Parameters?: unknown;
  Arguments?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  /** Accepted and ignored locally: there is no IAM to assume a role in. */
  Credentials?: unknown;
  Retry?: Retrier[];
  Catch?: Catcher[];
};

/** A Choice rule: a JSONata `Condition`, or a JSONPath comparison / boolean combination. */
type ChoiceRule = {
  Next?: string;
  Condition?: unknown;
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
  [operator: string]: unknown;
};

type ChoiceState = Omit<BaseState, 'Next' | 'End'> & {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
};

type WaitState = BaseState & {
  Type: 'Wait';
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
};

type SucceedState = Omit<BaseState, 'Next' | 'End' | 'Assign'> & { Type: 'Succeed' };

type FailState = Pick<BaseState, 'Type' | 'Comment' | 'QueryLanguage'> & {
  Type: 'Fail';
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
};

type ParallelState = BaseState & {
  Type: 'Parallel';
  Branches: StateList[];
  Parameters?: unknown;
  Arguments?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
};

/** `ItemProcessor.ProcessorConfig` (AWS): INLINE (default) or DISTRIBUTED with the child execution type. */
type ProcessorConfig = {
  Mode?: 'INLINE' | 'DISTRIBUTED';
  ExecutionType?: 'STANDARD' | 'EXPRESS';
};

type ItemProcessor = StateList & { ProcessorConfig?: ProcessorConfig };

/** Distributed Map `ItemReader` (AWS): reads the items from S3. */
type ItemReader = {
  Resource: string;
  Parameters?: unknown;
  Arguments?: unknown;
  ReaderConfig?: {
    InputType?: 'JSON' | 'JSONL' | 'CSV' | 'MANIFEST' | 'PARQUET';
    CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
    CSVHeaders?: string[];
    CSVDelimiter?: 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB';
    MaxItems?: number | string;
    MaxItemsPath?: string;
  };
};

/** Distributed Map `ItemBatcher` (AWS). */
type ItemBatcher = {
  MaxItemsPerBatch?: number | string;
  MaxItemsPerBatchPath?: string;
  MaxInputBytesPerBatch?: number | string;
  MaxInputBytesPerBatchPath?: string;
  BatchInput?: unknown;
};

/** Distributed Map `ResultWriter` (AWS). */
type ResultWriter = {
  Resource?: string;
  Parameters?: unknown;
  Arguments?: unknown;
  WriterConfig?: { OutputType?: 'JSON' | 'JSONL'; Transformation?: 'NONE' | 'COMPACT' | 'FLATTEN' };
};

type MapState = BaseState & {
  Type: 'Map';
  ItemProcessor?: ItemProcessor;
  /** Legacy name of ItemProcessor; a ProcessorConfig in it makes it distributed too (AWS runs it as a map run). */
  Iterator?: ItemProcessor;
  ItemsPath?: string;
  Items?: unknown;
  ItemSelector?: unknown;
  /** Legacy name of ItemSelector. */
  Parameters?: unknown;
  ItemReader?: ItemReader;
  ItemBatcher?: ItemBatcher;
  ResultWriter?: ResultWriter;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  Label?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
};

/**
 * The states a Map runs for each item, and their ProcessorConfig: ItemProcessor, or its legacy name Iterator (AWS
 * honours `Iterator.ProcessorConfig.Mode: DISTRIBUTED` as well).
 *
 * @example
 * mapProcessor({ Type: 'Map', Iterator: { StartAt: 'A', States: {…} } }).StartAt; // 'A'
 */
const mapProcessor = (state: Pick<MapState, 'ItemProcessor' | 'Iterator'>): ItemProcessor => (state.ItemProcessor ?? state.Iterator) as ItemProcessor;

/** True for a Map in DISTRIBUTED mode (its processor's ProcessorConfig.Mode). */
const isDistributedMap = (state: Pick<MapState, 'ItemProcessor' | 'Iterator'>): boolean => mapProcessor(state)?.ProcessorConfig?.Mode === 'DISTRIBUTED';

/** Any state. */
type StateDefinition =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

export { QueryLanguages, StateTypes, isDistributedMap, mapProcessor };
export type {
  BaseState,
  Catcher,
  ChoiceRule,
  ChoiceState,
  FailState,
  ItemBatcher,
  ItemProcessor,
  ItemReader,
  MapState,
  ParallelState,
  PassState,
  ProcessorConfig,
  QueryLanguage,
  Retrier,
  ResultWriter,
  StateDefinition,
  StateList,
  StateMachineDefinition,
  StateType,
  SucceedState,
  TaskState,
  WaitState,
};
