/**
 * Template ↔ tenant isolation: the policies the stack deploys, asked what AWS would ask them (local/iam evaluates
 * them as IAM does). A customer's principal reaches its own routes, reports and key only, and the API's resource
 * policy fences customers even from what a broader policy might grant; the operators reach every route; a
 * customer's key is usable only under that customer's encryption context.
 */
import { customerKeyPolicy } from '../../local/app/customers';
import { invokeArn } from '../../local/endpoints/rest-api';
import { evaluatePolicies, type PolicyDocument } from '../../local/iam';
import { loadOpenApi, loadProjectManifest, loadTemplate, resourcesOfType } from './support/project';

const manifest = loadProjectManifest();
const openapi = loadOpenApi(manifest);
const { region, accountId } = manifest;
const api = manifest.apis[0];
const apiId = String(manifest.resolve({ Ref: api.logicalId }));
const bucket = manifest.buckets[0];

const customerPolicy = manifest.resourceProperties('CustomerAccessPolicy')!.PolicyDocument as PolicyDocument;
const operatorPolicies = (manifest.resourceProperties('ApiOperatorRole')!.Policies as { PolicyDocument: PolicyDocument }[]).map((entry) => entry.PolicyDocument);
const resourcePolicy = manifest.resolve(openapi['x-amazon-apigateway-policy']) as PolicyDocument;

const route = (method: string, path: string): string => invokeArn({ region, accountId, apiId, stage: api.stageName, method, path });
const asCustomer = (customerId: string) => ({ 'aws:PrincipalTag/customerId': customerId });

