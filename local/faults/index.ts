/**
 * The local fault switch (`LOCAL_FAULTS`): transient and permanent faults, latency, Lambda throttles and timeouts,
 * injected by the local services at the rates asked for, and counted with their retries.
 */
export { FaultSpecError } from './errors';
export { FaultInjector, countsSince, summarizeFaults } from './injector';
export type { FaultCounts, FaultGate, FaultRequest, InjectedFault } from './injector';
export { FaultKinds, FaultServices, formatFaults, parseFaults } from './spec';
export type { FaultKind, FaultPlan, FaultRule, FaultService } from './spec';
export { INJECTED_MARKER, handKmsRatesToFunctions, kmsRatesOf, withLambdaFaults } from './wiring';
