export { LambdaPool, MAX_PAYLOAD_BYTES } from './pool';
export type { FunctionPoolStats, InvokeRequest, InvokeResult, LambdaPoolOptions } from './pool';
export type { HeapFigures } from './heap';
export { BUILD_STAMP, buildOnce, bundleFunction, bundleWorkerRuntime, LAMBDA_RUNTIME_MODULES } from './bundle';
export { buildKey, isBuildFresh, recordBuild } from './build-cache';
export type { BundleResult } from './bundle';
export { LambdaPoolError } from './errors';
