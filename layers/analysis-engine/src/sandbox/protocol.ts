/** Messages between a unit sandbox (the caller's thread) and its worker thread. */
import type { AnalyzeUnitOptions, UnitAnalysis } from '../types';

/** `workerData` key that makes the engine's entry module serve as a sandbox worker instead of a library. */
const SANDBOX_WORKER_FLAG = 'analysisEngineSandbox';

/**
 * Caller → worker: analyse a group of units, in order. The worker answers each unit as soon as it is done, so the
 * caller always knows which unit the worker is on (the one after the last answer): that unit alone is to blame if
 * the worker has to be stopped.
 */
type AnalyzeRequest = { id: number; units: unknown[]; options: Pick<AnalyzeUnitOptions, 'maxFindings'> };

/** Worker → caller. `ready` once the analyzers are built; then one `result` or `failure` per unit of a request. */
type SandboxMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; index: number; analysis: UnitAnalysis }
  /** The unit itself was wrong (a malformed unit): the caller's error, not the unit's code's. */
  | { type: 'failure'; id: number; index: number; error: { name: string; message: string } };

export type { AnalyzeRequest, SandboxMessage };
export { SANDBOX_WORKER_FLAG };
