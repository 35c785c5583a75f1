/**
 * The endpoint's stance on request signing.
 *
 * Nothing is verified: there is no account and no secret locally, and any process on the machine could reach a
 * loopback port anyway, so checking signatures would add no protection. What is checked is the *shape*: when an
 * `Authorization` header is sent it must look like Signature Version 4 scoped to the `states` service. That is
 * what the SDK and the AWS CLI send unchanged with any credentials, and it catches a client pointed at this
 * endpoint by mistake (a DynamoDB client signs for `dynamodb`). An unsigned request (curl) is accepted unless
 * the endpoint runs with `authorization: 'required'`.
 */
import { ProtocolErrorTypes, RequestAuthorizationError } from './errors';

/** How requests without an Authorization header are treated. */
const AuthorizationModes = {
  /** Unsigned requests pass; a present header must still be SigV4-shaped for `states`. */
  Optional: 'optional',
  /** A SigV4-shaped header scoped to `states` is required, as on AWS (signature not verified). */
  Required: 'required',
} as const;

type AuthorizationMode = (typeof AuthorizationModes)[keyof typeof AuthorizationModes];

// `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/states/aws4_request, SignedHeaders=a;b, Signature=hex`
const SIGV4 =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;-]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

/**
 * Throws RequestAuthorizationError when the Authorization header breaks the endpoint's stance; returns the
 * signing region when a header was given.
 *
 * @example
 * checkAuthorization(headers.authorization, 'optional'); // 'us-east-1' or undefined
 */
const checkAuthorization = (header: string | undefined, mode: AuthorizationMode): string | undefined => {
  if (header === undefined || header === '') {
    if (mode === AuthorizationModes.Required)
      throw new RequestAuthorizationError(
        ProtocolErrorTypes.MissingAuthenticationToken,
        'Missing Authentication Token: this endpoint requires a Signature Version 4 Authorization header (any credentials)'
      );
    return undefined;
  }
  const match = SIGV4.exec(header);
  if (match === null)
    throw new RequestAuthorizationError(
      ProtocolErrorTypes.IncompleteSignature,
      "Authorization header is not an AWS Signature Version 4 header ('AWS4-HMAC-SHA256 Credential=…/…/<region>/states/aws4_request, SignedHeaders=…, Signature=…')"
    );
  const [, , , region, service] = match;
  if (service !== 'states')
    throw new RequestAuthorizationError(
      ProtocolErrorTypes.InvalidSignature,
      `Credential should be scoped to correct service: 'states' (the request was signed for '${service}')`
    );
  return region;
};

export { AuthorizationModes, checkAuthorization };
export type { AuthorizationMode };
