/** Split source into units: thin Lambda wiring over splitSource(). */
import { S3BlobStore } from '../lib/blob';
import { forCustomer } from '../lib/aws/tenant';
import { dataBucket } from '../lib/config';
import { lazy } from '../lib/lazy';
import { lambdaHandler } from '../lib/middleware';
import { metrics } from '../lib/powertools';
import { splitSource, type SplitSourceEvent } from './split-source';

/**
 * The rule-pack version of the analysis-engine layer, the same module the analyzers cache their findings under: split
 * takes a pack's earlier findings only under it. Loaded on the first invocation, not at init (the layer's entry loads
 * no parser, but a cold start should not pay for it before an archive arrives).
 */
const rulePackVersion = lazy(() => (require('analysis-engine') as typeof import('analysis-engine')).RULE_PACK_VERSION);

const handler = lambdaHandler(
  async (event: SplitSourceEvent) => {
    const outcome = await splitSource(event, { blobs: new S3BlobStore(forCustomer(event?.customerId).s3), bucket: dataBucket(), rulePackVersion: rulePackVersion() });
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
