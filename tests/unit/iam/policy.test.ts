import { evaluatePolicies, PolicyEvaluationError, type PolicyDocument } from '../../../local/iam';

const policy = (...Statement: PolicyDocument['Statement'][]): PolicyDocument => ({ Version: '2012-10-17', Statement: Statement.flat() });

describe('Function: evaluatePolicies()', () => {
  const bucket = 'arn:aws:s3:::data';
  const own = policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${bucket}/units/\${aws:PrincipalTag/customerId}/*` });
  const acme = { 'aws:PrincipalTag/customerId': 'acme' };

  it.each([
    ['an allowed action on the principal’s own objects', 's3:GetObject', `${bucket}/units/acme/ab12`, acme, 'Allow'],
    ['another customer’s objects', 's3:GetObject', `${bucket}/units/bravo/ab12`, acme, 'ImplicitDeny'],
    ['an action not granted', 's3:DeleteObject', `${bucket}/units/acme/ab12`, acme, 'ImplicitDeny'],
    ['a principal without the tag the policy names', 's3:GetObject', `${bucket}/units/acme/ab12`, {}, 'ImplicitDeny'],
    ['actions case-insensitively', 'S3:getobject', `${bucket}/units/acme/ab12`, acme, 'Allow'],
  ])('decides %s', (_what, action, resource, keys, decision) => {
    expect(evaluatePolicies([own], { action, resource, keys })).toBe(decision);
  });

  it('lets an explicit deny in any policy win over an allow', () => {
    // Prepare
    const everything = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
    const fence = policy({ Effect: 'Deny', Action: 's3:*', NotResource: `${bucket}/units/\${aws:PrincipalTag/customerId}/*`, Condition: { Null: { 'aws:PrincipalTag/customerId': 'false' } } });

    // Act + Assess
    expect(evaluatePolicies([everything, fence], { action: 's3:GetObject', resource: `${bucket}/units/bravo/x`, keys: acme })).toBe('ExplicitDeny');
    expect(evaluatePolicies([everything, fence], { action: 's3:GetObject', resource: `${bucket}/units/acme/x`, keys: acme })).toBe('Allow');
    expect(evaluatePolicies([everything, fence], { action: 's3:GetObject', resource: `${bucket}/units/bravo/x`, keys: {} })).toBe('Allow');
  });

  it('reads multi-valued keys with ForAllValues (DynamoDB LeadingKeys)', () => {
    // Prepare
    const items = policy({
      Effect: 'Allow',
      Action: 'dynamodb:BatchWriteItem',
      Resource: 'arn:aws:dynamodb:us-east-1:1:table/t',
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CUSTOMER#${aws:PrincipalTag/customerId}', 'CUSTOMER#${aws:PrincipalTag/customerId}#*'] } },
    });
    const write = (keys: string[]) =>
      evaluatePolicies([items], { action: 'dynamodb:BatchWriteItem', resource: 'arn:aws:dynamodb:us-east-1:1:table/t', keys: { ...acme, 'dynamodb:LeadingKeys': keys } });

    // Act + Assess
    expect(write(['CUSTOMER#acme', 'CUSTOMER#acme#RUN#r1#3'])).toBe('Allow');
    expect(write(['CUSTOMER#acme', 'CUSTOMER#bravo'])).toBe('ImplicitDeny');
    expect(write(['CUSTOMER#acmecorp'])).toBe('ImplicitDeny');
  });

  it('treats a missing key as IAM does: fails StringEquals, satisfies StringNotEquals', () => {
    // Prepare
    const keyPolicy = policy(
      { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: { StringNotEquals: { 'kms:EncryptionContext:customerId': 'acme' } } },
    );
    const use = (action: string, keys: Record<string, string>) => evaluatePolicies([keyPolicy], { action, resource: 'arn:aws:kms:us-east-1:1:key/k', keys });

    // Act + Assess
    expect(use('kms:Decrypt', { 'kms:EncryptionContext:customerId': 'acme' })).toBe('Allow');
    expect(use('kms:GenerateDataKeyWithoutPlaintext', { 'kms:EncryptionContext:customerId': 'bravo' })).toBe('ExplicitDeny');
    expect(use('kms:Decrypt', {})).toBe('ExplicitDeny');
  });

  it('refuses an operator it does not read, naming it', () => {
    const odd = policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
    expect(() => evaluatePolicies([odd], { action: 's3:GetObject', resource: '*', keys: {} })).toThrow(PolicyEvaluationError);
    expect(() => evaluatePolicies([odd], { action: 's3:GetObject', resource: '*', keys: {} })).toThrow(/IpAddress/);
  });
});
