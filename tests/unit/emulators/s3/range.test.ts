import { S3ApiError } from '../../../../local/emulators/s3/errors';
import { parseRange } from '../../../../local/emulators/s3/range';

describe('Function: parseRange()', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-22', 100, { start: 78, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=95-200', 100, { start: 95, end: 99 }],
    [undefined, 100, undefined],
    ['bytes=0-1,5-6', 100, undefined],
    ['items=0-1', 100, undefined],
    ['bytes=9-2', 100, undefined],
  ])('resolves %s against %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([
    ['bytes=100-', 100],
    ['bytes=0-', 0],
    ['bytes=-0', 100],
  ])('rejects %s against %i bytes as InvalidRange', (header, size) => {
    // Act
    const attempt = (): unknown => parseRange(header, size);

    // Assess
    expect(attempt).toThrow(S3ApiError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'InvalidRange', statusCode: 416 }));
  });
});
