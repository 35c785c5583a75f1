/**
 * The engine: the Step Functions control plane over the interpreter. It keeps state machines, executions, their
 * history and map runs (persisted through an {@link EngineStore}), runs executions, and answers every operation of
 * {@link StepFunctionsApi} in the shapes of `@aws-sdk/client-sfn`, throwing {@link ApiError}s named as the API
 * names them. It is also the {@link EngineServices} that `states:startExecution` integrations use.
 *
 * AWS behaviour kept:
 * - StartExecution is idempotent for STANDARD machines: the same name and input while the execution runs returns
 *   the same ARN; the same name otherwise is ExecutionAlreadyExists. EXPRESS names can be reused at once (each
 *   start is a new execution, its ARN made unique).
 * - CreateStateMachine is idempotent for the same name, definition, role and type; otherwise
 *   StateMachineAlreadyExists.
 * - ListExecutions lists STANDARD executions of a machine, or the child executions of a map run
 *   (`mapRunArn`); on an EXPRESS machine it is StateMachineTypeNotSupported. StartSyncExecution only runs EXPRESS
 *   machines.
 * - Locally, DescribeExecution and GetExecutionHistory also answer for EXPRESS executions (AWS keeps no history of
 *   them outside map runs), which is what local debugging needs.
 */
import { randomUUID } from 'node:crypto';
import type * as sfn from '@aws-sdk/client-sfn';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { ApiError } from './api';
import type { StepFunctionsApi } from './api';
import { executionArn as makeExecutionArn, nameProblem, parseStatesArn, stateMachineArn as makeStateMachineArn } from './arns';
import type { ArnParts } from './arns';
import { createTimers } from './clock';
import type { Clock, Timers } from './clock';
import { DefaultArnParts, PAYLOAD_LIMIT_BYTES } from './constants';
import type { ChildExecutionRequest } from './distributed/children';
import { s3Settings } from './distributed/s3';
import { runExecution } from './executionRunner';
import type { ExecutionEnd } from './executionRunner';
import { HistoryRecorder } from './history';
import { parseResource as defaultParseResource } from './integrations/resource';
import type { EngineServices, IntegrationRegistry, ParsedResource } from './integrations/types';
import { runStates } from './interpreter';
import { ExecutionInterruptedError } from './errors';
import { sharedSignal } from './signals';
import { describeExecutionOf, describeMapRunOf, historyEventView } from './apiShapes';
import { paginate } from './pagination';
import type { EngineRuntime, ExecutionRuntime } from './runtime';
import { InMemoryEngineStore } from './store';
import type { EngineStore, ExecutionRecord, MapRunRecord, StateMachineRecord, StateMachineType } from './store';
import { TaskTokens } from './taskTokens';
import type { StateMachineDefinition } from './types';
import { validateDefinition } from './validation';
import { WriteQueue } from './writeQueue';

/** The `error` an execution gets when it was found RUNNING at start (nothing resumes it). */
const ENGINE_RESTARTED_ERROR = 'Local.EngineRestarted';

/** Options of the {@link Engine}. */
type EngineOptions = {
  /** Carries out Task states (engineer I's `createIntegrationRegistry`, or a registry of your own). */
  integrations: IntegrationRegistry;
  /** Where state is kept. @default new InMemoryEngineStore() */
  store?: EngineStore;
  /** S3 client configuration for Distributed Map ItemReader/ResultWriter (endpoint, region, credentials, forcePathStyle). */
  clientConfig?: S3ClientConfig;
  /** Replaces the clock: `now`, and the `sleep` of Wait states and retry intervals (not of timeouts). */
  clock?: Partial<Clock>;
  /** Shorthand for `clock.sleep`: tests pass one that returns at once to make waits and retries instant. */
  sleep?: Clock['sleep'];
  /** Multiplies every wait, retry interval and timeout (0: waits are instant and timeouts never fire). @default 1 */
  timeScale?: number;
  /** Region in the ARNs the engine makes. @default 'us-east-1' */
  region?: string;
  /** Account in the ARNs the engine makes. @default '123456789012' */
  accountId?: string;
  /** @default 'aws' */
  partition?: string;
  /** Random numbers for retry jitter. @default Math.random */
  random?: () => number;
  /** Parses Task Resource ARNs. @default parseResource from local/asl/integrations/resource */
  parseResource?: (arn: string) => ParsedResource;
  /** Called when the store fails to write. @default writes the error to stderr */
  onStoreError?: (error: unknown) => void;
};

