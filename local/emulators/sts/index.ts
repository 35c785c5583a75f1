export { startSts } from './server';
export type { StsOptions } from './server';
