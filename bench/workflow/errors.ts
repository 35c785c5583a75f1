/** Errors of the workflow benchmark: each names what failed and where, so an aborted run says why. */

/** Base class of the workflow benchmark's errors. */
class WorkflowBenchmarkError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WorkflowBenchmarkError';
  }
}

/** A command-line option has a value the benchmark cannot use. */
class InvalidOptionError extends WorkflowBenchmarkError {
  public readonly option: string;
  public readonly value: string;

  public constructor(option: string, value: string, expected: string, options?: ErrorOptions) {
    super(`--${option} ${expected} (got '${value}')`, options);
    this.name = 'InvalidOptionError';
    this.option = option;
    this.value = value;
  }
}

/** A phase ran past its time limit; the benchmark stops rather than hang. */
class BenchmarkTimeoutError extends WorkflowBenchmarkError {
  public readonly phase: string;
  public readonly limitMillis: number;

  public constructor(phase: string, limitMillis: number, options?: ErrorOptions) {
    super(`${phase}: still running after ${(limitMillis / 1000).toFixed(0)} s, aborted (raise --timeout to allow longer)`, options);
    this.name = 'BenchmarkTimeoutError';
    this.phase = phase;
    this.limitMillis = limitMillis;
  }
}

/** The raw analyzer loop did not complete. */
class BaselineFailedError extends WorkflowBenchmarkError {
  public constructor(message: string, options?: ErrorOptions) {
    super(`raw analyzer loop: ${message}`, options);
    this.name = 'BaselineFailedError';
  }
}

/** A function bundle could not be loaded by the cold-start harness. */
class BundleLoadError extends WorkflowBenchmarkError {
  public readonly functionName: string;

  public constructor(functionName: string, message: string, options?: ErrorOptions) {
    super(`cold-start harness, ${functionName}: ${message}`, options);
    this.name = 'BundleLoadError';
    this.functionName = functionName;
  }
}

/** A workflow execution ended other than SUCCEEDED: its figures would measure a failure. */
class RunFailedError extends WorkflowBenchmarkError {
  public readonly run: string;
  public readonly status: string;
  public readonly error?: string;

  public constructor(run: string, status: string, error: string | undefined, cause: string | undefined, options?: ErrorOptions) {
    super(`run '${run}' ended ${status}${error ? `: ${error}` : ''}${cause ? ` (${cause.slice(0, 400)})` : ''}`, options);
    this.name = 'RunFailedError';
    this.run = run;
    this.status = status;
    this.error = error;
  }
}

/** The request-counting proxy saw no traffic for a service: its request costs would read as zero. */
class RequestCountingError extends WorkflowBenchmarkError {
  public readonly service: string;

  public constructor(service: string, message: string, options?: ErrorOptions) {
    super(`request counting (${service}): ${message}`, options);
    this.name = 'RequestCountingError';
    this.service = service;
  }
}

export {
  BaselineFailedError,
  BenchmarkTimeoutError,
  BundleLoadError,
  InvalidOptionError,
  RequestCountingError,
  RunFailedError,
  WorkflowBenchmarkError,
};
