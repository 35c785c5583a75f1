export { findFunction, loadManifest } from './manifest';
export type * from './manifest';
export { parseCfnYaml } from './cfn-yaml';
export { ManifestError } from './errors';
