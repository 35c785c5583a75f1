export { LambdaPool, MAX_PAYLOAD_BYTES } from './pool';
export type { InvokeRequest, InvokeResult, LambdaPoolOptions } from './pool';
export { bundleFunction, bundleWorkerRuntime } from './bundle';
export type { BundleResult } from './bundle';
export { LambdaPoolError } from './errors';
