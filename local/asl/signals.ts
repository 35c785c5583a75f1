/**
 * AbortSignals shared by many concurrent listeners.
 */
import { setMaxListeners } from 'node:events';

/**
 * A signal shared by many concurrent listeners: the iterations of a Map or the branches of a Parallel each listen
 * to it while their tasks and waits run, so Node's leak warning (more than 10 listeners) does not apply.
 *
 * @example
 * const signal = sharedSignal(AbortSignal.any([frame.signal, group.signal]));
 */
const sharedSignal = (signal: AbortSignal): AbortSignal => {
  setMaxListeners(0, signal);
  return signal;
};

export { sharedSignal };
