/**
 * The local keystore: per-customer AES-256 keys in a directory, standing in for one KMS key per customer when the
 * service runs on one machine. One JSON file per customer (`<customerId>.key.json`), mode 0600 in a 0700 directory,
 * created atomically and never replaced. Key bytes never appear in errors, logs or `JSON.stringify` of a key.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { link, mkdir, open, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KEY_LENGTH_BYTES } from './constants';
import { CorruptKeyFileError, CustomerKeyExistsError, CustomerKeyNotFoundError, InsecureKeyFileError } from './errors';
import { assertCustomerId, formatLocalKeyId } from './keyId';

/**
 * One version of a customer's key. `material` is non-enumerable, so logging or serialising the object does not show
 * the bytes; pass it to `rawAesKeyring` and nowhere else.
 */
type LocalCustomerKey = {
  readonly keyId: string;
  readonly customerId: string;
  readonly version: number;
  readonly createdAt: string;
  readonly material: Uint8Array;
};

type KeyFileEntry = { version: number; keyId: string; createdAt: string; algorithm: string; material: string };
type KeyFile = { format: string; customerId: string; keys: KeyFileEntry[] };

const KEY_FILE_FORMAT = 'upgrade-impact/local-keystore@1';
const KEY_ALGORITHM = 'AES-256-GCM';
const KEY_FILE_SUFFIX = '.key.json';

function toLocalKey(customerId: string, entry: KeyFileEntry, material: Uint8Array): LocalCustomerKey {
  const key = { keyId: entry.keyId, customerId, version: entry.version, createdAt: entry.createdAt };
  Object.defineProperty(key, 'material', { value: material, enumerable: false, writable: false });
  return Object.freeze(key) as LocalCustomerKey;
}

/**
 * A directory of per-customer keys.
 *
 * @example
 * const keystore = new FileKeystore(process.env.LOCAL_KEYSTORE_DIR ?? '.local/keys');
 * const { keyId } = await keystore.createKey('acme'); // 'local:acme:1', recorded on the customer profile
 * const key = await keystore.getKey('acme');
 */
class FileKeystore {
  /** The directory holding the key files. */
  public readonly directory: string;

  public constructor(directory: string) {
    this.directory = directory;
  }

  /** The file that holds a customer's keys. */
  public keyPath(customerId: string): string {
    assertCustomerId(customerId);
    return join(this.directory, `${customerId}${KEY_FILE_SUFFIX}`);
  }

  /**
   * Creates the customer's first key (version 1) from the system CSPRNG. Refuses with {@link CustomerKeyExistsError}
   * if the customer has a key already, even when two processes race: the file appears by `link(2)`, which fails
   * rather than replace an existing name, and only after its content is complete and synced.
   */
  public async createKey(customerId: string): Promise<LocalCustomerKey> {
    const path = this.keyPath(customerId);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const material = randomBytes(KEY_LENGTH_BYTES);
    const entry: KeyFileEntry = {
      version: 1,
      keyId: formatLocalKeyId(customerId, 1),
      createdAt: new Date().toISOString(),
      algorithm: KEY_ALGORITHM,
      material: material.toString('base64'),
    };
    const file: KeyFile = { format: KEY_FILE_FORMAT, customerId, keys: [entry] };
    if (!(await createSecretFile(path, `${JSON.stringify(file, null, 2)}\n`))) throw new CustomerKeyExistsError(customerId, path);
    return toLocalKey(customerId, entry, new Uint8Array(material));
  }

  /**
   * The customer's key: the given version, or the newest. Throws {@link CustomerKeyNotFoundError} if there is none,
   * {@link InsecureKeyFileError} if the file is a symlink or readable by group or others, {@link CorruptKeyFileError}
   * if it is not a keystore file for this customer.
   */
  public async getKey(customerId: string, version?: number): Promise<LocalCustomerKey> {
    const path = this.keyPath(customerId);
    const file = await this.#readKeyFile(customerId, path);
    const entries = version === undefined ? file.keys : file.keys.filter((key) => key.version === version);
    const entry = entries.reduce<KeyFileEntry | undefined>((newest, key) => (!newest || key.version > newest.version ? key : newest), undefined);
    if (!entry) throw new CustomerKeyNotFoundError(customerId, this.directory, version);
    const material = Buffer.from(entry.material, 'base64');
    if (material.byteLength !== KEY_LENGTH_BYTES || material.toString('base64') !== entry.material) {
      throw new CorruptKeyFileError(path, `key version ${entry.version} is not ${KEY_LENGTH_BYTES} bytes of base64`);
    }
    return toLocalKey(customerId, entry, new Uint8Array(material));
  }

