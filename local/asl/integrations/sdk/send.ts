/**
 * Sends one SDK command and keeps the HTTP status and headers of the response, which the optimized integrations
 * built on the AWS SDK for Java 1.x hand back as `SdkHttpMetadata` and `SdkResponseMetadata`.
 */
import type { SdkOperation } from './clientLoader';

/** The HTTP side of a response. */
type HttpSummary = { statusCode: number; headers: Record<string, string> };

/** The `SdkHttpMetadata` and `SdkResponseMetadata` members of an optimized integration's result. */
type SdkResponseMetadataMembers = {
  SdkHttpMetadata: {
    AllHttpHeaders: Record<string, string[]>;
    HttpHeaders: Record<string, string>;
    HttpStatusCode: number;
  };
  SdkResponseMetadata: { RequestId: string };
};

type DeserializedResult = { response?: { statusCode?: unknown; headers?: unknown } };

/**
 * Sends the command built from `input` and resolves with the SDK output and the HTTP response summary.
 *
 * @example
 * const { output, http } = await sendOperation(operation, { TableName: 't', Key: key }, signal);
 */
const sendOperation = async (
  operation: SdkOperation,
  input: unknown,
  signal: AbortSignal,
): Promise<{ output: Record<string, unknown>; http?: HttpSummary }> => {
  const command = operation.createCommand(input);
  let http: HttpSummary | undefined;
  // The initialize step wraps every later step, so it sees the raw response next to the deserialized output.
  command.middlewareStack.add(
    (next: (args: unknown) => Promise<DeserializedResult>) => async (args: unknown) => {
      const result = await next(args);
      const response = result.response;
      if (response !== undefined && typeof response.statusCode === 'number') {
        http = { statusCode: response.statusCode, headers: { ...(response.headers as Record<string, string>) } };
      }
      return result;
    },
    { step: 'initialize', name: 'stepFunctionsHttpSummary' },
  );
  const output = await operation.client.send(command, { abortSignal: signal });
  return { output, ...(http === undefined ? {} : { http }) };
};

// Node's HTTP client lowercases header names; Step Functions shows them as the service sent them.
const HEADER_CASE: Record<string, string> = {
  connection: 'Connection',
  'content-length': 'Content-Length',
  'content-type': 'Content-Type',
  date: 'Date',
  server: 'Server',
  'x-amzn-requestid': 'x-amzn-RequestId',
  'x-amz-crc32': 'x-amz-crc32',
};

/**
 * The metadata members of an optimized integration's result, from the response (or, for an in-process service
 * that has no HTTP response, from the headers it would have sent).
 *
 * @example
 * sdkResponseMetadata({ statusCode: 200, headers: { 'x-amzn-requestid': 'abc' } }, 'abc');
 */
const sdkResponseMetadata = (http: HttpSummary, requestId: string): SdkResponseMetadataMembers => {
  const headers = Object.entries(http.headers).map(([name, value]) => [HEADER_CASE[name] ?? name, value] as const);
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(headers.map(([name, value]) => [name, [value]])),
      HttpHeaders: Object.fromEntries(headers),
      HttpStatusCode: http.statusCode,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
};

export { sdkResponseMetadata, sendOperation };
export type { HttpSummary, SdkResponseMetadataMembers };
