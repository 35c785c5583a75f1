/** Bucket-level operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, location and versioning. */
import { receiveBodyToBuffer } from '../body';
import { xmlResponse, type S3Context, type S3Response } from '../context';
import { S3ApiError } from '../errors';
import { LOCAL_ACCOUNT_ID } from '../headers';
import { assertValidBucketName, type S3Request } from '../request';
import { childText, escapeXml, node, parseXmlBody, text, xmlDocument } from '../xml';

/** Canonical user id reported as owner: S3 uses 64 hex digits. */
const OWNER_ID = '0'.repeat(52) + LOCAL_ACCOUNT_ID;
const OWNER_XML = node('Owner', [text('ID', OWNER_ID), text('DisplayName', 'local')]);

/** Request XML bodies are small; this bounds memory use for a hostile one. */
const MAX_XML_BODY = 3 * 1024 * 1024;

const bucketName = (request: S3Request): string => {
  if (request.bucket === undefined) throw new S3ApiError('InvalidRequest', {}, 'This operation needs a bucket.');
  return request.bucket;
};

const listBuckets = async (context: S3Context): Promise<S3Response> =>
  xmlResponse(
    xmlDocument('ListAllMyBucketsResult', [
      OWNER_XML,
      node(
        'Buckets',
        context.store.listBuckets().map((bucket) =>
          node('Bucket', [text('Name', bucket.name), text('CreationDate', bucket.createdAt), text('BucketRegion', bucket.region)]),
        ),
      ),
    ]),
  );

const createBucket = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const name = bucketName(request);
  assertValidBucketName(name);
  const { body } = await receiveBodyToBuffer(request.raw, MAX_XML_BODY);
  let region = context.region;
  if (body.length > 0) {
    const configuration = parseXmlBody(body, 'CreateBucketConfiguration');
    region = childText(configuration, 'LocationConstraint') || context.region;
  }
  await context.store.createBucket(name, region);
  return { status: 200, headers: { Location: `/${name}` } };
};

const headBucket = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = context.store.requireBucket(bucketName(request));
  return { status: 200, headers: { 'x-amz-bucket-region': bucket.region } };
};

const deleteBucket = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  await context.store.deleteBucket(bucketName(request));
  return { status: 204 };
};

const getBucketLocation = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = context.store.requireBucket(bucketName(request));
  // us-east-1 is reported as an empty LocationConstraint, for historical reasons.
  return xmlResponse(xmlDocument('LocationConstraint', bucket.region === 'us-east-1' ? [] : [escapeXml(bucket.region)]));
};

const getBucketVersioning = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const bucket = context.store.requireBucket(bucketName(request));
  return xmlResponse(xmlDocument('VersioningConfiguration', bucket.versioning ? [text('Status', bucket.versioning)] : []));
};

const putBucketVersioning = async (context: S3Context, request: S3Request): Promise<S3Response> => {
  const name = bucketName(request);
  context.store.requireBucket(name);
  const { body } = await receiveBodyToBuffer(request.raw, MAX_XML_BODY);
  const configuration = parseXmlBody(body, 'VersioningConfiguration');
  const status = childText(configuration, 'Status');
  if (status !== 'Enabled' && status !== 'Suspended') {
    throw new S3ApiError('MalformedXML', {}, `VersioningConfiguration Status must be Enabled or Suspended, not '${status ?? ''}'`);
  }
  if (childText(configuration, 'MfaDelete') === 'Enabled') {
    throw new S3ApiError('NotImplemented', {}, 'The local S3 emulator does not implement MFA delete.');
  }
  await context.store.setVersioning(name, status);
  return { status: 200 };
};

export { MAX_XML_BODY, OWNER_XML, createBucket, deleteBucket, getBucketLocation, getBucketVersioning, headBucket, listBuckets, putBucketVersioning };
