/** Messages between a unit sandbox (the caller's thread) and its worker thread. */
import type { AnalyzeUnitOptions } from '../types';

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
  /**
   * The unit's analysis as JSON text: a string crosses threads as one copy, where the structured clone of the analysis
   * (findings, facts) costs the worker as much time as a small unit's analysis. Everything downstream stores it as
   * JSON anyway, so the round trip changes nothing (JSON has no `undefined` properties, and analyses hold none that count).
   */
  | { type: 'result'; id: number; index: number; analysis: string }
  /** The unit itself was wrong (a malformed unit): the caller's error, not the unit's code's. */
  | { type: 'failure'; id: number; index: number; error: { name: string; message: string } };

export type { AnalyzeRequest, SandboxMessage };
export { SANDBOX_WORKER_FLAG };