describe('Contract: template ↔ tenant isolation', () => {
  describe('a customer’s principal (CustomerAccessPolicy) with the API resource policy', () => {
    it.each([
      ['POST', '/customers/acme/uploads', 'Allow'],
      ['POST', '/customers/acme/analyses', 'Allow'],
      ['GET', '/customers/acme/analyses/r1', 'Allow'],
      ['GET', '/customers/bravo/analyses/r1', 'ExplicitDeny'],
      ['POST', '/customers/bravo/uploads', 'ExplicitDeny'],
      ['POST', '/customers/acme-co/analyses', 'ExplicitDeny'],
      ['POST', '/customers/acmecorp/analyses', 'ExplicitDeny'],
    ])('acme: %s %s → %s', (method, path, decision) => {
      expect(evaluatePolicies([customerPolicy, resourcePolicy], { action: 'execute-api:Invoke', resource: route(method, path), keys: asCustomer('acme') })).toBe(decision);
    });

    it('fences a customer from another customer’s routes even when a broader policy would allow them', () => {
      // Prepare: a policy attached to acme's role by mistake
      const mistake: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] };

      // Act
      const decision = evaluatePolicies([customerPolicy, mistake, resourcePolicy], { action: 'execute-api:Invoke', resource: route('GET', '/customers/bravo/analyses/r1'), keys: asCustomer('acme') });

      // Assess
      expect(decision).toBe('ExplicitDeny');
    });

    it('reads its own report objects only, and decrypts with its key only under its own context', () => {
      const ask = (action: string, resource: string, keys: Record<string, string>) => evaluatePolicies([customerPolicy], { action, resource, keys: { ...asCustomer('acme'), ...keys } });
      const keyArn = `arn:aws:kms:${region}:${accountId}:key/k1`;

      expect(ask('s3:GetObject', `${bucket.arn}/reports/acme/r1.report.enc`, {})).toBe('Allow');
      expect(ask('s3:GetObject', `${bucket.arn}/reports/bravo/r1.report.enc`, {})).toBe('ImplicitDeny');
      expect(ask('s3:GetObject', `${bucket.arn}/units/acme/ab12`, {})).toBe('ImplicitDeny');
      expect(ask('kms:Decrypt', keyArn, { 'kms:EncryptionContext:customerId': 'acme', 'kms:ResourceAliases': 'alias/upgrade-impact/customer/acme' })).toBe('Allow');
      expect(ask('kms:Decrypt', keyArn, { 'kms:EncryptionContext:customerId': 'bravo', 'kms:ResourceAliases': 'alias/upgrade-impact/customer/bravo' })).toBe('ImplicitDeny');
      expect(ask('kms:Decrypt', keyArn, { 'kms:EncryptionContext:customerId': 'acme', 'kms:ResourceAliases': 'alias/upgrade-impact/customer/bravo' })).toBe('ImplicitDeny');
    });
  });

  describe('the operators (ApiOperatorRole)', () => {
    it.each([
      ['GET', '/customers/acme/analyses/r1'],
      ['POST', '/customers/bravo/uploads'],
    ])('may call %s %s', (method, path) => {
      expect(evaluatePolicies([...operatorPolicies, resourcePolicy], { action: 'execute-api:Invoke', resource: route(method, path), keys: {} })).toBe('Allow');
    });

    it('assume their role only with MFA', () => {
      const trust = manifest.resourceProperties('ApiOperatorRole')!.AssumeRolePolicyDocument as PolicyDocument;
      const assume = (mfa: string | undefined) =>
        evaluatePolicies([trust], { action: 'sts:AssumeRole', resource: '*', keys: mfa === undefined ? {} : { 'aws:MultiFactorAuthPresent': mfa } });
      expect([assume('true'), assume('false'), assume(undefined)]).toEqual(['Allow', 'ImplicitDeny', 'ImplicitDeny']);
    });
  });

  describe('a customer’s key (the key policy npm run customer -- add --cloud sets)', () => {
    const keyPolicy = customerKeyPolicy('acme', { partition: 'aws', accountId }) as PolicyDocument;
    it.each([
      ['kms:GenerateDataKey', 'acme', 'Allow'],
      ['kms:Decrypt', 'acme', 'Allow'],
      ['kms:Decrypt', 'bravo', 'ExplicitDeny'],
      ['kms:Encrypt', 'bravo', 'ExplicitDeny'],
      ['kms:ReEncryptFrom', 'bravo', 'ExplicitDeny'],
      ['kms:Decrypt', undefined, 'ExplicitDeny'],
    ])('%s under customerId=%s → %s', (action, context, decision) => {
      expect(evaluatePolicies([keyPolicy], { action, resource: '*', keys: context ? { 'kms:EncryptionContext:customerId': context } : {} })).toBe(decision);
    });
  });

  describe('a function’s session for one customer (TenantDataAccessRole)', () => {
    const role = manifest.resourceProperties('TenantDataAccessRole')!;
    const policies = (role.Policies as { PolicyDocument: PolicyDocument }[]).map((entry) => entry.PolicyDocument);
    const table = manifest.tables[0].arn;
    const ask = (action: string, resource: string, keys: Record<string, string | string[]> = {}) =>
      evaluatePolicies(policies, { action, resource, keys: { ...asCustomer('acme'), ...keys } });

    it.each([
      ['s3:GetObject', 'units/acme/ab12', 'Allow'],
      ['s3:PutObject', 'runs/acme/r1/findings/b1.json', 'Allow'],
      ['s3:GetObject', 'uploads/acme/20240501-x/src.zip', 'Allow'],
      ['s3:PutObject', 'reports/acme/r1.report.enc', 'Allow'],
      ['s3:GetObject', 'units/bravo/ab12', 'ImplicitDeny'],
      ['s3:PutObject', 'reports/bravo/r1.report.enc', 'ImplicitDeny'],
      ['s3:GetObject', 'units/acmecorp/ab12', 'ImplicitDeny'],
      ['s3:DeleteObject', 'units/acme/ab12', 'ImplicitDeny'],
    ])('%s %s → %s', (action, key, decision) => {
      expect(ask(action, `${bucket.arn}/${key}`)).toBe(decision);
    });

    it('lists the customer’s own prefixes only', () => {
      expect(ask('s3:ListBucket', bucket.arn, { 's3:prefix': 'units/acme/' })).toBe('Allow');
      expect(ask('s3:ListBucket', bucket.arn, { 's3:prefix': 'units/bravo/' })).toBe('ImplicitDeny');
      expect(ask('s3:ListBucket', bucket.arn, { 's3:prefix': '' })).toBe('ImplicitDeny');
    });

    it.each([
      ['dynamodb:GetItem', ['CUSTOMER#acme'], 'Allow'],
      ['dynamodb:BatchWriteItem', ['CUSTOMER#acme#RUN#r1#3', 'CUSTOMER#acme#RUN#r1#7'], 'Allow'],
      ['dynamodb:BatchGetItem', ['CUSTOMER#acme#CACHE#v1'], 'Allow'],
      ['dynamodb:GetItem', ['CUSTOMER#bravo'], 'ImplicitDeny'],
      ['dynamodb:BatchWriteItem', ['CUSTOMER#acme#RUN#r1#3', 'CUSTOMER#bravo#RUN#r1#3'], 'ImplicitDeny'],
      ['dynamodb:Query', ['CUSTOMER#acmex'], 'ImplicitDeny'],
      ['dynamodb:Scan', [], 'ImplicitDeny'],
      ['dynamodb:DeleteItem', ['CUSTOMER#acme'], 'ImplicitDeny'],
    ])('%s with leading keys %j → %s', (action, keys, decision) => {
      expect(ask(action, table, { 'dynamodb:LeadingKeys': keys })).toBe(decision);
    });

    it('uses the customer’s key only under the customer’s own encryption context', () => {
      const key = `arn:aws:kms:${region}:${accountId}:key/k1`;
      expect(ask('kms:GenerateDataKey', key, { 'kms:EncryptionContext:customerId': 'acme', 'kms:ResourceAliases': 'alias/upgrade-impact/customer/acme' })).toBe('Allow');
      expect(ask('kms:Decrypt', key, { 'kms:EncryptionContext:customerId': 'bravo', 'kms:ResourceAliases': 'alias/upgrade-impact/customer/bravo' })).toBe('ImplicitDeny');
      expect(ask('kms:Decrypt', key, { 'kms:EncryptionContext:customerId': 'acme', 'kms:ResourceAliases': 'alias/upgrade-impact/customer/bravo' })).toBe('ImplicitDeny');
      expect(ask('kms:Decrypt', key, { 'kms:ResourceAliases': 'alias/upgrade-impact/customer/acme' })).toBe('ImplicitDeny');
    });

    it('is assumed only with a customerId session tag', () => {
      const trust = role.AssumeRolePolicyDocument as PolicyDocument;
      const assume = (tags: Record<string, string>) => evaluatePolicies([trust], { action: 'sts:TagSession', resource: '*', keys: tags });
      expect(assume({ 'aws:RequestTag/customerId': 'acme' })).toBe('Allow');
      expect(assume({})).toBe('ImplicitDeny');
      expect(assume({ 'aws:RequestTag/customerId': '' })).toBe('ImplicitDeny');
    });

    it.each(['SplitSourceFunction', 'AnalyzeUnitsFunction', 'AggregateFindingsFunction', 'EncryptReportFunction', 'CreateUploadFunction', 'DescribeMapFailureFunction'])(
      '%s: its own role holds no data access, only a session of the tenant role',
      (logicalId) => {
        const statements = ((manifest.resourceProperties(logicalId)!.Policies ?? []) as { Statement: { Action: string | string[]; Resource: unknown }[] }[]).flatMap((policy) => policy.Statement);
        expect(statements.flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action])).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
        expect(statements.map((statement) => statement.Resource)).toEqual([String(manifest.resolve({ 'Fn::GetAtt': ['TenantDataAccessRole', 'Arn'] }))]);
      },
    );
  });

  describe('retention: nothing of a customer’s is kept forever', () => {
    const template = loadTemplate();

    it.each(resourcesOfType(template, 'AWS::Serverless::Function').map(([logicalId]) => logicalId))('%s: logs to a group of its own that expires', (logicalId) => {
      const group = template.Resources[logicalId].Properties?.LoggingConfig?.LogGroup as { Ref?: string } | undefined;
      expect(group?.Ref).toBeDefined();
      expect(template.Resources[group!.Ref!]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: { Ref: 'LogRetentionDays' } } });
    });

    it.each(['uploads/', 'units/', 'runs/', 'reports/'])('expires %s in the data bucket, by stage', (prefix) => {
      const rules = template.Resources.DataBucket.Properties?.LifecycleConfiguration?.Rules as { Prefix?: string; ExpirationInDays?: unknown; Status: string }[];
      const rule = rules.find((candidate) => candidate.Prefix === prefix);
      expect(rule).toMatchObject({ Status: 'Enabled', ExpirationInDays: { 'Fn::FindInMap': ['StageRetention', { Ref: 'Stage' }, expect.any(String)] } });
    });
  });
});
