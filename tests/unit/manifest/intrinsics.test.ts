/** resolveValue(): CloudFormation intrinsic functions evaluated against local values. */
import { NO_VALUE, evaluateCondition, resolveValue, type ResolveContext } from '../../../local/manifest/intrinsics';
import { loadManifest } from '../../../local/manifest';

const REFS: Record<string, string> = {
  AnalysisTable: 'stack-AnalysisTable',
  SplitSourceFunction: 'stack-SplitSourceFunction',
  // SAM's generated reference of an AutoPublishAlias: a Ref with a dot in it.
  'SplitSourceFunction.Alias': 'arn:aws:lambda:us-east-1:000000000000:function:stack-SplitSourceFunction:live',
};
const ATTRIBUTES: Record<string, string> = {
  'AnalysisTable.Arn': 'arn:aws:dynamodb:us-east-1:000000000000:table/stack-AnalysisTable',
  'DataBucket.RegionalDomainName': 'stack-databucket.s3.us-east-1.amazonaws.com',
  'ApiIntegrationRole.Arn': 'arn:aws:iam::000000000000:role/stack-ApiIntegrationRole',
};

const context: ResolveContext = {
  parameters: { Stage: 'dev', AppName: 'upgrade-impact', Zones: 'a,b,c' },
  pseudo: { 'AWS::Region': 'us-east-1', 'AWS::AccountId': '000000000000', 'AWS::StackName': 'stack', 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' },
  ref: (logicalId) => REFS[logicalId],
  getAtt: (logicalId, attribute) => ATTRIBUTES[`${logicalId}.${attribute}`],
  conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    DevInUsEast: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }] },
    ProdOrEu: { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }] },
    Broken: { 'Fn::Equals': [{ Ref: 'Nope' }, 'x'] },
  },
};

const resolve = (value: unknown, where = 'Resources.X.Properties.Value'): unknown => resolveValue(value, context, where);

