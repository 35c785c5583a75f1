/**
 * Test doubles around the splitter: a byte source that records every range asked for and every byte delivered, and
 * a sink that keeps what it is given.
 */
import { Readable } from 'node:stream';
import type { ByteSource, SourceUnit, SplitResult, UnitSink } from '../../../../functions/lib/source';

/** A byte source over a buffer that records its reads. */
type CountingSource = ByteSource & {
  /** Every range requested, `[start, endInclusive]`. */
  requests: Array<[number, number]>;
  /** Sum of the lengths of the ranges requested. */
  requestedBytes(): number;
  /** Bytes actually pulled by the reader (less than requested when a stream was stopped early). */
  deliveredBytes(): number;
};

/**
 * A byte source over `buffer` that records reads; each read streams in `chunkSize` pieces (so a consumer that stops
 * early is seen to stop early).
 */
const countingSource = (buffer: Buffer, chunkSize = 16 * 1024): CountingSource => {
  const requests: Array<[number, number]> = [];
  let delivered = 0;
  return {
    size: buffer.length,
    name: 'upload.bin',
    requests,
    requestedBytes: () => requests.reduce((sum, [start, end]) => sum + end - start + 1, 0),
    deliveredBytes: () => delivered,
    read: async (start, endInclusive) => {
      const end = endInclusive ?? buffer.length - 1;
      requests.push([start, end]);
      const slice = buffer.subarray(start, end + 1);
      async function* pieces(): AsyncGenerator<Buffer> {
        for (let at = 0; at < slice.length; at += chunkSize) {
          const piece = slice.subarray(at, at + chunkSize);
          delivered += piece.length;
          yield piece;
        }
      }
      return Readable.from(pieces(), { objectMode: false, highWaterMark: chunkSize });
    },
  };
};

/** A sink that keeps units, bodies and the committed result. */
type MemorySink = UnitSink & {
  units: SourceUnit[];
  bodies: Map<string, Buffer>;
  committed: SplitResult | undefined;
};

/** A sink that keeps everything in memory; `failOn` makes `put` fail for units whose path matches. */
const memorySink = (failOn?: RegExp): MemorySink => {
  const sink: MemorySink = {
    units: [],
    bodies: new Map(),
    committed: undefined,
    put: async (unit, body) => {
      if (failOn?.test(unit.path) === true) throw new Error(`sink refused ${unit.path}`);
      sink.units.push(unit);
      sink.bodies.set(unit.unitId, body);
    },
    commit: async (result) => {
      sink.committed = result;
    },
  };
  return sink;
};

export { countingSource, memorySink };
export type { CountingSource, MemorySink };
