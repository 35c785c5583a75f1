/**
 * The split's summary object (`runs/{customerId}/{runId}/split.json`): the source key, the skipped files with their
 * reasons, and every read file's encoding. Paths and reasons, never code. The aggregation counts what was not
 * analysed from it; the report lists it.
 */
import type { S3BlobStore } from '../blob';
import type { FileEncoding, SkippedFile } from '../report';
import type { SplitOutcome } from './types';

/** What split.json holds for the later steps. Older runs' summaries have no `encodings`. */
type SplitSummary = { sourceKey?: string; skipped: SkippedFile[]; encodings?: FileEncoding[] };

/**
 * @example
 * const { skipped, encodings = [] } = await readSplitSummary(blobs, event.split);
 */
const readSplitSummary = async (blobs: S3BlobStore, split: Pick<SplitOutcome, 'manifest' | 'summaryKey'>): Promise<SplitSummary> =>
  blobs.getJson<SplitSummary>(split.manifest.bucket, split.summaryKey);

export { readSplitSummary };
export type { SplitSummary };
