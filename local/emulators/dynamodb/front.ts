/**
 * What stands in front of dynalite, when the runtime asks for it: each request's body is read, then
 * - the fault switch may answer a fault instead (as DynamoDB answers it: ThrottlingException, InternalServerError…);
 * - a request signed with a role session's keys is verified (SigV4, its session token) and held to the role's policies
 *   with the request's leading keys (`dynamodb:LeadingKeys`: the partition keys it reads or writes), as IAM does for
 *   the template's TenantDataAccessRole;
 * and otherwise the request goes to dynalite as it came (replayed from the bytes read).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { FaultGate, InjectedFault } from '../../faults';
import { verifySigV4, type RoleSessions } from '../../iam';

/** Role sessions and what leading keys mean for each table. */
type DynamoDbAuthority = {
  sessions: RoleSessions;
  region: string;
  accountId: string;
  /** Table name → its partition key attribute. */
  hashKeys: ReadonlyMap<string, string>;
};

type Answer = [status: number, type: string, message: string];

/** How DynamoDB answers each injected fault. */
const DYNAMODB_FAULTS: Record<InjectedFault, Answer> = {
  throttle: [400, 'com.amazonaws.dynamodb.v20120810#ThrottlingException', 'Rate of requests exceeds the allowed throughput. (injected by LOCAL_FAULTS)'],
  error: [500, 'com.amazonaws.dynamodb.v20120810#InternalServerError', 'Internal server error (injected by LOCAL_FAULTS)'],
  permanent: [400, 'com.amazon.coral.service#AccessDeniedException', 'Access denied (injected by LOCAL_FAULTS)'],
  timeout: [500, 'com.amazonaws.dynamodb.v20120810#InternalServerError', 'Internal server error (injected by LOCAL_FAULTS)'],
};

type AttributeValue = { S?: string; N?: string; B?: string };
type Input = {
  TableName?: string;
  Key?: Record<string, AttributeValue>;
  Item?: Record<string, AttributeValue>;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  RequestItems?: Record<string, unknown>;
};

const parse = (body: Buffer): Input => {
  try {
    return JSON.parse(body.toString('utf8')) as Input;
  } catch {
    return {};
  }
};

const scalar = (value: AttributeValue | undefined): string | undefined => value?.S ?? value?.N ?? value?.B;

/** The partition keys a request reads or writes, per table. */
const leadingKeys = (operation: string, input: Input, hashKeys: ReadonlyMap<string, string>): Map<string, string[]> => {
  const byTable = new Map<string, string[]>();
  const add = (table: string, value: string | undefined): void => {
    if (value === undefined) return;
    byTable.set(table, [...(byTable.get(table) ?? []), value]);
  };
  const keyOf = (table: string, item: Record<string, AttributeValue> | undefined): string | undefined => scalar(item?.[hashKeys.get(table) ?? 'PK']);
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    for (const [table, entries] of Object.entries(input.RequestItems ?? {})) {
      byTable.set(table, byTable.get(table) ?? []);
      if (operation === 'BatchGetItem') for (const key of (entries as { Keys?: Record<string, AttributeValue>[] }).Keys ?? []) add(table, keyOf(table, key));
      else {
        for (const entry of entries as { PutRequest?: { Item: Record<string, AttributeValue> }; DeleteRequest?: { Key: Record<string, AttributeValue> } }[]) {
          add(table, keyOf(table, entry.PutRequest?.Item ?? entry.DeleteRequest?.Key));
        }
      }
    }
    return byTable;
  }
  const table = input.TableName ?? '';
  byTable.set(table, []);
  if (operation === 'Query') {
    const hashKey = hashKeys.get(table) ?? 'PK';
    for (const match of (input.KeyConditionExpression ?? '').matchAll(/(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
      const name = match[1].startsWith('#') ? input.ExpressionAttributeNames?.[match[1]] : match[1];
      if (name === hashKey) add(table, scalar(input.ExpressionAttributeValues?.[match[2]]));
    }
  } else add(table, keyOf(table, input.Key ?? input.Item));
  return byTable;
};

const send = (response: ServerResponse, [status, type, message]: Answer): void => {
  const text = JSON.stringify({ __type: type, message });
  response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(text), 'x-amz-crc32': String(crc32(text)) });
  response.end(text);
};

/** Why a role session may not make this request, or undefined when it may (or the request is not a session's). */
const refusal = async (request: IncomingMessage, body: Buffer, operation: string, authority: DynamoDbAuthority): Promise<Answer | undefined> => {
  const accessKeyId = /Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1];
  if (!accessKeyId || !authority.sessions.issued(accessKeyId)) return undefined;
  const session = authority.sessions.lookup(accessKeyId);
  if (!session || request.headers['x-amz-security-token'] !== session.sessionToken) {
    return [400, 'com.amazon.coral.service#UnrecognizedClientException', 'The security token included in the request is invalid.'];
  }
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value ?? '')]));
  const url = new URL(request.url ?? '/', 'http://local');
  const verdict = await verifySigV4(
    { method: request.method ?? 'POST', host: headers.host ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body },
    { secretOf: () => session.secretAccessKey, region: authority.region, service: 'dynamodb' },
  );
  if (!verdict.ok) return [400, 'com.amazon.coral.service#InvalidSignatureException', verdict.message];
  for (const [table, keys] of leadingKeys(operation, parse(body), authority.hashKeys)) {
    const resource = `arn:aws:dynamodb:${authority.region}:${authority.accountId}:table/${table}`;
    const action = `dynamodb:${operation}`;
    if (authority.sessions.decide(session, { action, resource, keys: { 'dynamodb:LeadingKeys': keys } }) !== 'Allow') {
      return [400, 'com.amazon.coral.service#AccessDeniedException', `User: ${session.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`];
    }
  }
  return undefined;
};

/**
 * Puts the front before dynalite's own request handler.
 *
 * @example
 * frontRequests(dynaliteServer, { faults, authority });
 */
const frontRequests = (server: Server, front: { faults?: FaultGate; authority?: DynamoDbAuthority }): void => {
  const serve = server.listeners('request')[0] as (request: IncomingMessage, response: ServerResponse) => void;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(request.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const decide = async (): Promise<Answer | undefined> => {
        const fault = await front.faults?.({ operation, resource: parse(body).TableName, fingerprint: `${operation} ${createHash('sha256').update(body).digest('hex')}` });
        if (fault) return DYNAMODB_FAULTS[fault];
        return front.authority ? refusal(request, body, operation, front.authority) : undefined;
      };
      void decide().then(
        (answer) => {
          if (answer) return send(response, answer);
          serve(Object.assign(Readable.from([body]), { headers: request.headers, method: request.method, url: request.url, socket: request.socket }) as unknown as IncomingMessage, response);
        },
        (error: Error) => send(response, [500, 'com.amazonaws.dynamodb.v20120810#InternalServerError', error.message]),
      );
    });
  });
};

export { frontRequests, leadingKeys };
export type { DynamoDbAuthority };
