/**
 * Role sessions, locally: what STS AssumeRole hands out (temporary keys, a session token, an expiry, the session's
 * tags) and what the local services hold a request to when it is signed with such keys (the role's policies from
 * the template, with the session's tags as `aws:PrincipalTag/…`). Sessions live as long as the process.
 */
import { randomBytes } from 'node:crypto';
import { evaluatePolicies, type Decision, type PolicyDocument, type PolicyRequest } from './policy';

/** A role of the template: its trust policy and the policies it carries. */
type RoleDefinition = { arn: string; name: string; trust: PolicyDocument; policies: readonly PolicyDocument[] };

/** One session of a role. */
type RoleSession = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  role: RoleDefinition;
  sessionName: string;
  tags: Readonly<Record<string, string>>;
  /** `arn:aws:sts::<account>:assumed-role/<role name>/<session name>` */
  arn: string;
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const keyOf = (prefix: string): string => `${prefix}${[...randomBytes(16)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;

/**
 * @example
 * const sessions = new RoleSessions(accountId);
 * const session = sessions.issue(role, 'acme', { customerId: 'acme' }, 3600);
 * sessions.decide(session.accessKeyId, { action: 's3:GetObject', resource, keys: {} }); // the role's policies, tagged acme
 */
class RoleSessions {
  readonly #byAccessKey = new Map<string, RoleSession>();

  public constructor(
    private readonly accountId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  public issue(role: RoleDefinition, sessionName: string, tags: Record<string, string>, durationSeconds: number): RoleSession {
    const session: RoleSession = {
      accessKeyId: keyOf('ASIA'),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(48).toString('base64'),
      expiration: new Date(this.now().getTime() + durationSeconds * 1000),
      role,
      sessionName,
      tags: { ...tags },
      arn: `arn:aws:sts::${this.accountId}:assumed-role/${role.name}/${sessionName}`,
    };
    this.#byAccessKey.set(session.accessKeyId, session);
    return session;
  }

  /** The live session of a key; undefined for another key or an expired session. */
  public lookup(accessKeyId: string): RoleSession | undefined {
    const session = this.#byAccessKey.get(accessKeyId);
    if (!session) return undefined;
    if (session.expiration.getTime() <= this.now().getTime()) {
      this.#byAccessKey.delete(accessKeyId);
      return undefined;
    }
    return session;
  }

  /** Whether this key is a role session's (requests signed with it are held to the role's policies). */
  public issued(accessKeyId: string): boolean {
    return accessKeyId.startsWith('ASIA') && this.#byAccessKey.has(accessKeyId);
  }

  /** IAM's decision for a request of this session: the role's policies, the session's tags as principal tags. */
  public decide(session: RoleSession, request: PolicyRequest): Decision {
    const tags = Object.fromEntries(Object.entries(session.tags).map(([key, value]) => [`aws:PrincipalTag/${key}`, value]));
    return evaluatePolicies(session.role.policies, { ...request, keys: { ...request.keys, ...tags, 'aws:PrincipalArn': session.role.arn } });
  }
}

export { RoleSessions };
export type { RoleDefinition, RoleSession };
