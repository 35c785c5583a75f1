/**
 * The payload size quota (256 KiB of UTF-8 JSON): a state's input and output, a task's arguments and result, an
 * execution's input. Passing it is States.DataLimitExceeded (AWS "Troubleshooting: States.DataLimitExceeded").
 */
import { PAYLOAD_LIMIT_BYTES } from './constants';
import { StatesError, StatesErrorNames } from './errors';
import { jsonSizeOver } from './jsonText';

/** What a checked payload is, as the cause names it (with the state's name after it). */
const PayloadSubjects = {
  stateInput: 'the input to state',
  stateOutput: 'the output of state',
  taskInput: 'the input to the task of state',
  taskResult: 'the result of the task of state',
} as const;
type PayloadSubject = keyof typeof PayloadSubjects;

/**
 * Throws States.DataLimitExceeded when `value` is larger than the payload quota; the cause names `subject` and the
 * state (made only then: this runs twice per transition).
 *
 * @example
 * assertPayloadSize(output, 'stateOutput', 'Split source into units');
 */
const assertPayloadSize = (value: unknown, subject: PayloadSubject, stateName: string): void => {
  const bytes = jsonSizeOver(value, PAYLOAD_LIMIT_BYTES);
  if (bytes !== undefined) {
    throw new StatesError(
      StatesErrorNames.DataLimitExceeded,
      `The size of ${PayloadSubjects[subject]} '${stateName}' is ${bytes} bytes, which exceeds the maximum size of ${PAYLOAD_LIMIT_BYTES} bytes`,
    );
  }
};

export { assertPayloadSize };
export type { PayloadSubject };
