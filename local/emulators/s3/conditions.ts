/**
 * HTTP preconditions as S3 applies them (RFC 9110 §13 with S3's precedence): on reads (If-Match,
 * If-None-Match, If-Modified-Since, If-Unmodified-Since), on CopyObject's source (`x-amz-copy-source-if-*`) and
 * on conditional writes (`If-None-Match: *`, `If-Match: <etag>`).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { S3ApiError } from './errors';
import { header } from './request';
import type { ObjectRecord } from './types';

/** Outcome of evaluating read preconditions. */
const ReadOutcomes = { Proceed: 'proceed', NotModified: 'not-modified', PreconditionFailed: 'precondition-failed' } as const;

type ReadOutcome = (typeof ReadOutcomes)[keyof typeof ReadOutcomes];

/** Whether an If-Match / If-None-Match list names `etag` (quotes and weak prefixes tolerated, `*` matches any). */
const etagListMatches = (list: string, etag: string): boolean =>
  list
    .split(',')
    .map((item) => item.trim().replace(/^W\//, '').replace(/^"|"$/g, ''))
    .some((item) => item === '*' || item === etag);

/** Seconds since the epoch, or undefined for an unparseable HTTP date (which S3 ignores). */
const dateSeconds = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
};

/**
 * Evaluates read preconditions. If-Match overrides If-Unmodified-Since, and If-None-Match overrides
 * If-Modified-Since, as S3 documents for GetObject.
 *
 * @example
 * evaluateReadConditions(record, { ifNoneMatch: `"${record.etag}"` }); // 'not-modified'
 */
const evaluateReadConditions = (
  record: ObjectRecord,
  conditions: { ifMatch?: string; ifNoneMatch?: string; ifModifiedSince?: string; ifUnmodifiedSince?: string },
): ReadOutcome => {
  const modified = Math.floor(Date.parse(record.lastModified) / 1000);
  if (conditions.ifMatch !== undefined) {
    if (!etagListMatches(conditions.ifMatch, record.etag)) return ReadOutcomes.PreconditionFailed;
  } else {
    const since = dateSeconds(conditions.ifUnmodifiedSince);
    if (since !== undefined && modified > since) return ReadOutcomes.PreconditionFailed;
  }
  if (conditions.ifNoneMatch !== undefined) {
    if (etagListMatches(conditions.ifNoneMatch, record.etag)) return ReadOutcomes.NotModified;
  } else {
    const since = dateSeconds(conditions.ifModifiedSince);
    if (since !== undefined && modified <= since) return ReadOutcomes.NotModified;
  }
  return ReadOutcomes.Proceed;
};

/** Read preconditions from the standard request headers. */
const readConditions = (request: { headers: IncomingHttpHeaders }) => ({
  ifMatch: header(request, 'if-match'),
  ifNoneMatch: header(request, 'if-none-match'),
  ifModifiedSince: header(request, 'if-modified-since'),
  ifUnmodifiedSince: header(request, 'if-unmodified-since'),
});

/** CopyObject source preconditions; any failure is 412 for a copy. */
const assertCopySourceConditions = (request: { headers: IncomingHttpHeaders }, source: ObjectRecord): void => {
  const outcome = evaluateReadConditions(source, {
    ifMatch: header(request, 'x-amz-copy-source-if-match'),
    ifNoneMatch: header(request, 'x-amz-copy-source-if-none-match'),
    ifModifiedSince: header(request, 'x-amz-copy-source-if-modified-since'),
    ifUnmodifiedSince: header(request, 'x-amz-copy-source-if-unmodified-since'),
  });
  if (outcome !== ReadOutcomes.Proceed) throw new S3ApiError('PreconditionFailed', { Condition: 'x-amz-copy-source-If-*' });
};

/**
 * The check for a conditional write, run under the key lock at commit: `If-None-Match: *` fails when the key
 * exists, `If-Match` fails when it is missing (NoSuchKey) or has another ETag.
 */
const writeCondition = (request: { headers: IncomingHttpHeaders }, key: string): ((current: ObjectRecord | undefined) => void) | undefined => {
  const ifNoneMatch = header(request, 'if-none-match');
  const ifMatch = header(request, 'if-match');
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    throw new S3ApiError('NotImplemented', {}, 'Conditional writes support only If-None-Match: * (the local S3 emulator, like S3).');
  }
  return (current) => {
    if (ifNoneMatch !== undefined && current) throw new S3ApiError('PreconditionFailed', { Condition: 'If-None-Match' });
    if (ifMatch !== undefined) {
      if (!current) throw new S3ApiError('NoSuchKey', { Key: key });
      if (!etagListMatches(ifMatch, current.etag)) throw new S3ApiError('PreconditionFailed', { Condition: 'If-Match' });
    }
  };
};

export { assertCopySourceConditions, etagListMatches, evaluateReadConditions, readConditions, ReadOutcomes, writeCondition };
export type { ReadOutcome };