describe('Function: resolveValue()', () => {
  describe('Fn::Sub', () => {
    it.each([
      ['parameters and pseudo parameters', '${AWS::StackName}-${Stage}-${AWS::Region}', 'stack-dev-us-east-1'],
      ['a resource Ref', 'table=${AnalysisTable}', 'table=stack-AnalysisTable'],
      ['the GetAtt form', '${AnalysisTable.Arn}/index/*', 'arn:aws:dynamodb:us-east-1:000000000000:table/stack-AnalysisTable/index/*'],
      ['an attribute with a dot-free name after the first dot', 'https://${DataBucket.RegionalDomainName}', 'https://stack-databucket.s3.us-east-1.amazonaws.com'],
      ['SAM’s .Alias reference', 'functions/${SplitSourceFunction.Alias}/invocations', `functions/${REFS['SplitSourceFunction.Alias']}/invocations`],
      ['the ${!Literal} escape', '#set($id = "${!customerId}") ${Stage}', '#set($id = "${customerId}") dev'],
      ['text with no variables', 'plain $text {braces}', 'plain $text {braces}'],
    ])('substitutes %s', (_case, template, expected) => {
      expect(resolve({ 'Fn::Sub': template })).toBe(expected);
    });

    it('takes variables from its map first, resolving intrinsics in them', () => {
      // Act
      const value = resolve({ 'Fn::Sub': ['${Stage}:${Table}:${AWS::Partition}', { Stage: 'overridden', Table: { 'Fn::GetAtt': ['AnalysisTable', 'Arn'] } }] });

      // Assess
      expect(value).toBe(`overridden:${ATTRIBUTES['AnalysisTable.Arn']}:aws`);
    });

    it.each(['Condition', 'Ref'])('treats a lone variable named %s as a variable, not an intrinsic', (name) => {
      expect(resolve({ 'Fn::Sub': [`[\${${name}}]`, { [name]: 'value' }] })).toBe('[value]');
    });

    it.each([
      ['${Nope}', /Resources\.X\.Properties\.Value \(Fn::Sub\): !Ref Nope names no parameter or resource/],
      ['${AnalysisTable.Nope}', /Resources\.X\.Properties\.Value \(Fn::Sub\): \$\{AnalysisTable\.Nope\} names no resource attribute/],
    ])('refuses %s, naming the property', (template, message) => {
      expect(() => resolve({ 'Fn::Sub': template })).toThrow(expect.objectContaining({ name: 'ManifestError', message: expect.stringMatching(message) }));
    });
  });

  describe('Ref and Fn::GetAtt', () => {
    it.each([
      [{ Ref: 'Stage' }, 'dev'],
      [{ Ref: 'AWS::AccountId' }, '000000000000'],
      [{ Ref: 'AnalysisTable' }, 'stack-AnalysisTable'],
      [{ 'Fn::GetAtt': ['AnalysisTable', 'Arn'] }, ATTRIBUTES['AnalysisTable.Arn']],
      [{ 'Fn::GetAtt': 'DataBucket.RegionalDomainName' }, ATTRIBUTES['DataBucket.RegionalDomainName']],
    ])('resolves %j', (value, expected) => {
      expect(resolve(value)).toBe(expected);
    });

    it.each([
      [{ Ref: 'Missing' }, /Resources\.X\.Properties\.Value \(Ref\): !Ref Missing names no parameter or resource/],
      [{ 'Fn::GetAtt': ['AnalysisTable', 'StreamArn'] }, /Resources\.X\.Properties\.Value \(Fn::GetAtt\): AnalysisTable\.StreamArn is not a known attribute/],
    ])('refuses %j, naming the property', (value, message) => {
      expect(() => resolve(value)).toThrow(expect.objectContaining({ name: 'ManifestError', message: expect.stringMatching(message) }));
    });
  });

  describe('Fn::If and AWS::NoValue', () => {
    it('removes a property whose value is AWS::NoValue', () => {
      // Act
      const value = resolve({
        Environment: {
          Variables: {
            STAGE: { Ref: 'Stage' },
            PROD_ONLY: { 'Fn::If': ['IsProd', 'yes', { Ref: 'AWS::NoValue' }] },
            DEV_ONLY: { 'Fn::If': ['IsDev', 'yes', { Ref: 'AWS::NoValue' }] },
          },
        },
      });

      // Assess
      expect(value).toEqual({ Environment: { Variables: { STAGE: 'dev', DEV_ONLY: 'yes' } } });
    });

    it('removes a list element whose value is AWS::NoValue', () => {
      // Act
      const value = resolve(['a', { 'Fn::If': ['IsProd', 'b', { Ref: 'AWS::NoValue' }] }, { Ref: 'AWS::NoValue' }, 'c']);

      // Assess
      expect(value).toEqual(['a', 'c']);
    });

    it('resolves the chosen branch only', () => {
      // Act: the other branch names something that does not exist.
      const value = resolve({ 'Fn::If': ['IsDev', { 'Fn::Sub': '${Stage}-queue' }, { Ref: 'Missing' }] });

      // Assess
      expect(value).toBe('dev-queue');
    });

    it('returns the NoValue marker for a whole value that is removed', () => {
      expect(resolve({ 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] })).toBe(NO_VALUE);
    });

    it('refuses a condition that is not defined, naming the property', () => {
      expect(() => resolve({ 'Fn::If': ['IsStaging', 'a', 'b'] }, 'Resources.Fn.Properties.MemorySize')).toThrow(
        expect.objectContaining({ name: 'ManifestError', message: 'Resources.Fn.Properties.MemorySize (Fn::If): condition IsStaging is not defined' }),
      );
    });
  });

  describe('Fn::Join, Fn::Select and Fn::Split', () => {
    it.each([
      ['Fn::Join of resolved items', { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'sqs', { Ref: 'AWS::Region' }]] }, 'arn:aws:sqs:us-east-1'],
      ['Fn::Join with an empty separator', { 'Fn::Join': ['', [{ Ref: 'AppName' }, '-', { Ref: 'Stage' }]] }, 'upgrade-impact-dev'],
      ['Fn::Split of a parameter', { 'Fn::Split': [',', { Ref: 'Zones' }] }, ['a', 'b', 'c']],
      ['Fn::Select over Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': [',', { Ref: 'Zones' }] }] }, 'b'],
      ['Fn::Select with the index as a string', { 'Fn::Select': ['2', ['x', 'y', 'z']] }, 'z'],
      ['Fn::Select over Fn::Split of an ARN', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['AnalysisTable', 'Arn'] }] }] }, 'table/stack-AnalysisTable'],
      ['Fn::Join over Fn::Split', { 'Fn::Join': ['|', { 'Fn::Split': [',', { Ref: 'Zones' }] }] }, 'a|b|c'],
    ])('evaluates %s', (_case, value, expected) => {
      expect(resolve(value)).toEqual(expected);
    });

    it.each([
      ['Fn::Select past the end', { 'Fn::Select': [3, ['x', 'y', 'z']] }, /\(Fn::Select\): index 3 is out of range for a list of 3/],
      ['Fn::Select with a negative index', { 'Fn::Select': [-1, ['x']] }, /\(Fn::Select\): index -1 is out of range for a list of 1/],
      ['Fn::Select over a string', { 'Fn::Select': [0, { Ref: 'Zones' }] }, /\(Fn::Select\): expects a list/],
      ['Fn::Join over a string', { 'Fn::Join': [',', { Ref: 'Zones' }] }, /\(Fn::Join\): expects a list/],
      ['Fn::Split of a list', { 'Fn::Split': [',', ['a']] }, /\(Fn::Split\): expects a string/],
    ])('refuses %s, naming the property', (_case, value, message) => {
      expect(() => resolve(value, 'Outputs.Zone.Value')).toThrow(expect.objectContaining({ name: 'ManifestError', message: expect.stringMatching(new RegExp(`^Outputs\\.Zone\\.Value ${message.source}`)) }));
    });
  });

  describe('conditions and other functions', () => {
    it.each([
      ['IsProd', false],
      ['IsDev', true],
      ['DevInUsEast', true],
      ['ProdOrEu', false],
    ])('evaluates condition %s to %s', (name, expected) => {
      expect(evaluateCondition(name, context, 'Conditions')).toBe(expected);
    });

    it('names the condition whose definition fails', () => {
      expect(() => evaluateCondition('Broken', context, 'Resources.X.Condition')).toThrow(/^Conditions\.Broken \(Fn::Equals\) \(Ref\): !Ref Nope names no parameter or resource/);
    });

    it.each([
      [{ 'Fn::Base64': { 'Fn::Sub': '#!/bin/sh\necho ${Stage}' } }, Buffer.from('#!/bin/sh\necho dev').toString('base64')],
      [{ 'Fn::ToJsonString': { stage: { Ref: 'Stage' }, list: [1, { Ref: 'AWS::Region' }] } }, '{"stage":"dev","list":[1,"us-east-1"]}'],
      [{ 'Fn::Length': { 'Fn::Split': [',', { Ref: 'Zones' }] } }, 3],
      [{ Condition: 'IsDev' }, true],
    ])('evaluates %j', (value, expected) => {
      expect(resolve(value)).toEqual(expected);
    });

    it('refuses a function the local runtime does not support, naming it and the property', () => {
      expect(() => resolve({ Tags: [{ Value: { 'Fn::FindInMap': ['Map', 'Key', 'Value'] } }] }, 'Resources.Q.Properties')).toThrow(
        expect.objectContaining({ name: 'ManifestError', message: 'Resources.Q.Properties.Tags[0].Value (Fn::FindInMap): Fn::FindInMap is not supported by the local runtime' }),
      );
    });

    it('leaves objects with more than one key and plain values as they are', () => {
      expect(resolve({ Ref: 'Stage', Other: 1 })).toEqual({ Ref: 'Stage', Other: 1 });
      expect(resolve([1, true, null, 'text'])).toEqual([1, true, null, 'text']);
    });
  });

  describe('against template.yaml', () => {
    const manifest = loadManifest('template.yaml');

    it('resolves SAM’s generated .Alias reference and GetAtt of the template’s resources', () => {
      // Prepare
      const createUpload = manifest.functions.find((fn) => fn.logicalId === 'CreateUploadFunction')!;

      // Act
      const uri = manifest.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${CreateUploadFunction.Alias}/invocations' });
      const table = manifest.resolve({ 'Fn::GetAtt': ['AnalysisTable', 'Arn'] });

      // Assess
      expect(uri).toBe(`arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${createUpload.aliasArn}/invocations`);
      expect(table).toBe(manifest.tables[0].arn);
    });

    it('names the property of an unknown reference', () => {
      expect(() => manifest.resolve({ Ref: 'NoSuchResource' }, 'api/openapi.yaml: GET /x')).toThrow('api/openapi.yaml: GET /x (Ref): !Ref NoSuchResource names no parameter or resource');
    });
  });
});
