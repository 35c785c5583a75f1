/**
 * The project's deployable description as the contract tests read it: template.yaml raw (CloudFormation long form,
 * intrinsics unresolved, through local/manifest's parser), the same template as the local manifest resolves it, the
 * definitions, api/openapi.yaml and the events/ samples. Read once per test file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadManifest, parseCfnYaml, type AppManifest } from '../../../local/manifest';

/** A CloudFormation resource in long form. */
type CfnResource = {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, any>;
  Condition?: string;
};

/** template.yaml in long form: `!Ref X` is `{ Ref: 'X' }`, `!GetAtt X.Arn` is `{ 'Fn::GetAtt': ['X', 'Arn'] }`. */
type CfnTemplate = {
  Globals?: { Function?: Record<string, any>; [section: string]: unknown };
  Parameters?: Record<string, any>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Description?: string; Value: unknown }>;
};

const ROOT = resolve(__dirname, '..', '..', '..');
const TEMPLATE_PATH = join(ROOT, 'template.yaml');
const EVENTS_DIR = join(ROOT, 'events');

let cachedTemplate: CfnTemplate | undefined;
let cachedManifest: AppManifest | undefined;

/** template.yaml, parsed with CloudFormation's tags. */
const loadTemplate = (): CfnTemplate => {
  cachedTemplate ??= parseCfnYaml(readFileSync(TEMPLATE_PATH, 'utf8')) as CfnTemplate;
  return cachedTemplate;
};

/** The local manifest of template.yaml with its defaults (stack `upgrade-impact-local`, Stage dev). */
const loadProjectManifest = (): AppManifest => {
  cachedManifest ??= loadManifest(TEMPLATE_PATH);
  return cachedManifest;
};

/** `[logicalId, resource]` pairs of one resource type. */
const resourcesOfType = (template: CfnTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** The logical id a `{ Ref }` names, if the value is one. */
const refOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'Ref' in value ? String((value as { Ref: unknown }).Ref) : undefined;

/** `[logicalId, attribute]` of a `{ 'Fn::GetAtt' }`, if the value is one. */
const getAttOf = (value: unknown): [string, string] | undefined => {
  if (typeof value !== 'object' || value === null || !('Fn::GetAtt' in value)) return undefined;
  const args = (value as { 'Fn::GetAtt': unknown })['Fn::GetAtt'];
  const [logicalId, attribute] = Array.isArray(args) ? args.map(String) : String(args).split(/\.(.*)/s);
  return [logicalId, attribute];
};

/** A definition file as written (with its `${Substitutions}`). */
const readDefinitionSource = (definitionPath: string): string => readFileSync(definitionPath, 'utf8');

/** The sample event names in events/ (file names without `.json`). */
const sampleEventNames = (): string[] =>
  readdirSync(EVENTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();

/** One sample event of events/. */
const loadEvent = <T = Record<string, any>>(name: string): T => {
  const path = join(EVENTS_DIR, `${name}.json`);
  if (!existsSync(path)) throw new Error(`events/${name}.json does not exist`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
};

/** api/openapi.yaml as the template includes it (long form; Fn::Sub left for the manifest to resolve). */
const loadOpenApi = (manifest: AppManifest): Record<string, any> => {
  const path = manifest.apis[0]?.openapiPath;
  if (path === undefined) throw new Error('template.yaml declares no AWS::Serverless::Api with an AWS::Include of an OpenAPI file');
  return parseCfnYaml(readFileSync(path, 'utf8'));
};

export {
  EVENTS_DIR,
  ROOT,
  TEMPLATE_PATH,
  getAttOf,
  loadEvent,
  loadOpenApi,
  loadProjectManifest,
  loadTemplate,
  readDefinitionSource,
  refOf,
  resourcesOfType,
  sampleEventNames,
};
export type { CfnResource, CfnTemplate };
