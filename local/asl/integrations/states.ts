/**
 * The optimized Step Functions integration, `arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken]`,
 * carried out on the engine itself through {@link EngineServices}.
 *
 * - request-response and `.waitForTaskToken`: the result is StartExecution's `{ExecutionArn, StartDate}` with the
 *   `SdkHttpMetadata` and `SdkResponseMetadata` of the optimized integrations;
 * - `.sync`: the task waits for the child and its result is DescribeExecution's answer with `Input` and `Output`
 *   as JSON text; `.sync:2` is the same with `Input` and `Output` parsed as JSON;
 * - a child that does not succeed (FAILED, TIMED_OUT, ABORTED) fails the task with `States.TaskFailed` whose cause
 *   is that DescribeExecution answer as JSON text, which carries the child's own `Error` and `Cause`;
 * - stopping the parent (or its task timing out) while it waits stops the `.sync` child;
 * - a rejected StartExecution is `StepFunctions.<ErrorName>Exception` (for example
 *   `StepFunctions.ExecutionAlreadyExistsException`).
 * Dates are epoch milliseconds, as the AWS SDK for Java 1.x behind the optimized integrations writes them.
 */
import { randomUUID } from 'node:crypto';
import type { DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import { StatesError, StatesErrorNames } from '../errors';
import { throwIfAborted } from './sdk/failures';
import { sdkResponseMetadata } from './sdk/send';
import { isJsonObject, objectArguments, requiredString, resourceLabel, serviceResource } from './taskArguments';
import type { ServiceIntegration, TaskRequest } from './types';

/** The fields Step Functions accepts for states:startExecution. */
const START_EXECUTION_FIELDS = ['StateMachineArn', 'Input', 'Name'] as const;

/**
 * A StartExecution the engine refused (it throws the API's named errors: `ExecutionAlreadyExists`,
 * `StateMachineDoesNotExist`, `InvalidName`…) as `StepFunctions.<ErrorName>Exception`; any other failure is an
 * engine fault, `States.Runtime`.
 */
const startFailure = (error: unknown): StatesError => {
  if (error instanceof StatesError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === '' || name === 'Error' || name === 'TypeError' || name === 'RangeError') {
    return new StatesError(StatesErrorNames.Runtime, `StartExecution failed: ${message}`, { origin: error });
  }
  const exception = name.endsWith('Exception') ? name : `${name}Exception`;
  return new StatesError(
    `StepFunctions.${exception}`,
    `${message} (Service: AWSStepFunctions; Status Code: 400; Error Code: ${name}; Request ID: ${randomUUID()}; Proxy: null)`,
    { origin: error },
  );
};

/** StartExecution takes Input as JSON text; Step Functions serialises a JSON value given in its place. */
const inputText = (input: unknown): string => {
  if (input === undefined || input === null) return '{}';
  return typeof input === 'string' ? input : JSON.stringify(input);
};

/**
 * DescribeExecution's answer in the shape the task result and the failure cause have: PascalCase members in
 * alphabetical order, dates as epoch milliseconds (`{"Cause":…,"Error":…,"ExecutionArn":…,"Input":…,
 * "InputDetails":{"Included":true},…,"StartDate":1733089875458,…,"Status":"FAILED","StopDate":…}`).
 */
const toTaskShape = (value: unknown): unknown => {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(toTaskShape);
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, item]) => item !== undefined && key !== '$metadata')
        .map(([key, item]) => [key.charAt(0).toUpperCase() + key.slice(1), toTaskShape(item)] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
  return value;
};

/**
 * StartExecution's response as the optimized integration returns it, with the HTTP metadata of the AWS SDK for
 * Java 1.x response (synthesised: the engine is called in-process).
 */
const startResponse = (started: { executionArn: string; startDate: Date }): Record<string, unknown> => {
  const requestId = randomUUID();
  const body = JSON.stringify({ executionArn: started.executionArn, startDate: started.startDate.getTime() / 1000 });
  const headers = {
    'x-amzn-RequestId': requestId,
    connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(body)),
    Date: new Date().toUTCString(),
    'Content-Type': 'application/x-amz-json-1.0',
  };
  return {
    ExecutionArn: started.executionArn,
    ...sdkResponseMetadata({ statusCode: 200, headers }, requestId),
    StartDate: started.startDate.getTime(),
  };
};

const parseJsonText = (text: unknown): unknown => {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const awaitChild = async (request: TaskRequest, executionArn: string): Promise<DescribeExecutionOutput> => {
  try {
    return await request.engine.awaitExecution(executionArn, request.signal);
  } catch (error) {
    if (request.signal.aborted) {
      // The parent stopped or the task timed out: a .sync child does not outlive the task that waits for it.
      await request.engine
        .stopExecution(
          executionArn,
          undefined,
          `The parent execution ${request.context.executionArn} stopped waiting in state '${request.context.stateName}'`,
        )
        .catch(() => undefined);
    }
    throwIfAborted(request.signal, error);
    throw error;
  }
};

/**
 * Creates the `states:startExecution` integration.
 *
 * @example
 * const startExecution = createStartExecutionIntegration();
 * await startExecution.invoke(request); // resource states:startExecution.sync:2 → { Output: {…}, Status: 'SUCCEEDED', … }
 */
const createStartExecutionIntegration = (): ServiceIntegration => ({
  async invoke(request: TaskRequest): Promise<unknown> {
    const resource = serviceResource(request, ['requestResponse', 'sync', 'sync:2', 'waitForTaskToken']);
    const label = resourceLabel(resource);
    const args = objectArguments(request, START_EXECUTION_FIELDS);
    const name = args.Name;
    if (name !== undefined && typeof name !== 'string') {
      throw new StatesError(StatesErrorNames.Runtime, `The field 'Name' of ${label} must be a string`);
    }
    let started: { executionArn: string; startDate: Date };
    try {
      started = await request.engine.startExecution({
        stateMachineArn: requiredString(args, 'StateMachineArn', label),
        input: inputText(args.Input),
        ...(name === undefined ? {} : { name }),
        parentExecutionArn: request.context.executionArn,
      });
    } catch (error) {
      throwIfAborted(request.signal, error);
      throw startFailure(error);
    }
    const response = startResponse(started);
    if (resource.pattern === 'requestResponse' || resource.pattern === 'waitForTaskToken') return response;
    // Step Functions records TaskSubmitted, with StartExecution's response, before a .sync task completes.
    request.reportSubmitted?.(response);
    const described = toTaskShape(await awaitChild(request, started.executionArn)) as Record<string, unknown>;
    if (described.Status !== 'SUCCEEDED') {
      throw new StatesError(StatesErrorNames.TaskFailed, JSON.stringify(described));
    }
    if (resource.pattern === 'sync:2') {
      return { ...described, Input: parseJsonText(described.Input), Output: parseJsonText(described.Output) };
    }
    return described;
  },
});

export { createStartExecutionIntegration, START_EXECUTION_FIELDS };
