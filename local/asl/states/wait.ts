/**
 * Wait (spec: "Wait State"): waits for Seconds, or until Timestamp, given as literals, JSONata expressions
 * (JSONata states) or through SecondsPath / TimestampPath (JSONPath states, read from the effective input). The
 * wait goes through the engine's timers, so tests can shrink it, and a stop aborts it.
 */
import { effectiveInput, fieldValue, stateOutput } from '../io';
import { parseTimestamp } from '../jsonpath';
import type { WaitState } from '../types';
import { invalidFieldValue, positiveInteger } from './fieldErrors';
import type { StateExecutor } from './types';

/** AWS: Seconds and SecondsPath take 0 to 99999999. */
const MAX_WAIT_SECONDS = 99_999_999;

/** Runs a Wait state (aborted by a stop or timeout through the frame's signal). */
const runWait: StateExecutor<WaitState> = async (run) => {
  const { state } = run;
  const input = await effectiveInput(run, { parameters: false });
  const timers = run.frame.execution.engine.timers;
  if (state.Seconds !== undefined || state.SecondsPath !== undefined) {
    const value = await fieldValue(run, { field: 'Seconds', value: state.Seconds, path: state.SecondsPath, pathInput: input });
    const field = state.SecondsPath === undefined ? 'Seconds' : 'SecondsPath';
    await timers.sleepSeconds(positiveInteger(run, field, value, { allowZero: true, max: MAX_WAIT_SECONDS }), run.frame.signal);
  } else {
    const value = await fieldValue(run, { field: 'Timestamp', value: state.Timestamp, path: state.TimestampPath, pathInput: input });
    const field = state.TimestampPath === undefined ? 'Timestamp' : 'TimestampPath';
    const timestamp = typeof value === 'string' ? parseTimestamp(value) : undefined;
    if (timestamp === undefined) throw invalidFieldValue(run, field, 'must be an RFC 3339 timestamp string', value);
    const waitMs = timestamp.epochSeconds * 1000 + Math.floor(timestamp.nanos / 1e6) - timers.clock.now().getTime();
    if (waitMs > 0) await timers.sleepMs(waitMs, run.frame.signal);
  }
  const { output, assigned } = await stateOutput(run, input, { hasResult: false });
  return { output, assigned, next: state.Next };
};

export { runWait };
