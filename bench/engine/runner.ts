/**
 * What the benchmark needs from an engine: prepare a definition once, then run it to the end.
 */
import type { Workload } from './definitions';

/** A definition made ready to run (parsed, validated, registered). */
type PreparedWorkload = {
  /** Runs one execution to its end; rejects when it does not succeed. */
  run(): Promise<void>;
  /** Runs one execution and counts the states it entered, from the engine's own events. */
  countTransitions(): Promise<number>;
};

/** One engine under test. */
type EngineRunner = {
  /** Column label, for example `ours` or `aws-local-stepfunctions`. */
  name: string;
  /** Whether the engine can run this workload at all (aws-local-stepfunctions has no JSONata). */
  supports(workload: Workload): boolean;
  prepare(workload: Workload): Promise<PreparedWorkload>;
  /** Releases what the runner holds. */
  close(): Promise<void>;
};

export type { EngineRunner, PreparedWorkload };
