/**
 * Run records and the per-unit rows of a run. The run item itself is created and closed by the state machine
 * (Record run started, Mark run published, Record failure); code only adds the analysis summary and unit rows.
 */
import { gunzipSync } from 'node:zlib';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdk } from '../aws/sdk';
import { batchPut, queryPrefix } from './batch';
import { denseParts } from './dense';
import { RunNotRunningError } from './errors';
import { runKey, unitRowsPk, unitRowsSk } from './keys';

/**
 * One analysed unit as the table keeps it: counts and effort, never source text, and nothing named after the code
 * either (no path, no object name: those are the customer's, and live only in the report under its key).
 */
type UnitRow = {
  unitId: string;
  language: string;
  loc: number;
  findings: number;
  bySeverity: Record<string, number>;
  /** Effort required for the conversion, whole minutes. */
  requiredEffortMinutes: number;
  /** Recommended clean-up effort, whole minutes (not part of the required effort). */
  cleanupEffortMinutes: number;
  cached: boolean;
};

type RunSummaryNumbers = { units: number; loc: number; findings: number; requiredEffortMinutes: number; cleanupEffortMinutes: number };

type RunRecord = {
  customerId: string;
  runId: string;
  status: 'RUNNING' | 'PUBLISHED' | 'FAILED';
  startedAt?: string;
  publishedAt?: string;
  failedAt?: string;
  error?: string;
  cause?: string;
  executionArn?: string;
  sourceKey?: string;
  summary?: string;
  reportBucket?: string;
  reportKey?: string;
} & Partial<RunSummaryNumbers>;

/**
 * @example
 * const runs = new RunStore(documentClient(), tableName(), unitShards());
 * await runs.putUnitRows('acme', 'r1', rows);
 */
class RunStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly shards: number,
  ) {}

  public async get(customerId: string, runId: string): Promise<RunRecord | undefined> {
    const { Item } = await this.client.send(
      new (sdk.documents().GetCommand)({ TableName: this.table, Key: runKey(customerId, runId), ConsistentRead: true }),
    );
    return Item as RunRecord | undefined;
  }

  /**
   * Writes the run's unit rows dense: gzipped JSON arrays of rows in items under the item limit (a few thousand rows
   * each), spread over the run's shards, so a run of a million lines writes hundreds of request units, not one per unit.
   * Item `UNITS#<part>` of shard `part mod shards`; `units` is the count of rows it holds.
   */
  public async putUnitRows(customerId: string, runId: string, rows: readonly UnitRow[]): Promise<void> {
    const { parts } = denseParts(rows);
    await batchPut(
      this.client,
      this.table,
      parts.map((blob, part) => ({
        PK: unitRowsPk(customerId, runId, part % this.shards),
        SK: unitRowsSk(part),
        rows: blob,
      })),
    );
  }

  /** Every unit row of a run (the dense items of all its shards), in no particular order. */
  public async unitRows(customerId: string, runId: string): Promise<UnitRow[]> {
    const rows: UnitRow[] = [];
    for (let shard = 0; shard < this.shards; shard += 1) {
      for (const item of await queryPrefix(this.client, this.table, unitRowsPk(customerId, runId, shard), 'UNITS#')) {
        rows.push(...(JSON.parse(gunzipSync(item.rows as Uint8Array).toString('utf8')) as UnitRow[]));
      }
    }
    return rows;
  }

  /**
   * Records the analysis summary on the run item, while the run is still RUNNING (a run already failed or
   * published by another path is not rewritten). The summary is stored as a JSON string so the API can
   * return it as it is.
   *
   * @throws RunNotRunningError when the run item is missing or not RUNNING
   */
  public async recordSummary(customerId: string, runId: string, numbers: RunSummaryNumbers, summary: unknown): Promise<void> {
    try {
      await this.client.send(
        new (sdk.documents().UpdateCommand)({
          TableName: this.table,
          Key: runKey(customerId, runId),
          UpdateExpression:
            'SET summary = :summary, units = :units, loc = :loc, findings = :findings, requiredEffortMinutes = :required, cleanupEffortMinutes = :cleanup, analyzedAt = :now',
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':summary': JSON.stringify(summary),
            ':units': numbers.units,
            ':loc': numbers.loc,
            ':findings': numbers.findings,
            ':required': numbers.requiredEffortMinutes,
            ':cleanup': numbers.cleanupEffortMinutes,
            ':now': new Date().toISOString(),
            ':running': 'RUNNING',
          },
        }),
      );
    } catch (error) {
      if (error instanceof sdk.dynamodb().ConditionalCheckFailedException) throw new RunNotRunningError(customerId, runId, { cause: error });
      throw error;
    }
  }
}

export { RunStore };
export type { RunRecord, RunSummaryNumbers, UnitRow };