type MachineEntry = { record: StateMachineRecord; definition: StateMachineDefinition; deleted: boolean };

type ExecutionEntry = {
  record: ExecutionRecord;
  /** Set while the execution runs. */
  history?: HistoryRecorder;
  controller?: AbortController;
  done: Promise<void>;
};

/**
 * The local Step Functions engine.
 *
 * @example
 * const engine = new Engine({ integrations, timeScale: 0.001 });
 * const { stateMachineArn } = await engine.createStateMachine({ name: 'demo', definition, roleArn });
 * const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{}' });
 * const result = await engine.waitForExecution(executionArn); // DescribeExecution's answer
 */
class Engine implements StepFunctionsApi, EngineServices {
  readonly #store: EngineStore;
  readonly #writes: WriteQueue;
  readonly #runtime: EngineRuntime;
  readonly #arnParts: ArnParts;
  readonly #timers: Timers;
  readonly #machines = new Map<string, MachineEntry>();
  readonly #executions = new Map<string, ExecutionEntry>();
  readonly #mapRuns = new Map<string, MapRunRecord>();
  readonly #ready: Promise<void>;
  /** The history of the finished execution read last, for GetExecutionHistory's following pages. */
  #lastHistory: { executionArn: string; events: readonly sfn.HistoryEvent[] } | undefined;

