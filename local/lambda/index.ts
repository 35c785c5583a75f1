export { LambdaPool, MAX_PAYLOAD_BYTES } from './pool';
export type { FunctionPoolStats, InvokeRequest, InvokeResult, LambdaPoolOptions } from './pool';
export type { HeapFigures } from './heap';
export { bundleFunction, bundleWorkerRuntime } from './bundle';
export type { BundleResult } from './bundle';
export { LambdaPoolError } from './errors';
