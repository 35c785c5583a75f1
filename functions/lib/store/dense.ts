/**
 * Dense items: many small records in few DynamoDB items. DynamoDB bills a write per started kilobyte of an item, so
 * a row of 150 bytes costs as much as one of 1 KB; grouped into items near the 400 KB limit, a run's rows and cache
 * entries cost what their bytes are, and a reader needs one request per few thousand records.
 */
import { gzipSync } from 'node:zlib';

/** Largest stored blob per item: DynamoDB's 400 KB item limit, less keys, attribute names and a sealing header. */
const MAX_DENSE_BYTES = 350 * 1024;
const JSON_BUDGET_FACTOR = 4;

/**
 * Splits records into parts whose gzipped JSON stays under `maxBytes`, in order, and returns each part's blob.
 * A single record larger than that on its own is returned in `tooLarge` instead.
 *
 * @example
 * const { parts } = denseParts(rows);
 * parts.map((blob, part) => ({ ...key(part), rows: blob }));
 */
const denseParts = <T>(records: readonly T[], maxBytes: number = MAX_DENSE_BYTES): { parts: Buffer[]; tooLarge: T[] } => {
  const parts: Buffer[] = [];
  const tooLarge: T[] = [];
  // Each record is serialised once: a part's JSON is its records' JSON joined, exactly what JSON.stringify(part) gives.
  let current: Array<{ record: T; json: string }> = [];
  let estimate = 0;
  const close = (): void => {
    if (current.length === 0) return;
    const blob = gzipSync(`[${current.map((entry) => entry.json).join(',')}]`);
    if (blob.byteLength <= maxBytes || current.length === 1) {
      if (blob.byteLength <= maxBytes) parts.push(blob);
      else tooLarge.push(current[0].record);
    } else {
      // The estimate was short (records compress less together than apart, rarely): halve and try again.
      const half = current.slice(Math.floor(current.length / 2));
      current = current.slice(0, Math.floor(current.length / 2));
      close();
      current = half;
      close();
    }
    current = [];
    estimate = 0;
  };
  for (const record of records) {
    // Parts are filled by JSON length against a budget of four times the limit (JSON compresses five to ten times);
    // the gzipped part is measured when it closes.
    const json = JSON.stringify(record);
    const size = Buffer.byteLength(json) + 1;
    if (size > maxBytes && gzipSync(json).byteLength > maxBytes) {
      tooLarge.push(record);
      continue;
    }
    if (estimate + size > maxBytes * JSON_BUDGET_FACTOR) close();
    current.push({ record, json });
    estimate += size;
  }
  close();
  return { parts, tooLarge };
};

export { denseParts, MAX_DENSE_BYTES };
