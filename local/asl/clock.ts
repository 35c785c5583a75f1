/**
 * Time for the engine: what "now" is, and how to wait. Waits, retry intervals, task timeouts, heartbeats and
 * execution timeouts all go through one {@link Timers}, so tests can shrink them (a `timeScale`) or replace the
 * sleep of Wait states and retry intervals.
 *
 * Timeouts (TimeoutSeconds, HeartbeatSeconds, the execution's TimeoutSeconds) always run on real timers, scaled by
 * `timeScale`: a replaced sleep that returns at once must make waits instant, not make every task time out. With
 * `timeScale` 0 timeouts never fire.
 */

import { SleepAbortedError } from './errors';

/** Where the engine gets the time and how it sleeps. */
type Clock = {
  /** The current time (used for timestamps, `$$.State.EnteredTime`, Wait `Timestamp`). */
  now(): Date;
  /**
   * Resolves after `ms` milliseconds; rejects with the signal's reason as soon as `signal` aborts. Must not keep
   * a timer alive after an abort.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

/** setTimeout takes at most 2^31-1 ms; longer waits (Step Functions allows up to a year) are slept in pieces. */
const MAX_TIMER_MS = 2_147_483_647;

/** The real clock: `Date` and `setTimeout`. */
const systemClock: Clock = {
  now: () => new Date(),
  sleep: async (ms, signal) => {
    let remaining = Math.max(0, ms);
    do {
      const piece = Math.min(remaining, MAX_TIMER_MS);
      await sleepOnce(piece, signal);
      remaining -= piece;
    } while (remaining > 0);
  },
};

const sleepOnce = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason ?? new SleepAbortedError());
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason ?? new SleepAbortedError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });

/** Waits expressed in ASL seconds, scaled. */
type Timers = {
  clock: Clock;
  /** Multiplier applied to every duration (1 = real time; 0.001 makes a 10 s Wait take 10 ms). */
  timeScale: number;
  /** Sleeps for `seconds` ASL seconds (scaled). */
  sleepSeconds(seconds: number, signal?: AbortSignal): Promise<void>;
  /** Sleeps for `ms` real milliseconds as ASL time (scaled). */
  sleepMs(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Resolves when a timeout of `seconds` ASL seconds runs out (scaled, on real timers); never when `timeScale` is 0.
   * Rejects when `signal` aborts.
   */
  deadlineSeconds(seconds: number, signal: AbortSignal): Promise<void>;
};

/**
 * Builds the timers the engine uses.
 *
 * @example
 * const timers = createTimers({ timeScale: 0.001 });
 * await timers.sleepSeconds(5); // about 5 ms
 */
const createTimers = (options: { clock?: Partial<Clock>; timeScale?: number } = {}): Timers => {
  const clock: Clock = { ...systemClock, ...options.clock };
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) throw new RangeError('timeScale must be a finite number >= 0');
  const sleepMs = (ms: number, signal?: AbortSignal): Promise<void> => clock.sleep(ms * timeScale, signal);
  const deadlineSeconds = (seconds: number, signal: AbortSignal): Promise<void> =>
    timeScale === 0
      ? new Promise<void>((_, reject) => {
          if (signal.aborted) reject(signal.reason);
          else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        })
      : systemClock.sleep(seconds * 1000 * timeScale, signal);
  return { clock, timeScale, sleepMs, sleepSeconds: (seconds, signal) => sleepMs(seconds * 1000, signal), deadlineSeconds };
};

export { createTimers, systemClock };
export type { Clock, Timers };
