/**
 * The local STS endpoint: AssumeRole (AWS Query protocol, as `@aws-sdk/client-sts` calls it) on the template's roles.
 * The role's trust policy decides, with the session tags as `aws:RequestTag/…` (TenantDataAccessRole requires a
 * `customerId` tag); the session it issues is held to the role's policies by the local S3 and DynamoDB. Binds loopback.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { evaluatePolicies, type RoleDefinition, type RoleSessions } from '../../iam';
import { assertLoopback, DEFAULT_HOST } from '../net/ports';
import { emulatorHandle, listenTracked } from '../net/server';
import type { EmulatorHandle } from '../types';

type StsOptions = {
  /** @default 0 (a free port) */
  port?: number;
  host?: string;
  /** The roles that can be assumed, by ARN. */
  roles: ReadonlyMap<string, RoleDefinition>;
  sessions: RoleSessions;
};

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const answer = (response: ServerResponse, status: number, xml: string): void => {
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml), 'x-amzn-RequestId': randomUUID() });
  response.end(xml);
};

const fail = (response: ServerResponse, status: number, code: string, message: string): void =>
  answer(
    response,
    status,
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );

/** `Tags.member.N.Key` / `Tags.member.N.Value` of a Query request. */
const tagsOf = (form: URLSearchParams): Record<string, string> => {
  const tags: Record<string, string> = {};
  for (let n = 1; form.has(`Tags.member.${n}.Key`); n += 1) tags[form.get(`Tags.member.${n}.Key`)!] = form.get(`Tags.member.${n}.Value`) ?? '';
  return tags;
};

/**
 * @example
 * const sts = await startSts({ roles, sessions });
 * process.env.AWS_ENDPOINT_URL_STS = sts.endpoint;
 */
const startSts = async (options: StsOptions): Promise<EmulatorHandle> => {
  const host = options.host ?? DEFAULT_HOST;
  assertLoopback(host);
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(request));
    const action = form.get('Action');
    if (action !== 'AssumeRole') return fail(response, 400, 'InvalidAction', `The local STS serves AssumeRole, not ${action ?? 'nothing'}.`);
    const roleArn = form.get('RoleArn') ?? '';
    const sessionName = form.get('RoleSessionName') ?? '';
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) return fail(response, 400, 'ValidationError', `RoleSessionName '${sessionName}' must be 2-64 of [\\w+=,.@-].`);
    const duration = Number(form.get('DurationSeconds') ?? 3600);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) return fail(response, 400, 'ValidationError', `DurationSeconds ${duration} must be 900 to 43200.`);
    const tags = tagsOf(form);
    const role = options.roles.get(roleArn);
    const keys = Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:RequestTag/${key}`, value]));
    const allowed = (assumeAction: string): boolean => role !== undefined && evaluatePolicies([role.trust], { action: assumeAction, resource: roleArn, keys }) === 'Allow';
    if (!role || !allowed('sts:AssumeRole') || (Object.keys(tags).length > 0 && !allowed('sts:TagSession'))) {
      return fail(response, 403, 'AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    }
    const session = options.sessions.issue(role, sessionName, tags, duration);
    answer(
      response,
      200,
      `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>` +
        `<AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${escape(session.secretAccessKey)}</SecretAccessKey>` +
        `<SessionToken>${escape(session.sessionToken)}</SessionToken><Expiration>${session.expiration.toISOString()}</Expiration>` +
        `</Credentials><AssumedRoleUser><AssumedRoleId>AROALOCAL:${escape(sessionName)}</AssumedRoleId><Arn>${escape(session.arn)}</Arn></AssumedRoleUser>` +
        `<PackedPolicySize>${Object.keys(tags).length}</PackedPolicySize></AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => fail(response, 500, 'InternalFailure', error.message));
  });
  const bound = await listenTracked(server, { port: options.port ?? 0, host });
  return emulatorHandle(bound, async () => undefined);
};

export { startSts };
export type { StsOptions };
