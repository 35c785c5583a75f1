import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatesError } from '../../../../local/asl/errors';
import { createSdkClientLoader } from '../../../../local/asl/integrations/sdk/clientLoader';
import type { SdkClientLoader } from '../../../../local/asl/integrations/sdk/clientLoader';
import { errorServiceName } from '../../../../local/asl/integrations/sdk/serviceNames';
import { fromSdkOutput, toSdkInput } from '../../../../local/asl/integrations/sdk/shape';

const ARN = 'arn:aws:states:::aws-sdk:test:action';
let loader: SdkClientLoader;

beforeAll(() => {
  loader = createSdkClientLoader({ clientConfig: () => ({ region: 'us-east-1' }) });
});

afterAll(() => loader.destroy());

const schemasOf = (service: string, action: string) => {
  const schemas = loader.operation(service, action, ARN).schemas;
  if (schemas === undefined) throw new Error(`${service}:${action} has no schema`);
  return schemas;
};

describe('Function: errorServiceName()', () => {
  it.each([
    ['DynamoDB', 'DynamoDb'],
    ['ACM PCA', 'AcmPca'],
    ['S3', 'S3'],
    ['SFN', 'Sfn'],
    ['KMS', 'Kms'],
    ['EC2', 'Ec2'],
    ['EventBridge', 'EventBridge'],
    ['CloudWatch Logs', 'CloudWatchLogs'],
    ['Lambda', 'Lambda'],
    ['API Gateway', 'ApiGateway'],
  ])('turns the service id %s into the error prefix %s', (serviceId, prefix) => {
    // Act & Assess
    expect(errorServiceName(serviceId)).toBe(prefix);
  });
});

describe('Function: toSdkInput()', () => {
  it('decodes base64 text for a blob member and encodes JSON values as UTF-8 bytes', () => {
    // Prepare
    const { input } = schemasOf('kms', 'encrypt');

    // Act
    const fromBase64 = toSdkInput({ KeyId: 'k', Plaintext: 'AAEC/w==' }, input, 'aws-sdk:kms:encrypt') as { Plaintext: Uint8Array };
    const fromJson = toSdkInput({ KeyId: 'k', Plaintext: { a: 1 } }, input, 'aws-sdk:kms:encrypt') as { Plaintext: Uint8Array };

    // Assess
    expect([...fromBase64.Plaintext]).toEqual([0, 1, 2, 255]);
    expect(Buffer.from(fromJson.Plaintext).toString('utf8')).toBe('{"a":1}');
  });

  it('keeps map keys as written and matches members case-insensitively', () => {
    // Prepare
    const { input } = schemasOf('kms', 'encrypt');

    // Act
    const result = toSdkInput(
      { keyId: 'alias/app/customer/c-1', Plaintext: 'AA==', EncryptionContext: { customerId: 'c-1', runId: 'r-1' } },
      input,
      'aws-sdk:kms:encrypt',
    );

    // Assess
    expect(result).toEqual({
      KeyId: 'alias/app/customer/c-1',
      Plaintext: expect.any(Uint8Array),
      EncryptionContext: { customerId: 'c-1', runId: 'r-1' },
    });
  });

  it('sends a JSON value given for a string member as its JSON text, under the camelCase member name of the model', () => {
    // Prepare
    const { input } = schemasOf('sfn', 'startExecution');

    // Act
    const result = toSdkInput({ StateMachineArn: 'arn', Input: { customerId: 'c-1' } }, input, 'aws-sdk:sfn:startExecution');

    // Assess
    // The Step Functions API model names its members in camelCase; Step Functions takes them in PascalCase.
    expect(result).toEqual({ stateMachineArn: 'arn', input: '{"customerId":"c-1"}' });
  });

  it('turns ISO-8601 text for a timestamp member into a Date', () => {
    // Prepare
    const { input } = schemasOf('s3', 'getObject');

    // Act
    const result = toSdkInput({ Bucket: 'b', Key: 'k', IfModifiedSince: '2024-01-02T03:04:05Z' }, input, 'aws-sdk:s3:getObject') as {
      IfModifiedSince: Date;
    };

    // Assess
    expect(result.IfModifiedSince).toEqual(new Date('2024-01-02T03:04:05Z'));
  });

  it.each([
    [{ KeyId: 'k', Plaintext: 'AA==', GrantTokens: 'one' }, '$.GrantTokens: expected an array, got string'],
    [{ KeyId: 'k', Plaintext: 'AA==', EncryptionContext: [] }, '$.EncryptionContext: expected an object, got array'],
    [{ KeyId: 'k', Plaintext: 'AA==', Extra: 1 }, "$: the field 'Extra' is not supported by Step Functions"],
  ])('rejects %j naming the path', (args, message) => {
    // Prepare
    const { input } = schemasOf('kms', 'encrypt');

    // Act
    const act = (): unknown => toSdkInput(args, input, 'aws-sdk:kms:encrypt');

    // Assess
    expect(act).toThrow(StatesError);
    expect(act).toThrow(`Invalid arguments for aws-sdk:kms:encrypt at ${message}`);
  });
});

