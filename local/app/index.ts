/** The embedded default: the whole application locally, from template.yaml. */
export { DEFAULT_PORTS, LOCAL_CREDENTIALS, buildLayers, functionEnvironment, startLocalApp } from './app';
export type { LocalApp, LocalAppOptions, Ports } from './app';
export { createApiClient } from './api-client';
export { LocalCredentialStore } from './credentials';
export type { AccessKeyPair, Principal } from './credentials';
export type { ApiClient } from './api-client';
export { ensureCustomer, onboardCustomerWithKms, setCustomerStatus } from './customers';
export { createReporter } from './reporter';
export type { Level, Reporter } from './reporter';
export { runAnalysis, archiveOf, uploadArchive } from './run-analysis';
export type { RunOutcome, SourceArchive } from './run-analysis';
export { openSession, readRuntimeFile, writeRuntimeFile } from './session';
export type { Session } from './session';
export { readExecutionHistory } from './history';
export type { ReadHistoryOptions } from './history';
export { timeline } from './timeline';
export type { Span } from './timeline';
