/**
 * The optimized EventBridge integration, `arn:aws:states:::events:putEvents[.waitForTaskToken]`, through
 * `@aws-sdk/client-eventbridge` (the local runtime points the client at its own PutEvents endpoint through the
 * client configuration). As the developer guide describes it, it differs from `aws-sdk:eventbridge:putEvents` in
 * three ways: a JSON object given as an entry's `Detail` is sent as its JSON text; the state machine ARN and the
 * execution ARN are appended to each entry's `Resources`; and a response with a non-zero `FailedEntryCount` fails
 * the task with `EventBridge.FailedEntry` (the cause is the PutEvents response), so Retry/Catch can handle it.
 */
import { StatesError, StatesErrorNames } from '../errors';
import type { SdkClientLoader } from './sdk/clientLoader';
import { throwIfAborted, toSdkStatesError } from './sdk/failures';
import { sendOperation } from './sdk/send';
import { fromSdkOutput, toSdkInput } from './sdk/shape';
import { isJsonObject, objectArguments, resourceLabel, serviceResource } from './taskArguments';
import type { ServiceIntegration, TaskRequest } from './types';

/** The error a PutEvents response with failed entries raises. */
const FAILED_ENTRY_ERROR = 'EventBridge.FailedEntry';

const ERROR_STYLE = { prefix: 'EventBridge', family: 'v1', v1ServiceName: 'AmazonEventBridge' } as const;

const prepareEntries = (request: TaskRequest, entries: unknown, label: string): unknown[] => {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new StatesError(StatesErrorNames.Runtime, `The field 'Entries' of ${label} must be a non-empty array`);
  }
  return entries.map((entry, index) => {
    if (!isJsonObject(entry)) {
      throw new StatesError(StatesErrorNames.Runtime, `Entries[${index}] of ${label} must be a JSON object`);
    }
    const resources = entry.Resources ?? [];
    if (!Array.isArray(resources)) {
      throw new StatesError(StatesErrorNames.Runtime, `Entries[${index}].Resources of ${label} must be an array`);
    }
    return {
      ...entry,
      ...(isJsonObject(entry.Detail) ? { Detail: JSON.stringify(entry.Detail) } : {}),
      Resources: [...resources, request.context.stateMachineArn, request.context.executionArn],
    };
  });
};

/**
 * Creates the `events:putEvents` integration.
 *
 * @example
 * const putEvents = createPutEventsIntegration(loader);
 * await putEvents.invoke(request); // → { Entries: [{ EventId: '…' }], FailedEntryCount: 0 }
 */
const createPutEventsIntegration = (loader: SdkClientLoader): ServiceIntegration => ({
  async invoke(request: TaskRequest): Promise<unknown> {
    const resource = serviceResource(request, ['requestResponse', 'waitForTaskToken']);
    const label = resourceLabel(resource);
    const args = objectArguments(request, ['Entries']);
    const operation = loader.operation('eventbridge', 'putEvents', resource.arn);
    const input = toSdkInput({ Entries: prepareEntries(request, args.Entries, label) }, operation.schemas?.input, label);
    let result: { FailedEntryCount?: number };
    try {
      const { output } = await sendOperation(operation, input, request.signal);
      result = (await fromSdkOutput(output, operation.schemas?.output, 'optimized')) as { FailedEntryCount?: number };
    } catch (error) {
      throwIfAborted(request.signal, error);
      throw toSdkStatesError(error, ERROR_STYLE);
    }
    if ((result.FailedEntryCount ?? 0) > 0) throw new StatesError(FAILED_ENTRY_ERROR, JSON.stringify(result));
    return result;
  },
});

export { createPutEventsIntegration, FAILED_ENTRY_ERROR };
