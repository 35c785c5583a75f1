/**
 * YAML with CloudFormation's short-form tags (!Ref, !Sub, !GetAtt, …), read into their long form
 * ({ Ref: … }, { 'Fn::Sub': … }), the shape every CloudFormation tool works on.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';

/** Short tag → long-form key. `!Ref` and `!Condition` are the only ones without the Fn:: prefix. */
const INTRINSICS = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  FindInMap: 'Fn::FindInMap',
  ImportValue: 'Fn::ImportValue',
  Base64: 'Fn::Base64',
  GetAZs: 'Fn::GetAZs',
  Cidr: 'Fn::Cidr',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
} as const;

const toLongForm = (name: keyof typeof INTRINSICS, value: unknown): Record<string, unknown> => {
  // !GetAtt Resource.Attribute is the one short form whose scalar means a list.
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [INTRINSICS.GetAtt]: [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [INTRINSICS[name]]: value };
};

const customTags = (Object.keys(INTRINSICS) as (keyof typeof INTRINSICS)[]).flatMap((name) => {
  const tag = `!${name}`;
  const scalar: ScalarTag = { tag, resolve: (value: string) => toLongForm(name, value) };
  const sequence: CollectionTag = {
    tag,
    collection: 'seq',
    resolve: (seq) => toLongForm(name, (seq as unknown as { toJSON(): unknown }).toJSON()),
  };
  const mapping: CollectionTag = {
    tag,
    collection: 'map',
    resolve: (map) => toLongForm(name, (map as unknown as { toJSON(): unknown }).toJSON()),
  };
  return [scalar, sequence, mapping];
});

/**
 * Parses a CloudFormation/SAM YAML document.
 *
 * @example
 * const template = parseCfnYaml(readFileSync('template.yaml', 'utf8'));
 * template.Resources.DataBucket.Properties.BucketEncryption;
 */
const parseCfnYaml = (text: string): Record<string, any> => {
  const cacheFile = parsedCacheFile(text);
  if (cacheFile !== undefined) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, any>;
    } catch {
      // Not parsed before (or unreadable): parse below.
    }
  }
  const parsed = (parse(text, { customTags, merge: false }) ?? {}) as Record<string, any>;
  if (cacheFile !== undefined) keepParsed(cacheFile, parsed);
  return parsed;
};

/**
 * Where a document's parsed form is kept: every command of the local runtime reads template.yaml and openapi.yaml,
 * and the YAML parser takes 0.2–0.8 s over the template (JSON of the same tree parses in about a millisecond). The
 * name is the SHA-256 of the text, this file's source and the yaml package's version, so any change to one of them is
 * a new entry and an entry is never stale. Undefined where this file's source cannot be read (no caching then).
 */
const parsedCacheFile = (text: string): string | undefined => {
  let source: Buffer;
  try {
    source = readFileSync(__filename);
  } catch {
    return undefined;
  }
  const key = createHash('sha256').update(text).update('\0').update(source).update('\0').update(yamlVersion()).digest('hex');
  return join(PARSED_CACHE_DIR, `${key}.json`);
};

const PARSED_CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'upgrade-impact', 'parsed-yaml');

let yamlPackageVersion: string | undefined;
const yamlVersion = (): string =>
  (yamlPackageVersion ??= String((JSON.parse(readFileSync(require.resolve('yaml/package.json'), 'utf8')) as { version: unknown }).version));

/** Keeps a parsed document as JSON when JSON holds it exactly (no .inf/.nan, no undefined), never half-written. */
const keepParsed = (cacheFile: string, parsed: Record<string, any>): void => {
  try {
    const json = JSON.stringify(parsed);
    if (!isDeepStrictEqual(JSON.parse(json), parsed)) return;
    mkdirSync(PARSED_CACHE_DIR, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, json);
    renameSync(temporary, cacheFile);
  } catch {
    // A cache that cannot be written only costs the next parse.
  }
};

export { INTRINSICS, parseCfnYaml };
