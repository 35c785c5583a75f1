/**
 * Wait (spec: "Wait State"): waits for Seconds, or until Timestamp, given as literals, JSONata expressions
 * (JSONata states) or through SecondsPath / TimestampPath (JSONPath states, read from the effective input). The
 * wait goes through the engine's timers, so tests can shrink it, and a stop aborts it.
 *
 * Bad values fail the state with Step Functions' own causes (recorded on AWS; the developer guide gives none):
 * `The SecondsPath parameter references a negative value: $.wait == -1`, `… cannot be parsed as a long value: …`,
 * `… does not reference an input value: $.wait`, `The TimestampPath parameter does not reference a valid ISO-8601
 * extended offset date-time format string: $.at == 2016-12-05 21:29:29Z`, `The Timestamp field cannot be parsed as
 * …`, and `Wait state delay is too long.` for a moment more than 2^31 - 1 seconds ahead (AWS keeps dates in 32-bit
 * seconds).
 */
import { MAX_WAIT_DELAY_SECONDS } from '../constants';
import { StatesError, StatesErrorNames } from '../errors';
import { effectiveInput, fieldValue, pathScope, stateOutput } from '../io';
import { evaluateIntrinsic, isPath, parseTimestamp } from '../jsonpath';
import { tryReadPath } from '../jsonpath/readPath';
import type { StateRun } from '../runtime';
import type { WaitState } from '../types';
import { positiveInteger, valueText } from './fieldErrors';
import type { StateExecutor } from './types';

/** AWS: Seconds and SecondsPath take 0 to 99999999. */
const MAX_WAIT_SECONDS = 99_999_999;

/** Java's Long.parseLong of a value's text: an optional sign and decimal digits. */
const LONG_TEXT = /^[+-]?\d+$/;

const waitError = (run: StateRun, cause: string): StatesError =>
  new StatesError(run.language === 'JSONata' ? StatesErrorNames.QueryEvaluationError : StatesErrorNames.Runtime, cause);

/** The value a SecondsPath or TimestampPath selects, or AWS's error when it selects nothing. */
const pathValue = (run: StateRun<WaitState>, field: 'SecondsPath' | 'TimestampPath', path: string, input: unknown): unknown => {
  const scope = pathScope(run, input);
  if (!isPath(path)) return evaluateIntrinsic(path, scope, field);
  const lookup = tryReadPath(path, scope, field);
  if (!lookup.found) throw waitError(run, `The ${field} parameter does not reference an input value: ${path}`);
  return lookup.value;
};

/** The seconds to wait: Seconds (literal or JSONata), or SecondsPath read as Step Functions reads it. */
const secondsOf = async (run: StateRun<WaitState>, input: unknown): Promise<number> => {
  const { state } = run;
  if (state.SecondsPath === undefined) {
    const value = await fieldValue(run, { field: 'Seconds', value: state.Seconds, pathInput: input });
    return positiveInteger(run, 'Seconds', value, { allowZero: true, max: MAX_WAIT_SECONDS });
  }
  const path = state.SecondsPath;
  const value = pathValue(run, 'SecondsPath', path, input);
  const text = valueText(value);
  if (!LONG_TEXT.test(text)) throw waitError(run, `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${text}`);
  const seconds = Number(text);
  if (seconds < 0) throw waitError(run, `The SecondsPath parameter references a negative value: ${path} == ${text}`);
  return positiveInteger(run, 'SecondsPath', seconds, { allowZero: true, max: MAX_WAIT_SECONDS });
};

/** The moment to wait until, in epoch milliseconds: Timestamp (literal or JSONata), or TimestampPath. */
const timestampOf = async (run: StateRun<WaitState>, input: unknown): Promise<number> => {
  const { state } = run;
  const path = state.TimestampPath;
  const value = path === undefined ? await fieldValue(run, { field: 'Timestamp', value: state.Timestamp, pathInput: input }) : pathValue(run, 'TimestampPath', path, input);
  const timestamp = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (timestamp === undefined) {
    const text = valueText(value);
    throw waitError(
      run,
      path === undefined
        ? `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`
        : `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${text}`,
    );
  }
  return timestamp.epochSeconds * 1000 + Math.floor(timestamp.nanos / 1e6);
};

/** Runs a Wait state (aborted by a stop or timeout through the frame's signal). */
const runWait: StateExecutor<WaitState> = async (run) => {
  const { state } = run;
  const input = await effectiveInput(run, { parameters: false });
  const timers = run.frame.execution.engine.timers;
  const waitMs =
    state.Seconds !== undefined || state.SecondsPath !== undefined
      ? (await secondsOf(run, input)) * 1000
      : (await timestampOf(run, input)) - timers.clock.now().getTime();
  if (waitMs > MAX_WAIT_DELAY_SECONDS * 1000) throw waitError(run, 'Wait state delay is too long.');
  if (waitMs > 0) await timers.sleepMs(waitMs, run.frame.signal);
  const { output, assigned } = await stateOutput(run, input, { hasResult: false });
  return { output, assigned, next: state.Next };
};

export { runWait };
