/**
 * Task tokens of `.waitForTaskToken` tasks: minted when the task starts, exposed as `$$.Task.Token`
 * (`$states.context.Task.Token`), and completed by SendTaskSuccess / SendTaskFailure; SendTaskHeartbeat keeps a
 * task with HeartbeatSeconds alive.
 *
 * API errors, as Step Functions answers them: a string that is not a token of this engine is `InvalidToken`; a
 * token whose task already ended (or never existed) is `TaskDoesNotExist`; a token whose task timed out is
 * `TaskTimedOut`; SendTaskSuccess output that is not JSON is `InvalidOutput`.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from './api';
import { PAYLOAD_LIMIT_BYTES } from './constants';
import { StatesError } from './errors';

/** How a token's task ended, kept so late calls get the right error. */
type ClosedStatus = 'completed' | 'timedOut';

type Waiter = {
  executionArn: string;
  stateName: string;
  resolve(output: unknown): void;
  reject(error: StatesError): void;
  onHeartbeat?: () => void;
};

const TOKEN_VERSION = 1;

/**
 * The registry of live task tokens of one engine.
 *
 * @example
 * const token = tokens.mint(executionArn, 'Wait for approval');
 * const output = await tokens.wait(token, signal); // resolves on sendTaskSuccess({ taskToken: token, output })
 */
class TaskTokens {
  readonly #open = new Map<string, { executionArn: string; stateName: string; waiter?: Waiter }>();
  readonly #closed = new Map<string, ClosedStatus>();

  /** A new token for a task of an execution. */
  public mint(executionArn: string, stateName: string): string {
    const id = randomUUID();
    const token = Buffer.from(JSON.stringify({ v: TOKEN_VERSION, id, e: executionArn })).toString('base64url');
    this.#open.set(token, { executionArn, stateName });
    return token;
  }

  /**
   * Resolves with the output of SendTaskSuccess, rejects with the error of SendTaskFailure, or with the signal's
   * reason when it aborts. `onHeartbeat` runs on each SendTaskHeartbeat.
   */
  public wait(token: string, signal: AbortSignal, onHeartbeat?: () => void): Promise<unknown> {
    const entry = this.#open.get(token);
    if (!entry) return Promise.reject(new Error(`Task token is not open: ${token}`));
    return new Promise<unknown>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      entry.waiter = {
        executionArn: entry.executionArn,
        stateName: entry.stateName,
        onHeartbeat,
        resolve: (output) => {
          signal.removeEventListener('abort', onAbort);
          resolve(output);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
    });
  }

  /** Ends a token's life (the task finished, failed, timed out or was aborted); later calls are refused. */
  public close(token: string, status: ClosedStatus = 'completed'): void {
    if (this.#open.delete(token)) this.#closed.set(token, status);
  }

  /** SendTaskSuccess. */
  public succeed(token: string, output: string): void {
    const entry = this.#live(token);
    if (Buffer.byteLength(output, 'utf8') > PAYLOAD_LIMIT_BYTES) {
      throw new ApiError('InvalidOutput', `The output is larger than ${PAYLOAD_LIMIT_BYTES} bytes`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new ApiError('InvalidOutput', 'The output is not valid JSON');
    }
    this.close(token);
    entry.waiter?.resolve(parsed);
  }

  /** SendTaskFailure. */
  public fail(token: string, error = '', cause = ''): void {
    const entry = this.#live(token);
    this.close(token);
    entry.waiter?.reject(new StatesError(error, cause));
  }

  /** SendTaskHeartbeat. */
  public heartbeat(token: string): void {
    this.#live(token).waiter?.onHeartbeat?.();
  }

  #live(token: string): { executionArn: string; stateName: string; waiter?: Waiter } {
    if (!isWellFormed(token)) throw new ApiError('InvalidToken', 'Invalid token');
    const entry = this.#open.get(token);
    if (entry) return entry;
    if (this.#closed.get(token) === 'timedOut') throw new ApiError('TaskTimedOut', 'Task Timed Out');
    throw new ApiError('TaskDoesNotExist', 'Task does not exist anymore');
  }
}

const isWellFormed = (token: unknown): boolean => {
  if (typeof token !== 'string' || token.length < 1 || token.length > 2048) return false;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    return decoded.v === TOKEN_VERSION && typeof decoded.id === 'string' && typeof decoded.e === 'string';
  } catch {
    return false;
  }
};

export { TaskTokens };
