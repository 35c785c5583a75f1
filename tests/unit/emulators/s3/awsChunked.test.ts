import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder } from '../../../../local/emulators/s3/awsChunked';
import { S3ApiError } from '../../../../local/emulators/s3/errors';

/** Feeds `input` to a decoder in pieces of `pieceSize` bytes and collects what comes out. */
const decode = async (input: Buffer, pieceSize = input.length): Promise<{ body: Buffer; decoder: AwsChunkedDecoder }> => {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < input.length; offset += pieceSize) pieces.push(input.subarray(offset, offset + pieceSize));
  const decoder = new AwsChunkedDecoder();
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    decoder,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return { body: Buffer.concat(out), decoder };
};

const unsignedWithTrailer = Buffer.from(
  'c\r\nhello stream\r\n5\r\n12345\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n',
  'latin1',
);

describe('Class: AwsChunkedDecoder', () => {
  it('decodes an unsigned body with a trailing checksum', async () => {
    // Act
    const { body, decoder } = await decode(unsignedWithTrailer);

    // Assess
    expect(body.toString()).toBe('hello stream12345');
    expect(decoder.decodedLength).toBe(17);
    expect(decoder.trailers.get('x-amz-checksum-crc32')).toBe('gtnkmQ==');
  });

  it.each([1, 2, 3, 7, 13])('decodes the same bytes when the network splits them every %i bytes', async (pieceSize) => {
    const { body, decoder } = await decode(unsignedWithTrailer, pieceSize);

    expect(body.toString()).toBe('hello stream12345');
    expect(decoder.trailers.get('x-amz-checksum-crc32')).toBe('gtnkmQ==');
  });

  it('decodes a signed body (chunk-signature extensions, no trailer)', async () => {
    // Prepare
    const signature = 'a'.repeat(64);
    const input = Buffer.from(`5;chunk-signature=${signature}\r\nhello\r\n0;chunk-signature=${signature}\r\n\r\n`, 'latin1');

    // Act
    const { body, decoder } = await decode(input, 4);

    // Assess
    expect(body.toString()).toBe('hello');
    expect(decoder.trailers.size).toBe(0);
  });

  it.each([
    ['a chunk size that is not hex', 'zz\r\nhello\r\n0\r\n\r\n', 'InvalidRequest'],
    ['data not followed by CRLF', '5\r\nhelloX\r\n0\r\n\r\n', 'InvalidRequest'],
    ['a size line without CR', '5\nhello\r\n0\r\n\r\n', 'InvalidRequest'],
    ['a trailer without a colon', '5\r\nhello\r\n0\r\nnot-a-header\r\n\r\n', 'MalformedTrailerError'],
    ['data after the final chunk', '5\r\nhello\r\n0\r\n\r\nextra', 'InvalidRequest'],
    ['a body cut before the final chunk', '5\r\nhello\r\n', 'IncompleteBody'],
    ['a body cut inside the trailers', '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:abc', 'IncompleteBody'],
  ])('rejects %s', async (_case, input, code) => {
    // Act
    const outcome = decode(Buffer.from(input, 'latin1'));

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(S3ApiError);
    await expect(outcome).rejects.toMatchObject({ code });
  });
});
