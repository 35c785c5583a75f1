/**
 * Create upload: API Gateway proxy event in, presigned upload out. Refusals answer with the status and a body
 * saying what was wrong: 400 bad request, 403 customer not entitled, 404 unknown customer, 413 over the plan.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { sdk } from '../lib/aws/sdk';
import { forCustomer } from '../lib/aws/tenant';
import { dataBucket, tableName } from '../lib/config';
import { lambdaHandler } from '../lib/middleware';
import { logger } from '../lib/powertools';
import { CustomerStore } from '../lib/store';
import { createUpload, type PresignRequest } from './create-upload';

const STATUS_BY_ERROR: Record<string, number> = {
  InvalidEventError: 400,
  CustomerNotEntitledError: 403,
  CustomerNotFoundError: 404,
  PlanLimitExceededError: 413,
};

const SSE_HEADERS = new Set([
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-context',
  'x-amz-server-side-encryption-bucket-key-enabled',
]);

/**
 * Presigns the PUT with the customer's own session (so the upload can land only under its prefix and its key), the
 * SSE-KMS headers and the declared Content-Length signed: S3 refuses any other size, any other key or no encryption.
 */
const presignerFor =
  (client: S3Client) =>
  async (request: PresignRequest): Promise<{ url: string; headers: Record<string, string> }> => {
    // The customer's encryption context rides with the object: KMS then allows the key's use for this customer only.
    const context = request.kmsKeyId ? Buffer.from(JSON.stringify({ customerId: request.customerId })).toString('base64') : undefined;
    const command = new (sdk.s3().PutObjectCommand)({
      Bucket: request.bucket,
      Key: request.key,
      ContentLength: request.contentLength,
      ...(request.kmsKeyId ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: request.kmsKeyId, SSEKMSEncryptionContext: context, BucketKeyEnabled: false } : {}),
    });
    // SSE headers stay headers (not hoisted into the query): the client must send exactly these.
    const url = await sdk.s3Presigner().getSignedUrl(client, command, {
      expiresIn: request.expiresInSeconds,
      unhoistableHeaders: SSE_HEADERS,
      signableHeaders: new Set(['content-length']),
    });
    const headers: Record<string, string> = {};
    if (request.kmsKeyId) {
      headers['x-amz-server-side-encryption'] = 'aws:kms';
      headers['x-amz-server-side-encryption-aws-kms-key-id'] = request.kmsKeyId;
      headers['x-amz-server-side-encryption-context'] = context!;
      headers['x-amz-server-side-encryption-bucket-key-enabled'] = 'false';
    }
    headers['content-length'] = String(request.contentLength);
    return { url, headers };
  };

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const handler = lambdaHandler(
  async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    let body: { fileName?: unknown; contentLength?: unknown };
    try {
      body = JSON.parse(event.body ?? '{}');
    } catch {
      return json(400, { error: 'BadRequest', message: 'The request body is not JSON' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return json(400, { error: 'BadRequest', message: 'The request body must be a JSON object' });
    }
    const customerId = event.pathParameters?.customerId ?? '';
    try {
      const { documents, presigningS3 } = forCustomer(event.pathParameters?.customerId ?? '');
      const customers = new CustomerStore(documents, tableName());
      const upload = await createUpload(
        { customerId, fileName: body.fileName as string, contentLength: body.contentLength as number },
        { getCustomer: (id) => customers.get(id), presignPut: presignerFor(presigningS3), bucket: dataBucket() },
      );
      return json(201, upload);
    } catch (error) {
      const status = error instanceof Error ? STATUS_BY_ERROR[error.name] : undefined;
      if (status === undefined) throw error;
      logger.info('Upload refused', { reason: (error as Error).name });
      return json(status, { error: (error as Error).name.replace(/Error$/, ''), message: (error as Error).message });
    }
  },
  { smokeCheck: () => ({ table: tableName(), bucket: dataBucket() }) },
);

export { handler };
