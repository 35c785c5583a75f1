/**
 * Customers and their runs as the console lists them: the local customers (those with a key in the local keystore),
 * each profile's status, and each run's record with its headline. The headline reads the run summary as it is
 * recorded, and shows what newer summaries add when they have it: the effort required for the conversion apart from
 * the recommended clean-up, and the lines that were not analysed. Older summaries show the total effort alone.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FileKeystore } from '../../functions/lib/crypto';
import { profileKey, runKey, type CustomerProfile, type RunRecord } from '../../functions/lib/store';
import { ConsoleNotFoundError } from './errors';

type NotAnalyzedTotals = { units: number; files: number; lines: number };

/** The figures a person reads first about a run. Each is absent when the run's summary does not have it. */
type RunHeadline = {
  units?: number;
  loc?: number;
  findings?: number;
  bySeverity?: Record<string, number>;
  /** All effort, in minutes, of a run recorded before effort was told apart by class. */
  effortMinutes?: number;
  /** Effort the conversion requires. */
  requiredEffortMinutes?: number;
  /** Recommended clean-up effort, beside the required effort and never added to it. */
  cleanupEffortMinutes?: number;
  /** What was not analysed: units, files and lines, overall and by reason. */
  notAnalyzed?: NotAnalyzedTotals & { byReason?: Record<string, NotAnalyzedTotals> };
  skippedFiles?: number;
  unitsFailed?: number;
  /** The migration recommendation of each rule pack with a code-base phase. */
  assessments?: Array<{ rulePack: string; approach?: string }>;
};

type RunRow = {
  customerId: string;
  runId: string;
  status: string;
  startedAt?: string;
  endedAt?: string;
  executionArn?: string;
  error?: string;
  cause?: string;
  /** Whether an encrypted report was recorded for the run. */
  hasReport: boolean;
  headline: RunHeadline;
};

type CustomerRow = { customerId: string; status: string; createdAt?: string; runs: number; lastRun?: RunRow };

const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

const totals = (value: unknown): NotAnalyzedTotals | undefined => {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  return { units: number(record.units) ?? 0, files: number(record.files) ?? 0, lines: number(record.lines) ?? 0 };
};

/**
 * The headline of a recorded summary (the JSON string on the run item).
 *
 * @example
 * headlineOf(JSON.stringify({ units: 24, requiredEffortMinutes: 5038 })).requiredEffortMinutes; // 5038
 */
const headlineOf = (summary: string | undefined, record: Partial<RunRecord> = {}): RunHeadline => {
  let parsed: Record<string, unknown> = {};
  try {
    if (summary) parsed = JSON.parse(summary) as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  const headline: RunHeadline = {
    units: number(parsed.units) ?? record.units,
    loc: number(parsed.loc) ?? record.loc,
    findings: number(parsed.findings) ?? record.findings,
    effortMinutes: number(parsed.effortMinutes),
    requiredEffortMinutes: number(parsed.requiredEffortMinutes) ?? record.requiredEffortMinutes,
    cleanupEffortMinutes: number(parsed.cleanupEffortMinutes) ?? record.cleanupEffortMinutes,
    skippedFiles: number(parsed.skippedFiles),
    unitsFailed: number(parsed.unitsFailed),
  };
  if (parsed.bySeverity && typeof parsed.bySeverity === 'object') headline.bySeverity = parsed.bySeverity as Record<string, number>;
  const notAnalyzed = totals(parsed.notAnalyzed);
  if (notAnalyzed) {
    const byReason = (parsed.notAnalyzed as { byReason?: Record<string, unknown> }).byReason;
    headline.notAnalyzed = {
      ...notAnalyzed,
      ...(byReason && typeof byReason === 'object' ? { byReason: Object.fromEntries(Object.entries(byReason).map(([reason, value]) => [reason, totals(value) ?? { units: 0, files: 0, lines: 0 }])) } : {}),
    };
  }
  if (Array.isArray(parsed.assessments)) {
    headline.assessments = (parsed.assessments as Array<Record<string, unknown>>).map((assessment) => ({
      rulePack: String(assessment.rulePack ?? ''),
      ...(typeof assessment.approach === 'string' ? { approach: assessment.approach } : {}),
    }));
  }
  return Object.fromEntries(Object.entries(headline).filter(([, value]) => value !== undefined)) as RunHeadline;
};

const rowOf = (item: RunRecord): RunRow => ({
  customerId: item.customerId,
  runId: item.runId,
  status: item.status,
  ...(item.startedAt ? { startedAt: item.startedAt } : {}),
  ...((item.publishedAt ?? item.failedAt) ? { endedAt: item.publishedAt ?? item.failedAt } : {}),
  ...(item.executionArn ? { executionArn: item.executionArn } : {}),
  ...(item.error ? { error: item.error } : {}),
  ...(item.cause ? { cause: item.cause } : {}),
  hasReport: Boolean(item.reportKey),
  headline: headlineOf(item.summary, item),
});

/**
 * @example
 * const runs = new RunsView({ dynamodb, tableName, keystoreDir });
 * const customers = await runs.customers();
 */
class RunsView {
  readonly #documents: DynamoDBDocumentClient;

  public constructor(private readonly sources: { dynamodb: DynamoDBClient; tableName: string; keystoreDir: string }) {
    this.#documents = DynamoDBDocumentClient.from(sources.dynamodb);
  }

  /** Local customers (one key each in the local keystore), with their status and latest run. */
  public async customers(): Promise<CustomerRow[]> {
    const ids = await new FileKeystore(this.sources.keystoreDir).customerIds();
    const rows = await Promise.all(
      ids.map(async (customerId): Promise<CustomerRow | undefined> => {
        const [profile, runs] = await Promise.all([this.#profile(customerId), this.runs(customerId).catch(() => [] as RunRow[])]);
        if (!profile) return undefined;
        return { customerId, status: profile.status, createdAt: profile.createdAt, runs: runs.length, ...(runs[0] ? { lastRun: runs[0] } : {}) };
      }),
    );
    return rows.filter((row): row is CustomerRow => row !== undefined);
  }

  /** A customer's runs, newest first. */
  public async runs(customerId: string): Promise<RunRow[]> {
    const items: RunRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents.send(
        new QueryCommand({
          TableName: this.sources.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :run)',
          ExpressionAttributeValues: { ':pk': profileKey(customerId).PK, ':run': 'RUN#' },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as RunRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.map(rowOf).sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  }

  public async run(customerId: string, runId: string): Promise<RunRow> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.sources.tableName, Key: runKey(customerId, runId), ConsistentRead: true }));
    if (!Item) throw new ConsoleNotFoundError(`No run ${runId} of customer ${customerId}`);
    return rowOf(Item as RunRecord);
  }

  async #profile(customerId: string): Promise<CustomerProfile | undefined> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.sources.tableName, Key: profileKey(customerId) }));
    return Item as CustomerProfile | undefined;
  }
}

export { RunsView, headlineOf };
export type { CustomerRow, RunHeadline, RunRow };