  public constructor(options: EngineOptions) {
    this.#store = options.store ?? new InMemoryEngineStore();
    this.#writes = new WriteQueue(this.#store, options.onStoreError ?? ((error) => process.stderr.write(`[asl-engine] store write failed: ${String(error)}\n`)));
    this.#arnParts = {
      partition: options.partition ?? DefaultArnParts.partition,
      region: options.region ?? DefaultArnParts.region,
      accountId: options.accountId ?? DefaultArnParts.accountId,
    };
    this.#timers = createTimers({ clock: { ...options.clock, ...(options.sleep ? { sleep: options.sleep } : {}) }, timeScale: options.timeScale });
    this.#runtime = {
      integrations: options.integrations,
      parseResource: options.parseResource ?? defaultParseResource,
      services: this,
      timers: this.#timers,
      tokens: new TaskTokens(),
      arnParts: this.#arnParts,
      random: options.random ?? Math.random,
      s3: s3Settings(options.clientConfig),
      startChildExecution: (request) => this.#runChild(request),
      mapRuns: {
        started: (record) => this.#saveMapRun(record),
        updated: (record) => this.#saveMapRun(record),
      },
    };
    this.#ready = this.#load();
  }

  /** Resolves once the store's content is loaded; every operation waits for it too. */
  public ready(): Promise<void> {
    return this.#ready;
  }

  /** Resolves once everything changed so far is written to the store. */
  public async flush(): Promise<void> {
    await this.#ready;
    await this.#writes.flush();
  }

  /** Stops every running execution (as StopExecution would) and waits for the writes; for shutting down. */
  public async close(): Promise<void> {
    await this.#ready;
    const running = [...this.#executions.values()].filter((entry) => entry.record.status === 'RUNNING');
    for (const entry of running) {
      entry.controller?.abort(new ExecutionInterruptedError('stopped', { error: ENGINE_RESTARTED_ERROR, cause: 'The local engine was closed' }));
    }
    await Promise.all(running.map((entry) => entry.done));
    await this.#writes.flush();
  }

  // ---- state machines ----------------------------------------------------------------------------------------

  public async createStateMachine(input: sfn.CreateStateMachineInput): Promise<sfn.CreateStateMachineOutput> {
    await this.#ready;
    const name = input.name ?? '';
    const problem = nameProblem(name);
    if (problem) throw new ApiError('InvalidName', `Invalid Name: '${name}' ${problem}`);
    if (typeof input.definition !== 'string') throw new ApiError('ValidationException', "1 validation error detected: 'definition' must not be null");
    if (typeof input.roleArn !== 'string' || input.roleArn === '') throw new ApiError('ValidationException', "1 validation error detected: 'roleArn' must not be null");
    if (!/^arn:[a-z-]+:iam::\d{12}:role\/.+$/.test(input.roleArn)) throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${input.roleArn}'`);
    const type = (input.type ?? 'STANDARD') as StateMachineType;
    if (type !== 'STANDARD' && type !== 'EXPRESS') throw new ApiError('ValidationException', `Invalid state machine type '${String(type)}'`);
    const definition = this.#validate(input.definition);
    const arn = makeStateMachineArn(this.#arnParts, name);
    const existing = this.#machines.get(arn);
    if (existing && !existing.deleted) {
      const same = existing.record.definition === input.definition && existing.record.roleArn === input.roleArn && existing.record.type === type;
      if (!same) throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
      return { stateMachineArn: arn, creationDate: existing.record.creationDate };
    }
    const record: StateMachineRecord = {
      stateMachineArn: arn,
      name,
      definition: input.definition,
      roleArn: input.roleArn,
      type,
      creationDate: this.#timers.clock.now(),
      revisionId: randomUUID(),
      ...(input.loggingConfiguration ? { loggingConfiguration: { level: input.loggingConfiguration.level, includeExecutionData: input.loggingConfiguration.includeExecutionData } } : {}),
      ...(input.tracingConfiguration ? { tracingConfiguration: { enabled: input.tracingConfiguration.enabled } } : {}),
    };
    this.#machines.set(arn, { record, definition, deleted: false });
    this.#writes.stateMachine(record);
    return { stateMachineArn: arn, creationDate: record.creationDate };
  }

  /**
   * UpdateStateMachine (definition and/or role): new executions use the new definition; running ones keep theirs.
   *
   * @example
   * await engine.updateStateMachine({ stateMachineArn, definition: JSON.stringify(changed) });
   */
  public async updateStateMachine(input: sfn.UpdateStateMachineInput): Promise<sfn.UpdateStateMachineOutput> {
    await this.#ready;
    const entry = this.#machine(input.stateMachineArn);
    const definition = input.definition === undefined ? entry.definition : this.#validate(input.definition);
    const record: StateMachineRecord = {
      ...entry.record,
      definition: input.definition ?? entry.record.definition,
      roleArn: input.roleArn ?? entry.record.roleArn,
      revisionId: randomUUID(),
    };
    this.#machines.set(record.stateMachineArn, { record, definition, deleted: false });
    this.#writes.stateMachine(record);
    return { updateDate: this.#timers.clock.now(), revisionId: record.revisionId };
  }

  public async describeStateMachine(input: sfn.DescribeStateMachineInput): Promise<sfn.DescribeStateMachineOutput> {
    await this.#ready;
    const { record } = this.#machine(input.stateMachineArn);
    return {
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: 'ACTIVE',
      definition: record.definition,
      roleArn: record.roleArn,
      type: record.type,
      creationDate: record.creationDate,
      revisionId: record.revisionId,
      loggingConfiguration: { level: (record.loggingConfiguration?.level ?? 'OFF') as sfn.LogLevel, includeExecutionData: record.loggingConfiguration?.includeExecutionData ?? false },
      tracingConfiguration: { enabled: record.tracingConfiguration?.enabled ?? false },
    };
  }

  public async listStateMachines(input: sfn.ListStateMachinesInput = {}): Promise<sfn.ListStateMachinesOutput> {
    await this.#ready;
    const machines = [...this.#machines.values()]
      .filter((entry) => !entry.deleted && !entry.record.hidden)
      .map(({ record }) => ({ stateMachineArn: record.stateMachineArn, name: record.name, type: record.type, creationDate: record.creationDate }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(machines, input, 'stateMachines');
    return { stateMachines: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  public async deleteStateMachine(input: sfn.DeleteStateMachineInput): Promise<sfn.DeleteStateMachineOutput> {
    await this.#ready;
    const arn = input.stateMachineArn ?? '';
    this.#parseArn(arn, ['stateMachine']);
    const entry = this.#machines.get(arn);
    // Deleting a machine that does not exist succeeds (AWS: DeleteStateMachine is idempotent).
    if (entry && !entry.deleted) {
      entry.deleted = true;
      this.#writes.deleteStateMachine(arn);
    }
    return {};
  }

  // ---- executions ------------------------------------------------------------------------------------------------

  public async startExecution(input: sfn.StartExecutionInput & { parentExecutionArn?: string }): Promise<{ executionArn: string; startDate: Date }> {
    await this.#ready;
    const machine = this.#machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    const problem = nameProblem(name);
    if (problem) throw new ApiError('InvalidName', `Invalid Name: '${name}' ${problem}`);
    const inputText = input.input ?? '{}';
    const parsed = this.#parseInput(inputText);
    if (machine.record.type === 'STANDARD') {
      const arn = makeExecutionArn(this.#arnParts, machine.record.name, name, 'STANDARD');
      const existing = this.#executions.get(arn);
      if (existing) {
        if (existing.record.status === 'RUNNING' && existing.record.input === inputText) {
          return { executionArn: arn, startDate: existing.record.startDate };
        }
        throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
      }
    }
    const entry = this.#launch(machine.record, machine.definition, {
      name,
      inputText,
      input: parsed,
      ...(input.parentExecutionArn ? { parentExecutionArn: input.parentExecutionArn } : {}),
      ...(input.traceHeader ? { traceHeader: input.traceHeader } : {}),
    });
    return { executionArn: entry.record.executionArn, startDate: entry.record.startDate };
  }

  public async startSyncExecution(input: sfn.StartSyncExecutionInput): Promise<sfn.StartSyncExecutionOutput> {
    await this.#ready;
    const machine = this.#machine(input.stateMachineArn);
    if (machine.record.type !== 'EXPRESS') {
      throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    }
    const { executionArn } = await this.startExecution({ stateMachineArn: input.stateMachineArn, name: input.name, input: input.input, traceHeader: input.traceHeader });
    const result = await this.waitForExecution(executionArn);
    const stopDate = result.stopDate ?? this.#timers.clock.now();
    return {
      executionArn,
      stateMachineArn: result.stateMachineArn,
      name: result.name,
      startDate: result.startDate,
      stopDate,
      status: result.status as sfn.SyncExecutionStatus,
      ...(result.error ? { error: result.error } : {}),
      ...(result.cause ? { cause: result.cause } : {}),
      input: result.input,
      inputDetails: { included: true },
      ...(result.output !== undefined ? { output: result.output, outputDetails: { included: true } } : {}),
      billingDetails: {
        billedMemoryUsedInMB: 64,
        billedDurationInMilliseconds: Math.max(100, Math.ceil((stopDate.getTime() - (result.startDate?.getTime() ?? 0)) / 100) * 100),
      },
    };
  }

  public async describeExecution(input: sfn.DescribeExecutionInput): Promise<sfn.DescribeExecutionOutput> {
    await this.#ready;
    return describeExecutionOf(this.#execution(input.executionArn).record);
  }

  public async listExecutions(input: sfn.ListExecutionsInput): Promise<sfn.ListExecutionsOutput> {
    await this.#ready;
    let records: ExecutionRecord[];
    let listing: string;
    if (input.mapRunArn !== undefined) {
      this.#parseArn(input.mapRunArn, ['mapRun']);
      if (!this.#mapRuns.has(input.mapRunArn)) throw new ApiError('ResourceNotFound', `Resource not found: '${input.mapRunArn}'`);
      records = [...this.#executions.values()].map((entry) => entry.record).filter((record) => record.mapRunArn === input.mapRunArn);
      listing = input.mapRunArn;
    } else {
      const machine = this.#machine(input.stateMachineArn, { includeDeleted: true });
      if (machine.record.type === 'EXPRESS') {
        throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
      }
      records = [...this.#executions.values()].map((entry) => entry.record).filter((record) => record.stateMachineArn === machine.record.stateMachineArn);
      listing = machine.record.stateMachineArn;
    }
    if (input.statusFilter) records = records.filter((record) => record.status === input.statusFilter);
    records.sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
    const page = paginate(records, input, `${listing}|${input.statusFilter ?? ''}`);
    return {
      executions: page.items.map((record) => ({
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: record.startDate,
        ...(record.stopDate ? { stopDate: record.stopDate } : {}),
        ...(input.mapRunArn && record.mapRunArn ? { mapRunArn: record.mapRunArn, itemCount: record.itemCount ?? 1 } : {}),
        redriveCount: record.redriveCount,
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  public async stopExecution(input: sfn.StopExecutionInput): Promise<sfn.StopExecutionOutput>;
  public async stopExecution(executionArn: string, error?: string, cause?: string): Promise<void>;
  public async stopExecution(
    input: sfn.StopExecutionInput | string,
    error?: string,
    cause?: string,
  ): Promise<sfn.StopExecutionOutput | void> {
    await this.#ready;
    const request = typeof input === 'string' ? { executionArn: input, error, cause } : input;
    const entry = this.#execution(request.executionArn);
    if (entry.record.status === 'RUNNING') {
      entry.controller?.abort(new ExecutionInterruptedError('stopped', { error: request.error, cause: request.cause }));
      await entry.done;
    }
    if (typeof input === 'string') return;
    return { stopDate: entry.record.stopDate ?? this.#timers.clock.now() };
  }

  public async getExecutionHistory(input: sfn.GetExecutionHistoryInput): Promise<sfn.GetExecutionHistoryOutput> {
    await this.#ready;
    const entry = this.#execution(input.executionArn);
    let events: readonly sfn.HistoryEvent[];
    if (entry.history) {
      events = entry.history.events;
    } else if (this.#lastHistory?.executionArn === entry.record.executionArn) {
      events = this.#lastHistory.events;
    } else {
      await this.#writes.flush();
      events = await this.#store.readHistory(entry.record.executionArn);
      // A finished execution's history never changes: kept for the next page, so paging through it reads it once.
      this.#lastHistory = { executionArn: entry.record.executionArn, events };
    }
    if (input.reverseOrder) events = [...events].reverse();
    const page = paginate(events, input, `${entry.record.executionArn}|${input.reverseOrder ? 'r' : 'f'}`);
    const items = page.items.map((event) => historyEventView(event, input.includeExecutionData !== false));
    return { events: items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  /**
   * Resolves with DescribeExecution's answer once the execution is no longer RUNNING.
   *
   * @example
   * const { status, output } = await engine.waitForExecution(executionArn);
   */
  public async waitForExecution(executionArn: string): Promise<sfn.DescribeExecutionOutput> {
    await this.#ready;
    const entry = this.#execution(executionArn);
    await entry.done;
    return describeExecutionOf(entry.record);
  }

  // ---- map runs --------------------------------------------------------------------------------------------------

  public async describeMapRun(input: sfn.DescribeMapRunInput): Promise<sfn.DescribeMapRunOutput> {
    await this.#ready;
    const arn = input.mapRunArn ?? '';
    this.#parseArn(arn, ['mapRun']);
    const record = this.#mapRuns.get(arn);
    if (!record) throw new ApiError('ResourceNotFound', `Resource not found: '${arn}'`);
    return describeMapRunOf(record);
  }

  public async listMapRuns(input: sfn.ListMapRunsInput): Promise<sfn.ListMapRunsOutput> {
    await this.#ready;
    const entry = this.#execution(input.executionArn);
    const runs = [...this.#mapRuns.values()]
      .filter((record) => record.executionArn === entry.record.executionArn)
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
    const page = paginate(runs, input, `${entry.record.executionArn}|mapRuns`);
    return {
      mapRuns: page.items.map((record) => ({
        executionArn: record.executionArn,
        mapRunArn: record.mapRunArn,
        stateMachineArn: record.stateMachineArn,
        startDate: record.startDate,
        ...(record.stopDate ? { stopDate: record.stopDate } : {}),
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  // ---- task tokens -----------------------------------------------------------------------------------------------

  public async sendTaskSuccess(input: sfn.SendTaskSuccessInput): Promise<sfn.SendTaskSuccessOutput> {
    await this.#ready;
    this.#runtime.tokens.succeed(input.taskToken ?? '', input.output ?? '');
    return {};
  }

  public async sendTaskFailure(input: sfn.SendTaskFailureInput): Promise<sfn.SendTaskFailureOutput> {
    await this.#ready;
    this.#runtime.tokens.fail(input.taskToken ?? '', input.error, input.cause);
    return {};
  }

  public async sendTaskHeartbeat(input: sfn.SendTaskHeartbeatInput): Promise<sfn.SendTaskHeartbeatOutput> {
    await this.#ready;
    this.#runtime.tokens.heartbeat(input.taskToken ?? '');
    return {};
  }

  // ---- EngineServices --------------------------------------------------------------------------------------------

  public async awaitExecution(executionArn: string, signal: AbortSignal): Promise<sfn.DescribeExecutionOutput> {
    await this.#ready;
    const entry = this.#execution(executionArn);
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      entry.done.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, reject);
    });
    return describeExecutionOf(entry.record);
  }

  // ---- internals -------------------------------------------------------------------------------------------------

  #validate(text: string): StateMachineDefinition {
    const { definition, problems } = validateDefinition(text);
    if (!definition || problems.length > 0) {
      throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: ${problems.map((problem) => `'${problem}'`).join(', ')}`);
    }
    return definition;
  }

  #parseInput(text: string): unknown {
    if (Buffer.byteLength(text, 'utf8') > PAYLOAD_LIMIT_BYTES) {
      throw new ApiError('InvalidExecutionInput', `The input is larger than the maximum of ${PAYLOAD_LIMIT_BYTES} bytes`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`);
    }
  }

  #parseArn(arn: string | undefined, types: readonly string[]): void {
    const parsed = typeof arn === 'string' ? parseStatesArn(arn) : undefined;
    if (!parsed || !types.includes(parsed.resourceType)) {
      throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`);
    }
  }

  #machine(arn: string | undefined, options: { includeDeleted?: boolean } = {}): MachineEntry {
    this.#parseArn(arn, ['stateMachine']);
    const parsed = parseStatesArn(arn as string);
    // A version or alias qualifier (`…:stateMachine:name:1`) resolves to the machine itself here.
    const entry = this.#machines.get(makeStateMachineArn(this.#arnParts, parsed?.machineName ?? '')) ?? this.#machines.get(arn as string);
    if (!entry || (entry.deleted && !options.includeDeleted)) {
      throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    }
    return entry;
  }

  #execution(arn: string | undefined): ExecutionEntry {
    this.#parseArn(arn, ['execution', 'express']);
    const entry = this.#executions.get(arn as string);
    if (!entry) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return entry;
  }

  /** Creates the execution record and starts running it. */
  #launch(
    machine: StateMachineRecord,
    definition: StateMachineDefinition,
    start: {
      name: string;
      inputText: string;
      input: unknown;
      parentExecutionArn?: string;
      traceHeader?: string;
      mapRunArn?: string;
      itemCount?: number;
      arn?: string;
      signal?: AbortSignal;
    },
  ): ExecutionEntry {
    const arn = start.arn ?? makeExecutionArn(this.#arnParts, machine.name, start.name, machine.type);
    const record: ExecutionRecord = {
      executionArn: arn,
      stateMachineArn: machine.stateMachineArn,
      name: start.name,
      type: machine.type,
      status: 'RUNNING',
      startDate: this.#timers.clock.now(),
      input: start.inputText,
      redriveCount: 0,
      ...(start.parentExecutionArn ? { parentExecutionArn: start.parentExecutionArn } : {}),
      ...(start.traceHeader ? { traceHeader: start.traceHeader } : {}),
      ...(start.mapRunArn ? { mapRunArn: start.mapRunArn, itemCount: start.itemCount ?? 1 } : {}),
    };
    const controller = new AbortController();
    sharedSignal(controller.signal);
    if (start.signal) {
      // A map run that stops (its parent stopped or timed out, or the failure threshold was passed) aborts its
      // children: they end ABORTED, whatever ended the parent.
      const parent = start.signal;
      const stop = (): void => controller.abort(new ExecutionInterruptedError('stopped', { cause: 'The map run that started this execution stopped' }));
      if (parent.aborted) stop();
      else {
        parent.addEventListener('abort', stop, { once: true });
        controller.signal.addEventListener('abort', () => parent.removeEventListener('abort', stop), { once: true });
      }
    }
    const history = new HistoryRecorder(this.#timers.clock, (event) => this.#writes.history(arn, event));
    const runtime: ExecutionRuntime = {
      engine: this.#runtime,
      executionArn: arn,
      executionName: start.name,
      stateMachineArn: machine.stateMachineArn,
      stateMachineName: machine.name,
      roleArn: machine.roleArn,
      startTime: record.startDate,
      input: start.input,
      redriveCount: 0,
      definition,
      queryLanguage: definition.QueryLanguage ?? 'JSONPath',
      history,
      runStates,
      ...(start.mapRunArn ? { mapRunArn: start.mapRunArn } : {}),
    };
    const entry: ExecutionEntry = { record, history, controller, done: Promise.resolve() };
    this.#executions.set(arn, entry);
    this.#writes.execution(record);
    entry.done = runExecution(runtime, controller).then(
      (end) => this.#finish(entry, end),
      (error: unknown) => this.#finish(entry, { status: 'FAILED', error: 'States.Runtime', cause: `The engine failed: ${String(error)}` }),
    );
    return entry;
  }

  #finish(entry: ExecutionEntry, end: ExecutionEnd): void {
    entry.record = {
      ...entry.record,
      status: end.status,
      stopDate: this.#timers.clock.now(),
      ...(end.output !== undefined ? { output: end.output } : {}),
      ...(end.error !== undefined ? { error: end.error } : {}),
      ...(end.cause !== undefined ? { cause: end.cause } : {}),
    };
    this.#writes.execution(entry.record);
    // The live history is dropped once written: a finished execution's history is read back from the store.
    entry.history = undefined;
    // Aborting the finished execution's own controller releases what listens to it (the map run signal link).
    entry.controller?.abort();
    entry.controller = undefined;
  }

  /** Runs one Distributed Map child execution to its end. */
  async #runChild(request: ChildExecutionRequest): Promise<ExecutionRecord> {
    const { machine } = request;
    if (!this.#machines.has(machine.stateMachineArn)) {
      const record: StateMachineRecord = {
        stateMachineArn: machine.stateMachineArn,
        name: machine.name,
        definition: JSON.stringify(machine.definition),
        roleArn: request.roleArn,
        type: machine.type,
        creationDate: this.#timers.clock.now(),
        hidden: true,
      };
      this.#machines.set(record.stateMachineArn, { record, definition: machine.definition, deleted: false });
      this.#writes.stateMachine(record);
    }
    const entry = this.#launch(this.#machines.get(machine.stateMachineArn)!.record, machine.definition, {
      name: randomUUID(),
      inputText: JSON.stringify(request.input),
      input: request.input,
      parentExecutionArn: request.parentExecutionArn,
      mapRunArn: request.mapRunArn,
      itemCount: request.itemCount,
      signal: request.signal,
    });
    await entry.done;
    return entry.record;
  }

  #saveMapRun(record: MapRunRecord): void {
    this.#mapRuns.set(record.mapRunArn, record);
    this.#writes.mapRun(record);
  }

  async #load(): Promise<void> {
    const snapshot = await this.#store.load();
    for (const record of snapshot.stateMachines) {
      // Validated when it was created (nothing invalid is stored): parsed, not validated again, as validating compiles
      // asl-validator's schemas, the largest CPU cost of a local start that finds its machines already there.
      const parsed = JSON.parse(record.definition) as StateMachineDefinition;
      this.#machines.set(record.stateMachineArn, { record, definition: parsed, deleted: false });
    }
    const now = this.#timers.clock.now();
    for (const record of snapshot.executions) {
      let current = record;
      if (record.status === 'RUNNING') {
        // Nothing resumes an execution after a restart (its progress lived in memory): close it as stopped.
        const history = await this.#store.readHistory(record.executionArn);
        const last = history.at(-1);
        const cause = 'The local engine stopped while this execution was running; executions do not resume after a restart';
        current = { ...record, status: 'ABORTED', stopDate: now, error: ENGINE_RESTARTED_ERROR, cause };
        this.#writes.history(record.executionArn, {
          id: (last?.id ?? 0) + 1,
          ...(last?.id ? { previousEventId: last.id } : {}),
          timestamp: now,
          type: 'ExecutionAborted',
          executionAbortedEventDetails: { error: ENGINE_RESTARTED_ERROR, cause },
        });
        this.#writes.execution(current);
      }
      this.#executions.set(current.executionArn, { record: current, done: Promise.resolve() });
    }
    for (const record of snapshot.mapRuns) {
      const current: MapRunRecord = record.status === 'RUNNING' ? { ...record, status: 'ABORTED', stopDate: now } : record;
      this.#mapRuns.set(current.mapRunArn, current);
      if (current !== record) this.#writes.mapRun(current);
    }
  }
}

export { ENGINE_RESTARTED_ERROR, Engine };
export type { EngineOptions };
