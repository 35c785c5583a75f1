/**
 * Local API credentials: one access key pair per customer, issued when the customer is onboarded, and one for the
 * operators, kept in the local keystore beside the customers' keys (0600 files in a 0700 directory). The local REST
 * API accepts these and nothing else, and knows from the key who calls: a customer (tagged with its id, as a customer's
 * role is tagged in the cloud) or the operator. Secrets never appear in errors or logs.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants as fsConstants, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecretFile } from '../../functions/lib/crypto';
import { requireCustomerId } from '../../functions/lib/ids';

/** Who a key belongs to. */
type Principal = { kind: 'customer'; customerId: string } | { kind: 'operator' };

/** An access key pair, as `npm run customer -- credentials <id> --json` prints it. */
type AccessKeyPair = { accessKeyId: string; secretAccessKey: string };

type CredentialsFile = { format: string; principal: Principal; accessKeyId: string; secretAccessKey: string; createdAt: string };

const FORMAT = 'upgrade-impact/local-credentials@1';
const SUFFIX = '.credentials.json';
/** Not a valid customer id (those never start with `_`), so it cannot collide with one. */
const OPERATOR_FILE = `_operator${SUFFIX}`;

/** An AWS-shaped access key id: `AKIA` and 16 upper-case letters and digits. */
const newAccessKeyId = (): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AKIA${[...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
};

const fileOf = (principal: Principal): string => (principal.kind === 'operator' ? OPERATOR_FILE : `${requireCustomerId(principal.customerId, 'customerId')}${SUFFIX}`);

/**
 * @example
 * const store = new LocalCredentialStore('.local/keystore');
 * const pair = await store.ensure({ kind: 'customer', customerId: 'acme' });
 * store.lookup(pair.accessKeyId); // { principal: { kind: 'customer', customerId: 'acme' }, secretAccessKey }
 */
class LocalCredentialStore {
  public readonly directory: string;
  #byAccessKey = new Map<string, CredentialsFile>();

  public constructor(directory: string) {
    this.directory = directory;
  }

  /** The principal's pair, issued now if it has none (two racing issuers: the first file wins, both get it). */
  public async ensure(principal: Principal): Promise<AccessKeyPair> {
    const existing = this.read(principal);
    if (existing) return existing;
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    chmodSync(this.directory, 0o700);
    const file: CredentialsFile = {
      format: FORMAT,
      principal,
      accessKeyId: newAccessKeyId(),
      secretAccessKey: randomBytes(30).toString('base64'),
      createdAt: new Date().toISOString(),
    };
    // Two racing issuers: the first file wins, and both answer it.
    await createSecretFile(join(this.directory, fileOf(principal)), `${JSON.stringify(file, null, 2)}\n`);
    return this.read(principal)!;
  }

  /** The principal's pair, or undefined when it has none. */
  public read(principal: Principal): AccessKeyPair | undefined {
    const file = this.#load(join(this.directory, fileOf(principal)));
    return file ? { accessKeyId: file.accessKeyId, secretAccessKey: file.secretAccessKey } : undefined;
  }

  /** Who holds an access key, and its secret; undefined for a key this store never issued. */
  public lookup(accessKeyId: string): { principal: Principal; secretAccessKey: string } | undefined {
    let file = this.#byAccessKey.get(accessKeyId);
    if (!file) {
      // A key issued since the last scan (a customer onboarded while the runtime runs): scan again.
      this.#scan();
      file = this.#byAccessKey.get(accessKeyId);
    }
    return file ? { principal: file.principal, secretAccessKey: file.secretAccessKey } : undefined;
  }

  #scan(): void {
    let names: string[];
    try {
      names = readdirSync(this.directory).filter((name) => name.endsWith(SUFFIX));
    } catch {
      return;
    }
    for (const name of names) {
      const file = this.#load(join(this.directory, name));
      if (file) this.#byAccessKey.set(file.accessKeyId, file);
    }
  }

  #load(path: string): CredentialsFile | undefined {
    try {
      // O_NOFOLLOW: a symlink planted at a credentials path must not redirect the lookup.
      const descriptor = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
      let text: string;
      try {
        text = readFileSync(descriptor, 'utf8');
      } finally {
        closeSync(descriptor);
      }
      const file = JSON.parse(text) as CredentialsFile;
      return file.format === FORMAT && typeof file.accessKeyId === 'string' && typeof file.secretAccessKey === 'string' ? file : undefined;
    } catch {
      return undefined;
    }
  }
}

export { LocalCredentialStore };
export type { AccessKeyPair, Principal };
