/**
 * Who signed an S3 request, checked as S3 checks it, and what they may do, as IAM decides it.
 *
 * - A presigned URL (query authentication) is verified whoever signed it: a key the runtime knows, the signature over
 *   exactly the headers it lists (a signed `content-length` makes any other size fail, as on S3), the expiry.
 * - A header-signed request of a role session (a function acting for one customer) is verified too, its session
 *   token included, and held to the role's policies (the template's TenantDataAccessRole): the customer's prefixes only.
 * - Other requests (the runtime's own clients, tests) are served as before: the emulator stays loopback-only.
 *
 * The signatures are recomputed with `@smithy/signature-v4`, the SDK's own signer, with S3's rules (no double
 * encoding of the path, the payload hash as the client declared it).
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { timingSafeEqual } from 'node:crypto';
import { NodeSha256, type RoleSession, type RoleSessions } from '../../iam';
import { S3ApiError } from './errors';
import { header, type S3Request } from './request';

/** What the S3 emulator knows of keys: the runtime's own (a fixed secret) and role sessions. */
type S3Authority = {
  /** Secrets of keys that are not sessions (the runtime's clients). */
  secretOf(accessKeyId: string): string | undefined;
  sessions: RoleSessions;
};

/** Longest presigned URL validity S3 accepts (seven days). */
const MAX_EXPIRES_SECONDS = 604_800;

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

const toDate = (amzDate: string): Date | undefined => {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6])) : undefined;
};

const sameSignature = (expected: string, given: string): boolean =>
  expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));

const rawPath = (request: S3Request): string => {
  const target = request.raw.url ?? '/';
  const question = target.indexOf('?');
  return question === -1 ? target : target.slice(0, question);
};

/** The signed headers, as sent (node lower-cases names; repeated values join with a comma). */
const signedHeaderValues = (request: S3Request, names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, header(request, name) ?? '']));

type Signer = { accessKeyId: string; secretAccessKey: string; session?: RoleSession };

const signerFor = (authority: S3Authority, accessKeyId: string, sessionToken: string | undefined): Signer => {
  const session = authority.sessions.lookup(accessKeyId);
  if (session) {
    if (sessionToken !== session.sessionToken) throw new S3ApiError('InvalidToken', {}, 'The provided token is malformed or otherwise invalid.');
    return { accessKeyId, secretAccessKey: session.secretAccessKey, session };
  }
  const secret = authority.secretOf(accessKeyId);
  if (secret === undefined) throw new S3ApiError('InvalidAccessKeyId', { AWSAccessKeyId: accessKeyId });
  return { accessKeyId, secretAccessKey: secret };
};

/** Verifies a presigned URL; returns who signed it. */
const verifyPresigned = async (request: S3Request, authority: S3Authority, now: Date): Promise<Signer> => {
  const query = request.query;
  const [accessKeyId, , region, service, terminal] = (query.get('X-Amz-Credential') ?? '').split('/');
  if (!accessKeyId || !region || service !== 's3' || terminal !== 'aws4_request') {
    throw new S3ApiError('AuthorizationQueryParametersError', {}, "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
  }
  const signingDate = toDate(query.get('X-Amz-Date') ?? '');
  const expires = Number(query.get('X-Amz-Expires'));
  if (!signingDate || !Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_SECONDS) {
    throw new S3ApiError('AuthorizationQueryParametersError', {}, 'X-Amz-Date and X-Amz-Expires (1 to 604800 seconds) must be valid');
  }
  if (now.getTime() > signingDate.getTime() + expires * 1000) {
    throw new S3ApiError('AccessDenied', { 'X-Amz-Expires': String(expires), Expires: new Date(signingDate.getTime() + expires * 1000).toISOString(), ServerTime: now.toISOString() }, 'Request has expired');
  }
  const signer = signerFor(authority, accessKeyId, query.get('X-Amz-Security-Token') ?? undefined);
  const names = (query.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
  if (!names.includes('host')) throw new S3ApiError('AccessDenied', {}, 'There were headers present in the request which were not signed: host');
  const auth = new Set(['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-signedheaders', 'x-amz-signature', 'x-amz-security-token', 'x-amz-content-sha256']);
  const kept = Object.fromEntries([...query].filter(([name]) => !auth.has(name.toLowerCase())));
  // The presigner declares the payload hash as a header (UNSIGNED-PAYLOAD) and hoists it into the query under the
  // name it gave it (the canonical query sorts names case-sensitively): so here, under that very name.
  const payloadHash = [...query].find(([name]) => name.toLowerCase() === 'x-amz-content-sha256');
  const resigned = await new SignatureV4({
    service: 's3',
    region,
    credentials: { accessKeyId, secretAccessKey: signer.secretAccessKey, ...(query.has('X-Amz-Security-Token') ? { sessionToken: query.get('X-Amz-Security-Token')! } : {}) },
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  }).presign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: header(request, 'host') ?? '',
      path: rawPath(request),
      query: kept,
      headers: { ...signedHeaderValues(request, names), ...(payloadHash ? { [payloadHash[0]]: payloadHash[1] } : {}) },
    },
    { signingDate, expiresIn: expires, unhoistableHeaders: new Set(names.filter((name) => name.startsWith('x-amz-'))), signableHeaders: new Set(names) },
  );
  if (!sameSignature(String(resigned.query?.['X-Amz-Signature'] ?? ''), query.get('X-Amz-Signature') ?? '')) throw new S3ApiError('SignatureDoesNotMatch');
  return signer;
};

