/**
 * Decoder for the `aws-chunked` content encoding (S3 "Signature Version 4 streaming"): the SDK sends a streamed
 * body as `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n`… ending with a zero-length chunk and, for the
 * `STREAMING-*-TRAILER` variants, trailing headers such as `x-amz-checksum-crc32:<base64>` before a blank line.
 * Signatures are not verified (the emulator accepts any credentials); the framing is, strictly.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { S3ApiError } from './errors';

/** Longest chunk-size line accepted (hex size plus a chunk-signature extension is about 90 bytes). */
const MAX_SIZE_LINE_BYTES = 4096;
/** Longest trailer section accepted: S3 sends one checksum header and, when signed, one signature. */
const MAX_TRAILER_BYTES = 16 * 1024;

const State = { Size: 'size', Data: 'data', DataEnd: 'data-end', Trailer: 'trailer', Done: 'done' } as const;
type DecoderState = (typeof State)[keyof typeof State];

const malformed = (problem: string): S3ApiError =>
  new S3ApiError('InvalidRequest', {}, `Malformed aws-chunked body: ${problem}`);

/**
 * A Transform that turns an aws-chunked body into the object bytes. After it finishes, `trailers` holds the
 * trailing headers (lower-cased names) and `decodedLength` the number of object bytes.
 *
 * @example
 * const decoder = new AwsChunkedDecoder();
 * await pipeline(request, decoder, fileStream);
 * decoder.trailers.get('x-amz-checksum-crc32');
 */
class AwsChunkedDecoder extends Transform {
  /** Trailing headers, lower-cased name → trimmed value. Complete once the stream has finished. */
  public readonly trailers = new Map<string, string>();
  /** Number of decoded (object) bytes pushed so far. */
  public decodedLength = 0;

  private state: DecoderState = State.Size;
  private pendingLine: Buffer[] = [];
  private pendingLineBytes = 0;
  private trailerBytes = 0;
  private remaining = 0;
  private dataEndBytes = 0;

  public override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  public override _flush(callback: TransformCallback): void {
    if (this.state !== State.Done) {
      callback(new S3ApiError('IncompleteBody', {}, 'The aws-chunked body ended before its final zero-length chunk.'));
      return;
    }
    callback();
  }

  private consume(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      switch (this.state) {
        case State.Data: {
          const take = Math.min(this.remaining, chunk.length - offset);
          this.push(chunk.subarray(offset, offset + take));
          this.decodedLength += take;
          this.remaining -= take;
          offset += take;
          if (this.remaining === 0) this.state = State.DataEnd;
          break;
        }
        case State.DataEnd: {
          // Each chunk's data is followed by CRLF, possibly split across network reads.
          const expected = this.dataEndBytes === 0 ? 0x0d : 0x0a;
          if (chunk[offset] !== expected) throw malformed('chunk data is not followed by CRLF');
          offset += 1;
          this.dataEndBytes += 1;
          if (this.dataEndBytes === 2) {
            this.dataEndBytes = 0;
            this.state = State.Size;
          }
          break;
        }
        case State.Size:
        case State.Trailer: {
          const newline = chunk.indexOf(0x0a, offset);
          const end = newline === -1 ? chunk.length : newline + 1;
          this.pendingLine.push(chunk.subarray(offset, end));
          this.pendingLineBytes += end - offset;
          offset = end;
          const limit = this.state === State.Size ? MAX_SIZE_LINE_BYTES : MAX_TRAILER_BYTES - this.trailerBytes;
          if (this.pendingLineBytes > limit) {
            throw this.state === State.Size
              ? malformed('chunk-size line too long')
              : new S3ApiError('MalformedTrailerError', {}, 'The aws-chunked trailer section is too large.');
          }
          if (newline !== -1) this.completeLine();
          break;
        }
        case State.Done:
          throw malformed('data follows the final chunk and its trailers');
      }
    }
  }

  private completeLine(): void {
    const raw = Buffer.concat(this.pendingLine, this.pendingLineBytes);
    this.pendingLine = [];
    this.pendingLineBytes = 0;
    if (raw.length < 2 || raw[raw.length - 2] !== 0x0d) {
      if (this.state === State.Size) throw malformed('chunk-size line does not end with CRLF');
      throw new S3ApiError('MalformedTrailerError', {}, 'An aws-chunked trailer line does not end with CRLF.');
    }
    const line = raw.subarray(0, raw.length - 2).toString('latin1');
    if (this.state === State.Size) this.sizeLine(line);
    else this.trailerLine(line, raw.length);
  }

  private sizeLine(line: string): void {
    const hex = line.split(';', 1)[0].trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw malformed(`invalid chunk size '${hex.slice(0, 32)}'`);
    const size = Number.parseInt(hex, 16);
    if (!Number.isSafeInteger(size)) throw malformed(`chunk size '${hex}' is too large`);
    if (size === 0) {
      this.state = State.Trailer;
      return;
    }
    this.remaining = size;
    this.state = State.Data;
  }

  private trailerLine(line: string, rawLength: number): void {
    this.trailerBytes += rawLength;
    if (line === '') {
      this.state = State.Done;
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new S3ApiError('MalformedTrailerError', {}, 'An aws-chunked trailer line is not of the form name:value.');
    this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
}

export { AwsChunkedDecoder };