  /** The customers that have a key file, sorted (none when the directory does not exist yet). */
  public async customerIds(): Promise<string[]> {
    const names = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    return names
      .filter((name) => name.endsWith(KEY_FILE_SUFFIX) && !name.startsWith('.'))
      .map((name) => name.slice(0, -KEY_FILE_SUFFIX.length))
      .sort();
  }

  /** Whether the customer has a key file. */
  public async hasKey(customerId: string): Promise<boolean> {
    try {
      await this.getKey(customerId);
      return true;
    } catch (error) {
      if (error instanceof CustomerKeyNotFoundError) return false;
      throw error;
    }
  }

  async #readKeyFile(customerId: string, path: string): Promise<KeyFile> {
    let text: string;
    try {
      // O_NOFOLLOW: a symlink planted at the key path must not redirect us to another file.
      const handle = await open(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw new InsecureKeyFileError(path, stats.mode, 'not a regular file');
        if ((stats.mode & 0o077) !== 0) throw new InsecureKeyFileError(path, stats.mode, 'group or others have access; chmod 600 it');
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new CustomerKeyNotFoundError(customerId, this.directory, undefined, { cause: error });
      if (code === 'ELOOP') throw new InsecureKeyFileError(path, 0o120777, 'it is a symbolic link', { cause: error });
      throw error;
    }
    return parseKeyFile(path, customerId, text);
  }
}

function parseKeyFile(path: string, customerId: string, text: string): KeyFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CorruptKeyFileError(path, 'not valid JSON', { cause: error });
  }
  const file = data as Partial<KeyFile> | null;
  if (!file || typeof file !== 'object' || file.format !== KEY_FILE_FORMAT) {
    throw new CorruptKeyFileError(path, `'format' is not '${KEY_FILE_FORMAT}'`);
  }
  if (file.customerId !== customerId) throw new CorruptKeyFileError(path, `it holds keys of customer '${String(file.customerId)}', not '${customerId}'`);
  if (!Array.isArray(file.keys)) throw new CorruptKeyFileError(path, "'keys' is not an array");
  file.keys.forEach((key: Partial<KeyFileEntry> | null, index) => {
    const where = `keys[${index}]`;
    if (!key || typeof key !== 'object') throw new CorruptKeyFileError(path, `${where} is not an object`);
    if (!Number.isSafeInteger(key.version) || (key.version as number) < 1) throw new CorruptKeyFileError(path, `${where}.version is not a positive integer`);
    if (key.keyId !== formatLocalKeyId(customerId, key.version as number)) throw new CorruptKeyFileError(path, `${where}.keyId does not match customer and version`);
    if (key.algorithm !== KEY_ALGORITHM) throw new CorruptKeyFileError(path, `${where}.algorithm is not '${KEY_ALGORITHM}'`);
    if (typeof key.material !== 'string') throw new CorruptKeyFileError(path, `${where}.material is not a string`);
    if (typeof key.createdAt !== 'string') throw new CorruptKeyFileError(path, `${where}.createdAt is not a string`);
  });
  return file as KeyFile;
}

/**
 * Creates a secret file (0600 whatever the umask) with its whole content, or leaves an existing one alone: the file
 * appears by `link(2)`, which fails rather than replace a name, and only once its content is complete and synced, so
 * two processes racing never see a half-written file. Resolves false when the file existed.
 *
 * @example
 * if (!(await createSecretFile(path, text))) { … someone else created it first … }
 */
async function createSecretFile(path: string, text: string): Promise<boolean> {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    // The mode given to open() is masked by the umask; set it explicitly so the file is 0600 whatever the umask.
    await handle.chmod(0o600);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    try {
      await link(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    await syncDirectory(directory);
    return true;
  } finally {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
  }
}

/** Makes the new directory entry durable (the rename/link itself lives in the directory, not the file). */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems refuse fsync on a directory (EINVAL/EISDIR); the key file itself is already synced.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}

export type { LocalCustomerKey };
export { createSecretFile, FileKeystore };