/** Verifies a header-signed request of a role session; returns the session, or undefined for another key. */
const verifySessionHeaders = async (request: S3Request, authority: S3Authority): Promise<Signer | undefined> => {
  const match = AUTHORIZATION.exec(header(request, 'authorization') ?? '');
  if (!match || !authority.sessions.issued(match[1])) return undefined;
  const [, accessKeyId, , region, service, signedHeaders, signature] = match;
  const signer = signerFor(authority, accessKeyId, header(request, 'x-amz-security-token'));
  const signingDate = toDate(header(request, 'x-amz-date') ?? '');
  if (service !== 's3' || !signingDate) throw new S3ApiError('SignatureDoesNotMatch');
  const names = signedHeaders.split(';');
  const resigned = await new SignatureV4({
    service: 's3',
    region,
    credentials: { accessKeyId, secretAccessKey: signer.secretAccessKey, sessionToken: signer.session!.sessionToken },
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  }).sign(
    { method: request.method, protocol: 'http:', hostname: header(request, 'host') ?? '', path: rawPath(request), query: Object.fromEntries(request.query), headers: signedHeaderValues(request, names) },
    { signingDate, signableHeaders: new Set(names) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization ?? ''))?.[1] ?? '';
  if (!sameSignature(expected, signature)) throw new S3ApiError('SignatureDoesNotMatch');
  return signer;
};

/** The IAM action and resource of an S3 operation (and `s3:prefix` for listings). */
const iamRequest = (operation: string, request: S3Request): { action: string; resource: string; keys: Record<string, string> } => {
  const bucketArn = `arn:aws:s3:::${request.bucket ?? ''}`;
  const objectArn = `${bucketArn}/${request.key ?? ''}`;
  switch (operation) {
    case 'GetObject':
    case 'HeadObject':
      return { action: 's3:GetObject', resource: objectArn, keys: {} };
    case 'PutObject':
    case 'CopyObject':
    case 'CreateMultipartUpload':
    case 'UploadPart':
    case 'CompleteMultipartUpload':
      return { action: 's3:PutObject', resource: objectArn, keys: {} };
    case 'AbortMultipartUpload':
      return { action: 's3:AbortMultipartUpload', resource: objectArn, keys: {} };
    case 'DeleteObject':
    case 'DeleteObjects':
      return { action: 's3:DeleteObject', resource: operation === 'DeleteObject' ? objectArn : `${bucketArn}/*`, keys: {} };
    case 'ListObjects':
    case 'ListObjectsV2':
    case 'HeadBucket':
      return { action: 's3:ListBucket', resource: bucketArn, keys: { 's3:prefix': request.query.get('prefix') ?? '' } };
    default:
      return { action: `s3:${operation}`, resource: bucketArn, keys: {} };
  }
};

/**
 * Checks who signed the request and whether they may do this; throws the S3 error S3 would answer.
 *
 * @example
 * await authorizeS3(request, 'GetObject', authority);
 */
const authorizeS3 = async (request: S3Request, operation: string, authority: S3Authority, now = new Date()): Promise<void> => {
  const signer = request.query.has('X-Amz-Signature') ? await verifyPresigned(request, authority, now) : await verifySessionHeaders(request, authority);
  if (!signer?.session) return;
  const asked = iamRequest(operation, request);
  const decision = authority.sessions.decide(signer.session, asked);
  const copySource = operation === 'CopyObject' ? decodeURIComponent((header(request, 'x-amz-copy-source') ?? '').replace(/^\//, '')) : undefined;
  const sourceDenied = copySource !== undefined && authority.sessions.decide(signer.session, { action: 's3:GetObject', resource: `arn:aws:s3:::${copySource}`, keys: {} }) !== 'Allow';
  if (decision !== 'Allow' || sourceDenied) {
    throw new S3ApiError('AccessDenied', {}, `User: ${signer.session.arn} is not authorized to perform: ${asked.action} on resource: "${asked.resource}" because no identity-based policy allows the ${asked.action} action`);
  }
};

export { authorizeS3 };
export type { S3Authority };
