/** Messages between a unit sandbox (the caller's thread) and its worker thread. */
import type { AnalyzeUnitOptions, UnitAnalysis } from '../types';

/** `workerData` key that makes the engine's entry module serve as a sandbox worker instead of a library. */
const SANDBOX_WORKER_FLAG = 'analysisEngineSandbox';

/** Caller → worker: analyse one unit. */
type AnalyzeRequest = { id: number; unit: unknown; options: Pick<AnalyzeUnitOptions, 'maxFindings'> };

/** Worker → caller. `ready` once the analyzers are built; then one `result` or `failure` per request. */
type SandboxMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; analysis: UnitAnalysis }
  /** The request itself was wrong (a malformed unit): the caller's error, not the unit's. */
  | { type: 'failure'; id: number; error: { name: string; message: string } };

export type { AnalyzeRequest, SandboxMessage };
export { SANDBOX_WORKER_FLAG };
