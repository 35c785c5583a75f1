/** Analyze units: thin Lambda wiring over analyzeUnits(), with the analysis-engine layer's analyzers. */
import { analyzeUnit, getDefaultRegistry, RULE_PACK_VERSION } from 'analysis-engine';
import { S3BlobStore } from '../lib/blob';
import { forCustomer } from '../lib/aws/tenant';
import { derivedDataSealer, keyringFor } from '../lib/crypto';
import { InvalidEventError } from '../lib/errors';
import { tableName } from '../lib/config';
import { lambdaHandler } from '../lib/middleware';
import { metrics } from '../lib/powertools';
import { FindingsCache } from '../lib/store';
import { analyzeUnits, type AnalyzeUnitsEvent } from './analyze-units';

/** The registry's rule packs, once each (one pack may analyse several languages). */
const rulePacks = [...new Map(getDefaultRegistry().analyzers().map((analyzer) => [`${analyzer.rulePack.id}@${analyzer.rulePack.version}`, { ...analyzer.rulePack }])).values()];

const handler = lambdaHandler(
  async (event: AnalyzeUnitsEvent) => {
    const { s3, documents, kmsForKeyring } = forCustomer(event?.BatchInput?.customerId, 'BatchInput.customerId');
    const { customerId, customerKeyId } = event.BatchInput;
    if (typeof customerKeyId !== 'string' || customerKeyId === '') throw new InvalidEventError('BatchInput.customerKeyId', 'must name the customer’s key: the findings cache is sealed under it');
    // The cache holds what the code is (rule hits, names): under the customer's key, as everything derived from code.
    const sealer = derivedDataSealer(await keyringFor(customerKeyId, { customerId, kmsClientProvider: kmsForKeyring }), customerId, 'findings-cache');
    const result = await analyzeUnits(event, {
      blobs: new S3BlobStore(s3),
      cache: new FindingsCache(documents, tableName(), undefined, sealer),
      analyze: (unit) => analyzeUnit(unit),
      rulePackVersion: RULE_PACK_VERSION,
      rulePacks,
    });
    const cached = result.units.filter((unit) => unit.cached).length;
    metrics.addMetric('UnitsAnalyzed', 'Count', result.units.length - cached);
    metrics.addMetric('UnitsFromCache', 'Count', cached);
    metrics.addMetric('LinesAnalyzed', 'Count', result.units.reduce((sum, unit) => sum + unit.loc, 0));
    return result;
  },
  {
    // The layer loads and analyses: a one-line program goes through the real parser.
    smokeCheck: () => {
      const probe = analyzeUnit({
        unitId: 'smoke',
        language: 'abap',
        objectType: 'PROG',
        objectName: 'ZSMOKE',
        path: 'zsmoke.prog.abap',
        files: [{ path: 'zsmoke.prog.abap', text: "REPORT zsmoke.\nWRITE 'ok'.\n" }],
        loc: 2,
      });
      return { rulePackVersion: RULE_PACK_VERSION, probeFindings: probe.findings.length, table: tableName() };
    },
  },
);

export { handler };
