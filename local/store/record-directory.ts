/**
 * A directory of JSON records, one file per key, each replaced atomically on save.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStrayTemporaries, writeFileAtomic } from './atomic-write';
import { CorruptRecordError } from './errors';
import { parseWithDates, stringifyWithDates } from './json-dates';

const RECORD_SUFFIX = '.json';

/**
 * The file name for a key: ARNs hold `:` and `/` and may be 2,048 characters long, more than a file name may
 * be, so names are a hash of the key (the record itself holds the ARN).
 *
 * @example
 * fileKey('arn:aws:states:us-east-1:123456789012:execution:demo:run-1'); // '3f1c…' (64 hex digits)
 */
const fileKey = (key: string): string => createHash('sha256').update(key).digest('hex');

class RecordDirectory<T> {
  public readonly path: string;
  readonly #durable: boolean;

  public constructor(path: string, options: { durable: boolean }) {
    this.path = path;
    this.#durable = options.durable;
  }

  /** Creates the directory and removes temporaries a crash left behind. */
  public async prepare(): Promise<void> {
    await mkdir(this.path, { recursive: true });
    await removeStrayTemporaries(this.path);
  }

  public fileOf(key: string): string {
    return join(this.path, `${fileKey(key)}${RECORD_SUFFIX}`);
  }

  public async save(key: string, record: T): Promise<void> {
    await writeFileAtomic(this.fileOf(key), stringifyWithDates(record), { durable: this.#durable });
  }

  public async delete(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }

  /** Every record, in no particular order. */
  public async list(): Promise<T[]> {
    const names = (await readdir(this.path)).filter((name) => name.endsWith(RECORD_SUFFIX));
    return Promise.all(names.map((name) => this.#read(join(this.path, name))));
  }

  async #read(path: string): Promise<T> {
    const text = await readFile(path, 'utf8');
    try {
      return parseWithDates<T>(text);
    } catch (error) {
      throw new CorruptRecordError(path, 'not JSON', { cause: error });
    }
  }
}

export { fileKey, RecordDirectory };
