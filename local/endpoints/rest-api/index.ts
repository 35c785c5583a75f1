export { DEFAULT_REST_API_PORT, startRestApi } from './server';
export type { RestApi, RestApiOptions } from './server';
export { loadRoutes, matchRoute } from './routes';
export type { Integration, Route } from './routes';
export { RestApiConfigError } from './errors';
export { authorizeInvoke, invokeArn } from './authorization';
export type { Caller, CallerDirectory } from './authorization';
