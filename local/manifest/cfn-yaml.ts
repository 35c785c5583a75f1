/**
 * YAML with CloudFormation's short-form tags (!Ref, !Sub, !GetAtt, …), read into their long form
 * ({ Ref: … }, { 'Fn::Sub': … }), the shape every CloudFormation tool works on.
 */
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
const parseCfnYaml = (text: string): Record<string, any> => parse(text, { customTags, merge: false }) ?? {};

export { INTRINSICS, parseCfnYaml };
