/** Split source into units: thin Lambda wiring over splitSource(). */
import { S3BlobStore } from '../lib/blob';
import { forCustomer } from '../lib/aws/tenant';
import { dataBucket, deployedRulePackVersion } from '../lib/config';
import { lambdaHandler } from '../lib/middleware';
import { metrics } from '../lib/powertools';
import { splitSource, type SplitSourceEvent } from './split-source';

const handler = lambdaHandler(
  async (event: SplitSourceEvent) => {
    const outcome = await splitSource(event, { blobs: new S3BlobStore(forCustomer(event?.customerId).s3), bucket: dataBucket(), rulePackVersion: deployedRulePackVersion() });
    metrics.addMetric('Units', 'Count', outcome.units);
    metrics.addMetric('LinesOfCode', 'Count', outcome.loc);
    metrics.addMetric('SkippedFiles', 'Count', outcome.skipped);
    metrics.addMetric('Packs', 'Count', outcome.packs);
    metrics.addMetric('PacksToAnalyze', 'Count', outcome.packsToAnalyze);
    return outcome;
  },
  { smokeCheck: () => ({ bucket: dataBucket() }) },
);

export { handler };
