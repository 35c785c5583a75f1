/**
 * The operations the endpoint serves: the name after `AWSStepFunctions.` in `X-Amz-Target`, the
 * {@link StepFunctionsApi} method it calls, and the input shape checked before the call.
 */
import type { StepFunctionsApi, StepFunctionsOperation } from '../../asl/api';
import { operationInputShapes } from './shapes';
import type { StructureShape } from './shapes';

type OperationEntry = {
  /** The API method called with the conformed input. */
  method: keyof StepFunctionsApi;
  /** The request shape: required members, types and constraints. */
  input: StructureShape;
};

const uncapitalize = (operation: string): keyof StepFunctionsApi =>
  `${operation.charAt(0).toLowerCase()}${operation.slice(1)}` as keyof StepFunctionsApi;

/** Every served operation, keyed by its wire name. */
const operations: Readonly<Record<StepFunctionsOperation, OperationEntry>> = Object.fromEntries(
  Object.entries(operationInputShapes).map(([operation, input]) => [operation, { method: uncapitalize(operation), input }])
) as Record<StepFunctionsOperation, OperationEntry>;

/**
 * Looks up a wire operation name; undefined when the endpoint does not serve it.
 *
 * @example
 * findOperation('StartExecution')?.method; // 'startExecution'
 */
const findOperation = (name: string): OperationEntry | undefined =>
  Object.hasOwn(operations, name) ? operations[name as StepFunctionsOperation] : undefined;

export { findOperation, operations };
export type { OperationEntry };
