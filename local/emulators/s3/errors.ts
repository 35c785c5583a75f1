/**
 * S3 protocol errors: what the emulator answers as an `<Error>` document, with the code and HTTP status S3 uses,
 * so the SDK raises the same named exception (`NoSuchKey`, `NoSuchBucket`, `InvalidRange`, …) it would in AWS.
 */

/** Extra elements S3 puts in some error documents (`<Key>`, `<BucketName>`, `<ActualObjectSize>`, …). */
type S3ErrorDetails = Readonly<Record<string, string | number | undefined>>;

/**
 * An error answered to the client as S3 would answer it.
 *
 * @example
 * throw new S3ApiError('NoSuchKey', { key: 'units/c1/abc' });
 */
class S3ApiError extends Error {
  /** The S3 error code, e.g. `NoSuchKey`. */
  public readonly code: S3ErrorCode;
  /** The HTTP status S3 answers with for this code. */
  public readonly statusCode: number;
  /** Extra elements of the `<Error>` document. */
  public readonly details: S3ErrorDetails;

  public constructor(code: S3ErrorCode, details: S3ErrorDetails = {}, message?: string, options?: ErrorOptions) {
    super(message ?? S3_ERRORS[code].message, options);
    this.name = 'S3ApiError';
    this.code = code;
    this.statusCode = S3_ERRORS[code].status;
    this.details = details;
  }
}

/** Codes, statuses and default messages as listed in the S3 API reference ("Error responses"). */
const S3_ERRORS = {
  AccessControlListNotSupported: { status: 400, message: 'The bucket does not allow ACLs' },
  AccessDenied: { status: 403, message: 'Access Denied' },
  AuthorizationQueryParametersError: { status: 400, message: 'Error parsing the X-Amz-Credential parameter' },
  BadDigest: { status: 400, message: 'The Content-MD5 or checksum value that you specified did not match what the server received.' },
  BucketAlreadyOwnedByYou: {
    status: 409,
    message: 'Your previous request to create the named bucket succeeded and you already own it.',
  },
  BucketNotEmpty: { status: 409, message: 'The bucket you tried to delete is not empty' },
  EntityTooLarge: { status: 400, message: 'Your proposed upload exceeds the maximum allowed size' },
  EntityTooSmall: { status: 400, message: 'Your proposed upload is smaller than the minimum allowed object size.' },
  IncompleteBody: { status: 400, message: 'You did not provide the number of bytes specified by the Content-Length HTTP header.' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  InvalidAccessKeyId: { status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' },
  InvalidArgument: { status: 400, message: 'Invalid Argument' },
  InvalidToken: { status: 400, message: 'The provided token is malformed or otherwise invalid.' },
  InvalidBucketName: { status: 400, message: 'The specified bucket is not valid.' },
  InvalidDigest: { status: 400, message: 'The Content-MD5 you specified is not valid.' },
  InvalidPart: {
    status: 400,
    message:
      'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.',
  },
  InvalidPartOrder: {
    status: 400,
    message: 'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
  },
  InvalidRange: { status: 416, message: 'The requested range is not satisfiable' },
  InvalidRequest: { status: 400, message: 'Invalid Request' },
  KeyTooLongError: { status: 400, message: 'Your key is too long' },
  MalformedTrailerError: {
    status: 400,
    message: 'The request contained trailing data that was not well-formed or did not conform to our published schema.',
  },
  MalformedXML: {
    status: 400,
    message: 'The XML you provided was not well-formed or did not validate against our published schema',
  },
  MetadataTooLarge: { status: 400, message: 'Your metadata headers exceed the maximum allowed metadata size.' },
  MethodNotAllowed: { status: 405, message: 'The specified method is not allowed against this resource.' },
  MissingContentLength: { status: 411, message: 'You must provide the Content-Length HTTP header.' },
  NoSuchBucket: { status: 404, message: 'The specified bucket does not exist' },
  NoSuchKey: { status: 404, message: 'The specified key does not exist.' },
  NoSuchUpload: {
    status: 404,
    message: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  },
  NoSuchVersion: { status: 404, message: 'The specified version does not exist.' },
  NotImplemented: { status: 501, message: 'A header you provided implies functionality that is not implemented.' },
  InvalidStorageClass: { status: 400, message: 'The storage class you specified is not valid' },
  PreconditionFailed: { status: 412, message: 'At least one of the pre-conditions you specified did not hold' },
  SignatureDoesNotMatch: {
    status: 403,
    message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  },
  SlowDown: { status: 503, message: 'Please reduce your request rate.' },
} as const satisfies Record<string, { status: number; message: string }>;

type S3ErrorCode = keyof typeof S3_ERRORS;

/** Shorthand for the emulator's honest "not supported here" answer, naming what was asked for. */
const notImplemented = (what: string): S3ApiError =>
  new S3ApiError('NotImplemented', {}, `The local S3 emulator does not implement ${what}.`);

export { notImplemented, S3_ERRORS, S3ApiError };
export type { S3ErrorCode, S3ErrorDetails };
