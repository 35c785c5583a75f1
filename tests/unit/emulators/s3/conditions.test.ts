import { evaluateReadConditions, writeCondition } from '../../../../local/emulators/s3/conditions';
import type { ObjectRecord } from '../../../../local/emulators/s3/types';

const record: ObjectRecord = {
  key: 'k',
  size: 1,
  etag: 'abc',
  lastModified: '2024-05-01T12:00:00.500Z',
  dataFile: 'x.data',
  headers: {},
  userMetadata: {},
  sse: { algorithm: 'AES256' },
  storageClass: 'STANDARD',
};

describe('Function: evaluateReadConditions()', () => {
  it.each([
    [{}, 'proceed'],
    [{ ifMatch: '"abc"' }, 'proceed'],
    [{ ifMatch: '"other"' }, 'precondition-failed'],
    [{ ifMatch: '*' }, 'proceed'],
    [{ ifNoneMatch: '"abc"' }, 'not-modified'],
    [{ ifNoneMatch: 'W/"abc", "x"' }, 'not-modified'],
    [{ ifNoneMatch: '"other"' }, 'proceed'],
    [{ ifModifiedSince: 'Wed, 01 May 2024 12:00:00 GMT' }, 'not-modified'],
    [{ ifModifiedSince: 'Wed, 01 May 2024 11:59:59 GMT' }, 'proceed'],
    [{ ifUnmodifiedSince: 'Wed, 01 May 2024 11:59:59 GMT' }, 'precondition-failed'],
    // If-Match overrides If-Unmodified-Since, If-None-Match overrides If-Modified-Since (S3 GetObject docs).
    [{ ifMatch: '"abc"', ifUnmodifiedSince: 'Wed, 01 May 2024 11:00:00 GMT' }, 'proceed'],
    [{ ifNoneMatch: '"other"', ifModifiedSince: 'Wed, 01 May 2024 13:00:00 GMT' }, 'proceed'],
    [{ ifModifiedSince: 'not a date' }, 'proceed'],
  ])('evaluates %j as %s', (conditions, expected) => {
    expect(evaluateReadConditions(record, conditions)).toBe(expected);
  });
});

describe('Function: writeCondition()', () => {
  it('returns no check for an unconditional write', () => {
    expect(writeCondition({ headers: {} }, 'k')).toBeUndefined();
  });

  it.each([
    [{ 'if-none-match': '*' }, undefined, undefined],
    [{ 'if-none-match': '*' }, record, 'PreconditionFailed'],
    [{ 'if-match': '"abc"' }, record, undefined],
    [{ 'if-match': '"zzz"' }, record, 'PreconditionFailed'],
    [{ 'if-match': '"abc"' }, undefined, 'NoSuchKey'],
  ])('checks %j against %p', (headers, current, code) => {
    // Prepare
    const check = writeCondition({ headers }, 'k');

    // Act
    const attempt = (): void => check?.(current);

    // Assess
    if (code === undefined) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(expect.objectContaining({ code }));
  });
});
