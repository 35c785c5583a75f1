/**
 * Splitting an uploaded source archive into content-addressed analysis units.
 *
 * The order is what keeps a hostile archive from leaving anything half-done:
 * 1. detect the format from the magic bytes;
 * 2. list every entry (zip: the central directory, by ranged reads; tar: a first pass over the stream) and reject
 *    on count, path, type, duplicates, and for tar every size and ratio limit, before any unit is written;
 * 3. plan (skips by path, type and declared size; the files of each ABAP object);
 * 4. read the planned entries, enforcing the limits as bytes inflate, and hand each unit to the sink as it completes;
 * 5. only when all of that passed, tell the sink to commit (write the manifest).
 */
import type { ArchiveReader } from './archive';
import { UnitAssembler } from './assembler';
import { ArchiveFormats } from './constants';
import { detectFormat } from './detectFormat';
import { EmptyArchiveError } from './errors';
import { resolveOptions } from './options';
import { planSplit } from './plan';
import { SinkQueue } from './sinkQueue';
import { openTar } from './tarReader';
import type { ByteSource, SkippedEntry, SplitOptions, SplitResult, UnitSink } from './types';
import { openZip } from './zipReader';

/** Counts skipped files by reason (a skipped directory counts its files). */
const countByReason = (skipped: ReadonlyArray<SkippedEntry>): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const entry of skipped) counts[entry.reason] = (counts[entry.reason] ?? 0) + (entry.entries ?? 1);
  return counts;
};

/**
 * Splits an archive (zip, tar.gz or tar, detected from its bytes) into units and hands them to `sink`.
 *
 * @returns the distinct units (summaries, no text), what was skipped and why, and totals
 * @throws NotAnArchiveError, CorruptArchiveError, EmptyArchiveError, UnsafePathError, PathTooLongError,
 *   ForbiddenEntryTypeError, DuplicateEntryError, TooManyEntriesError, ArchiveTooLargeError, EntryTooLargeError,
 *   DecompressionBombError (all in errors.ts); ArchiveReadError when the byte source fails; whatever the sink throws
 * @example
 * const source = await fileByteSource('upload.zip');
 * const result = await splitArchive(source, {
 *   put: async (unit, body) => blobs.put(`units/${customerId}/${unit.unitId}`, body),
 *   commit: async (done) => blobs.put(manifestKey, done.units.map(toManifestLine).join('\n') + '\n'),
 * });
 */
const splitArchive = async (source: ByteSource, sink: UnitSink, options?: SplitOptions): Promise<SplitResult> => {
  const resolved = resolveOptions(options);
  resolved.signal?.throwIfAborted();
  const format = await detectFormat(source);
  const reader: ArchiveReader =
    format === ArchiveFormats.Zip ? await openZip(source, resolved) : openTar(source, format, resolved);
  const queue = new SinkQueue(sink, resolved.sinkConcurrency);
  try {
    const entries = await reader.list();
    const plan = planSplit(entries, resolved);
    if (plan.toRead.length === 0) throw new EmptyArchiveError(plan.entries, countByReason(plan.skipped));

    // Programs are put after the last entry is read (see programs.ts): the signal is checked before each put too.
    const assembler = new UnitAssembler(plan, resolved, (unit, body) => {
      resolved.signal?.throwIfAborted();
      return queue.put(unit, body);
    });
    await reader.readContents(plan.toRead, async (entry, bytes) => {
      resolved.signal?.throwIfAborted();
      await assembler.add(entry, bytes);
    });
    await assembler.finish();
    await queue.drain();

    const skipped = [...plan.skipped, ...assembler.skipped];
    if (assembler.units.length === 0) throw new EmptyArchiveError(plan.entries, countByReason(skipped));
    const result: SplitResult = {
      format,
      units: assembler.units,
      skipped,
      encodings: assembler.encodings,
      totals: {
        entries: plan.entries,
        files: plan.files,
        units: assembler.units.length,
        duplicates: assembler.duplicates,
        skipped: plan.skippedFiles + assembler.skipped.length,
        loc: assembler.units.reduce((sum, unit) => sum + unit.loc, 0),
        bytes: assembler.units.reduce((sum, unit) => sum + unit.bytes, 0),
        inflatedBytes: reader.inflatedBytes(),
      },
    };
    await sink.commit(result);
    return result;
  } catch (error) {
    // No put may still be running once the split has failed: the caller is about to report the failure.
    await queue.settle();
    throw error;
  } finally {
    await reader.close();
  }
};

export { splitArchive };
