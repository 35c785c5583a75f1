/**
 * The contract between the interpreter's Task state and the service integrations that carry out its Resource.
 *
 * The interpreter parses the Resource, evaluates Arguments (JSONata) or Parameters (JSONPath), and hands the request
 * to the integration that the registry resolves. The integration performs the call and returns the raw service
 * result; the interpreter then applies ResultSelector/ResultPath/OutputPath or Output/Assign. An integration reports
 * failure by throwing a StatesError whose `error` is the name Step Functions would use (for example
 * `DynamoDB.ConditionalCheckFailedException`, `Lambda.TooManyRequestsException`, or a Lambda function's errorType).
 */
import type { StartExecutionInput, DescribeExecutionOutput } from '@aws-sdk/client-sfn';

/** The service integration pattern, from the Resource suffix (none, `.sync`, `.sync:2`, `.waitForTaskToken`). */
type TaskPattern = 'requestResponse' | 'sync' | 'sync:2' | 'waitForTaskToken';

/** A Task `Resource`, parsed. */
type ParsedResource =
  /** `arn:<partition>:states:::<service>:<action>[.<pattern>]`, including `aws-sdk:<service>:<action>`. */
  | {
      kind: 'service';
      arn: string;
      partition: string;
      /** `lambda`, `dynamodb`, `events`, `states`, or `aws-sdk:<service>` for the AWS SDK integrations. */
      service: string;
      /** The API action as written in the ARN, for example `invoke`, `putItem`, `startExecution`, `getObject`. */
      action: string;
      pattern: TaskPattern;
    }
  /** A plain Lambda function ARN (the legacy form): the task result is the function's payload. */
  | { kind: 'lambda-function'; arn: string; functionName: string; qualifier?: string; region: string; accountId: string }
  /** An activity ARN: not supported by the local engine (there is no worker to poll). */
  | { kind: 'activity'; arn: string };

/** What the engine offers integrations that must act on the engine itself (`states:startExecution`). */
type EngineServices = {
  /** Starts an execution of another state machine; `parentExecutionArn` links it for history and `.sync`. */
  startExecution(input: StartExecutionInput & { parentExecutionArn?: string }): Promise<{ executionArn: string; startDate: Date }>;
  /** Resolves when the execution is no longer RUNNING, with DescribeExecution's answer. */
  awaitExecution(executionArn: string, signal: AbortSignal): Promise<DescribeExecutionOutput>;
  /** Stops an execution (used when a `.sync` parent is stopped or times out). */
  stopExecution(executionArn: string, error?: string, cause?: string): Promise<void>;
};

/** One Task invocation. */
type TaskRequest = {
  resource: ParsedResource;
  /** The evaluated Arguments (JSONata) or Parameters-processed input (JSONPath): the API request. */
  arguments: unknown;
  /** Aborted when the task times out (TimeoutSeconds/HeartbeatSeconds) or the execution stops. */
  signal: AbortSignal;
  /** Where the call comes from; `taskToken` is set for `.waitForTaskToken`. */
  context: {
    executionArn: string;
    executionName: string;
    stateMachineArn: string;
    stateName: string;
    /** 0 for the first attempt, n for the n-th Retry. */
    retryCount: number;
    region: string;
    accountId: string;
    taskToken?: string;
  };
  engine: EngineServices;
  /**
   * Optional: a `.sync` integration calls it once the job is started, with the start call's response, so the
   * engine can record TaskSubmitted before the task completes (as Step Functions does).
   */
  reportSubmitted?: (response: unknown) => void;
};

/** Carries out Task requests for one family of resources. */
type ServiceIntegration = {
  /** Performs the call; resolves with the raw result, or throws a StatesError named as Step Functions names it. */
  invoke(request: TaskRequest): Promise<unknown>;
  /**
   * When true, the result of `invoke` is final even for `.waitForTaskToken` (the engine does not wait for
   * SendTaskSuccess). Mocked responses set it, as Step Functions Local does.
   */
  completesCallback?: boolean;
};

/** Chooses the integration for a resource; `stateName` lets mocks answer per state. */
type IntegrationRegistry = {
  resolve(resource: ParsedResource, stateName: string, executionArn: string): ServiceIntegration | undefined;
};

export type { EngineServices, IntegrationRegistry, ParsedResource, ServiceIntegration, TaskPattern, TaskRequest };
