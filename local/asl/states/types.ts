/**
 * The contract between the interpreter and the executor of each state type.
 */
import type { StateRun } from '../runtime';
import type { StateDefinition } from '../types';

/** How a state ended: its output, where to go next (or the end), and the variables it assigns. */
type StateOutcome = {
  output: unknown;
  /** The next state; absent when the state list ends here. */
  next?: string;
  assigned?: Record<string, unknown>;
};

/**
 * Runs one state type. The interpreter records the Entered/Exited events, applies Retry and Catch, assigns
 * variables and moves on; the executor does the state's own work and its I/O processing (through io.ts) and
 * records the events that belong to its type (TaskScheduled, MapIterationStarted, …).
 *
 * An executor whose work is synchronous (a JSONPath Pass, Choice or Succeed) returns its outcome, or throws, at
 * once: a chain of such states then runs without a promise per state.
 */
type StateExecutor<S extends StateDefinition = StateDefinition> = (run: StateRun<S>) => StateOutcome | Promise<StateOutcome>;

export type { StateExecutor, StateOutcome };
