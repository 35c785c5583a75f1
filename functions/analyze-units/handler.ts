/** Analyze units: thin Lambda wiring over analyzeUnits(), with the analysis-engine layer's analyzers. */
import { analyzeUnit, getDefaultRegistry, RULE_PACK_VERSION } from 'analysis-engine';
import { S3BlobStore } from '../lib/blob';
import { forCustomer } from '../lib/aws/tenant';
import { tableName } from '../lib/config';
import { lambdaHandler } from '../lib/middleware';
import { metrics } from '../lib/powertools';
import { FindingsCache } from '../lib/store';
import { analyzeUnits, type AnalyzeUnitsEvent } from './analyze-units';

/** The registry's rule packs, once each (one pack may analyse several languages). */
const rulePacks = [...new Map(getDefaultRegistry().analyzers().map((analyzer) => [`${analyzer.rulePack.id}@${analyzer.rulePack.version}`, { ...analyzer.rulePack }])).values()];

const handler = lambdaHandler(
  async (event: AnalyzeUnitsEvent) => {
    const { s3, documents } = forCustomer(event?.BatchInput?.customerId, 'BatchInput.customerId');
    const result = await analyzeUnits(event, {
      blobs: new S3BlobStore(s3),
      cache: new FindingsCache(documents, tableName()),
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
