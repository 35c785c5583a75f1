/**
 * The payload size quota (256 KiB of UTF-8 JSON): a state's input and output, a task's arguments and result, an
 * execution's input. Passing it is States.DataLimitExceeded (AWS "Troubleshooting: States.DataLimitExceeded").
 */
import { PAYLOAD_LIMIT_BYTES } from './constants';
import { StatesError, StatesErrorNames } from './errors';
import { jsonSizeOver } from './jsonText';

/**
 * Throws States.DataLimitExceeded when `value` is larger than the payload quota; `what` names it in the cause.
 *
 * @example
 * assertPayloadSize(output, `the output of state 'Split source into units'`);
 */
const assertPayloadSize = (value: unknown, what: string): void => {
  const { over, bytes } = jsonSizeOver(value, PAYLOAD_LIMIT_BYTES);
  if (over) {
    throw new StatesError(
      StatesErrorNames.DataLimitExceeded,
      `The size of ${what} is ${bytes} bytes, which exceeds the maximum size of ${PAYLOAD_LIMIT_BYTES} bytes`,
    );
  }
};

export { assertPayloadSize };