describe('Function: fromSdkOutput()', () => {
  it('writes timestamps in the style of the integration family, members in PascalCase and alphabetical order', async () => {
    // Prepare
    const describe = schemasOf('sfn', 'describeExecution');
    const startDate = new Date('2024-01-02T03:04:05.250Z');
    const output = { status: 'RUNNING', startDate, executionArn: 'a', $metadata: { httpStatusCode: 200 } };

    // Act
    const awsSdk = await fromSdkOutput(output, describe.output, 'awsSdk');
    const optimized = await fromSdkOutput(output, describe.output, 'optimized');

    // Assess
    expect(awsSdk).toEqual({ ExecutionArn: 'a', StartDate: '2024-01-02T03:04:05.250Z', Status: 'RUNNING' });
    expect(Object.keys(awsSdk as object)).toEqual(['ExecutionArn', 'StartDate', 'Status']);
    expect(optimized).toEqual({ ExecutionArn: 'a', StartDate: startDate.getTime(), Status: 'RUNNING' });
  });

  it.each([
    ['binary bytes, AWS SDK integration', [0, 1, 2, 255], 'awsSdk', 'AAEC/w=='],
    ['UTF-8 text, AWS SDK integration', [...Buffer.from('{"ok":true}')], 'awsSdk', '{"ok":true}'],
    ['UTF-8 text, optimized integration', [...Buffer.from('{"ok":true}')], 'optimized', 'eyJvayI6dHJ1ZX0='],
  ] as const)('writes a blob of %s as %s', async (_name, bytes, style, expected) => {
    // Prepare
    const encrypt = schemasOf('kms', 'encrypt');

    // Act
    const result = (await fromSdkOutput({ CiphertextBlob: new Uint8Array(bytes), KeyId: 'k' }, encrypt.output, style)) as {
      CiphertextBlob: string;
    };

    // Assess
    expect(result.CiphertextBlob).toBe(expected);
  });

  it('puts the streaming payload after the other members', async () => {
    // Prepare
    const getObject = schemasOf('s3', 'getObject');
    const body = { transformToString: async () => 'text' };

    // Act
    const result = await fromSdkOutput({ Body: body, ETag: '"e"', AcceptRanges: 'bytes' }, getObject.output, 'awsSdk');

    // Assess
    expect(Object.entries(result as object)).toEqual([
      ['AcceptRanges', 'bytes'],
      ['ETag', '"e"'],
      ['Body', 'text'],
    ]);
  });
});

describe('Function: createSdkClientLoader()', () => {
  it('finds a client package whose name has hyphens between the words of the service', () => {
    // Prepare: a stand-in package, since only a few @aws-sdk clients are installed in this project
    const root = mkdtempSync(join(tmpdir(), 'sdk-loader-'));
    const packageDir = join(root, 'node_modules', '@aws-sdk', 'client-acm-pca');
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(join(packageDir, 'package.json'), '{"name":"@aws-sdk/client-acm-pca","main":"index.js"}');
    writeFileSync(
      join(packageDir, 'index.js'),
      'class ACMPCAClient { constructor(config) { this.config = { ...config, serviceId: "ACM PCA" }; } send() {} destroy() {} }\n' +
        'class DeleteCertificateAuthorityCommand { constructor(input) { this.input = input; } }\n' +
        'module.exports = { ACMPCAClient, DeleteCertificateAuthorityCommand };\n',
    );
    const scoped = createSdkClientLoader({ requireFrom: createRequire(join(root, 'index.js')) });

    // Act
    const operation = scoped.operation('acmpca', 'deleteCertificateAuthority', ARN);
    rmSync(root, { recursive: true, force: true });

    // Assess
    expect(operation.packageName).toBe('@aws-sdk/client-acm-pca');
    expect(operation.commandName).toBe('DeleteCertificateAuthorityCommand');
    expect(errorServiceName(operation.serviceId)).toBe('AcmPca');
    expect(operation.schemas).toBeUndefined();
  });
});
