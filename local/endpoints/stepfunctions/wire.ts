/**
 * AWS JSON 1.0 encoding of answers: bodies, error bodies and headers.
 *
 * Timestamps travel as epoch seconds with a fraction (`1700000000.123`), which is what the SDK's and botocore's
 * awsJson1_0 parsers expect; `JSON.stringify` alone would write ISO strings, which they reject.
 */
import { randomUUID } from 'node:crypto';

/** The content type of every request and answer of the protocol. */
const AMZ_JSON_1_0 = 'application/x-amz-json-1.0';

/** The namespace AWS puts before error names in `__type`; clients keep only what follows `#`. */
const ERROR_NAMESPACE = 'com.amazonaws.states#';

/** An HTTP answer, independent of the server that sends it. */
type WireResponse = {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

/**
 * Serializes an operation output: Dates become epoch seconds, `undefined` members vanish.
 *
 * @example
 * encodeBody({ startDate: new Date(1500) }); // '{"startDate":1.5}'
 */
const encodeBody = (output: unknown): string =>
  JSON.stringify(output ?? {}, function replace(this: Record<string, unknown>, key: string, value: unknown) {
    // The replacer sees the value after Date.prototype.toJSON ran; the holder still has the Date itself.
    const raw = key === '' ? output : this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });

const baseHeaders = (body: string): Record<string, string> => ({
  'content-type': AMZ_JSON_1_0,
  'content-length': String(Buffer.byteLength(body)),
  'x-amzn-requestid': randomUUID(),
});

/** A 200 answer carrying an operation output. */
const successResponse = (output: unknown): WireResponse => {
  const body = encodeBody(output);
  return { statusCode: 200, headers: baseHeaders(body), body };
};

/**
 * An error answer. The name goes in `__type` (namespaced, as AWS sends it) and in `x-amzn-errortype`, so both
 * the SDK (which reads either) and botocore (which reads the body) recover it.
 */
const errorResponse = (statusCode: number, errorType: string, message: string): WireResponse => {
  const body = JSON.stringify({ __type: `${ERROR_NAMESPACE}${errorType}`, message });
  return { statusCode, headers: { ...baseHeaders(body), 'x-amzn-errortype': `${errorType}:` }, body };
};

export { AMZ_JSON_1_0, ERROR_NAMESPACE, encodeBody, errorResponse, successResponse };
export type { WireResponse };
