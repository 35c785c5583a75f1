/**
 * The engine's control-plane surface: the Step Functions API, operation for operation, in the shapes of
 * `@aws-sdk/client-sfn`. The local HTTP endpoint is a thin AWS JSON 1.0 shell over an object of this type
 * (`X-Amz-Target: AWSStepFunctions.StartExecution` → `startExecution(body)`), and library users call it directly.
 */
import type * as sfn from '@aws-sdk/client-sfn';

type StepFunctionsApi = {
  createStateMachine(input: sfn.CreateStateMachineInput): Promise<sfn.CreateStateMachineOutput>;
  describeStateMachine(input: sfn.DescribeStateMachineInput): Promise<sfn.DescribeStateMachineOutput>;
  listStateMachines(input: sfn.ListStateMachinesInput): Promise<sfn.ListStateMachinesOutput>;
  deleteStateMachine(input: sfn.DeleteStateMachineInput): Promise<sfn.DeleteStateMachineOutput>;
  startExecution(input: sfn.StartExecutionInput): Promise<sfn.StartExecutionOutput>;
  startSyncExecution(input: sfn.StartSyncExecutionInput): Promise<sfn.StartSyncExecutionOutput>;
  describeExecution(input: sfn.DescribeExecutionInput): Promise<sfn.DescribeExecutionOutput>;
  listExecutions(input: sfn.ListExecutionsInput): Promise<sfn.ListExecutionsOutput>;
  stopExecution(input: sfn.StopExecutionInput): Promise<sfn.StopExecutionOutput>;
  getExecutionHistory(input: sfn.GetExecutionHistoryInput): Promise<sfn.GetExecutionHistoryOutput>;
  describeMapRun(input: sfn.DescribeMapRunInput): Promise<sfn.DescribeMapRunOutput>;
  listMapRuns(input: sfn.ListMapRunsInput): Promise<sfn.ListMapRunsOutput>;
  sendTaskSuccess(input: sfn.SendTaskSuccessInput): Promise<sfn.SendTaskSuccessOutput>;
  sendTaskFailure(input: sfn.SendTaskFailureInput): Promise<sfn.SendTaskFailureOutput>;
  sendTaskHeartbeat(input: sfn.SendTaskHeartbeatInput): Promise<sfn.SendTaskHeartbeatOutput>;
};

/** The operation names the endpoint dispatches on, as they appear after `AWSStepFunctions.` in X-Amz-Target. */
type StepFunctionsOperation = Capitalize<keyof StepFunctionsApi & string>;

/**
 * A control-plane error named as the Step Functions API names it (`ExecutionDoesNotExist`,
 * `StateMachineDoesNotExist`, `ExecutionAlreadyExists`, `InvalidDefinition`, `InvalidArn`, `InvalidName`,
 * `InvalidExecutionInput`, `InvalidToken`, `TaskDoesNotExist`, `TaskTimedOut`, `ResourceNotFound`,
 * `StateMachineAlreadyExists`, `ValidationException`). The endpoint answers it as HTTP 400 with
 * `{"__type": "com.amazonaws.states#<name>", "message": …}`, which the SDK turns back into the same named error.
 *
 * @example
 * throw new ApiError('ExecutionDoesNotExist', `Execution does not exist: '${arn}'`);
 */
class ApiError extends Error {
  public constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export { ApiError };
export type { StepFunctionsApi, StepFunctionsOperation };
