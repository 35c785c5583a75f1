/** Aggregate findings: thin Lambda wiring over aggregateFindings(). */
import { S3BlobStore } from '../lib/blob';
import { forCustomer } from '../lib/aws/tenant';
import { tableName, unitShards } from '../lib/config';
import { lambdaHandler } from '../lib/middleware';
import { metrics } from '../lib/powertools';
import { RunStore } from '../lib/store';
import { aggregateFindings, type AggregateFindingsEvent } from './aggregate-findings';

const handler = lambdaHandler(
  async (event: AggregateFindingsEvent) => {
    const { s3, documents } = forCustomer(event?.customerId);
    const result = await aggregateFindings(event, {
      blobs: new S3BlobStore(s3),
      runs: new RunStore(documents, tableName(), unitShards()),
    });
    metrics.addMetric('UnitsAggregated', 'Count', result.summary.units);
    metrics.addMetric('Findings', 'Count', result.summary.findings);
    return result;
  },
  { smokeCheck: () => ({ table: tableName(), shards: unitShards() }) },
);

export { handler };
