/**
 * Analyze units: thin Lambda wiring over analyzeUnits(). Each unit is analysed in the analysis-engine layer's unit
 * sandbox, a worker thread started during init and kept warm across invocations, so that a unit that hangs or fills
 * the heap is stopped at its budget instead of taking the batch (and the invocation) down.
 */
import { createUnitSandbox, getDefaultRegistry, RULE_PACK_VERSION } from 'analysis-engine';
import { S3BlobStore } from '../lib/blob';
import { forCustomer } from '../lib/aws/tenant';
import { derivedDataSealer, keyringFor } from '../lib/crypto';
import { InvalidEventError } from '../lib/errors';
import { tableName, unitMemoryBudgetMb, unitTimeBudgetSeconds } from '../lib/config';
import { lambdaHandler } from '../lib/middleware';
import { metrics } from '../lib/powertools';
import { FindingsCache } from '../lib/store';
import { analyzeUnits, DEFAULT_UNIT_TIME_BUDGET, type AnalyzeUnitsEvent } from './analyze-units';

/** The registry's rule packs, once each (one pack may analyse several languages). */
const rulePacks = [...new Map(getDefaultRegistry().analyzers().map((analyzer) => [`${analyzer.rulePack.id}@${analyzer.rulePack.version}`, { ...analyzer.rulePack }])).values()];

const sandbox = createUnitSandbox({ memoryBudgetMb: unitMemoryBudgetMb() });
// The worker's cold start overlaps the rest of the init phase; a failure shows at the first unit.
sandbox.warm().catch(() => undefined);

const handler = lambdaHandler(
  async (event: AnalyzeUnitsEvent, context) => {
    const { s3, documents, kmsForKeyring } = forCustomer(event?.BatchInput?.customerId, 'BatchInput.customerId');
    const { customerId, customerKeyId } = event.BatchInput;
    if (typeof customerKeyId !== 'string' || customerKeyId === '') throw new InvalidEventError('BatchInput.customerKeyId', 'must name the customer’s key: the findings cache is sealed under it');
    // The cache holds what the code is (rule hits, names): under the customer's key, as everything derived from code.
    const sealer = derivedDataSealer(await keyringFor(customerKeyId, { customerId, kmsClientProvider: kmsForKeyring }), customerId, 'findings-cache');
    const result = await analyzeUnits(event, {
      blobs: new S3BlobStore(s3),
      cache: new FindingsCache(documents, tableName(), undefined, sealer),
      analyze: (unit, budget) => sandbox.analyze(unit, budget),
      remainingTimeMs: () => context.getRemainingTimeInMillis(),
      timeBudget: { ...DEFAULT_UNIT_TIME_BUDGET, maxMs: unitTimeBudgetSeconds() * 1000 },
      rulePackVersion: RULE_PACK_VERSION,
      rulePacks,
    });
    const cached = result.units.filter((unit) => unit.cached).length;
    metrics.addMetric('UnitsAnalyzed', 'Count', result.units.length - cached);
    metrics.addMetric('UnitsFromCache', 'Count', cached);
    metrics.addMetric('UnitsNotAnalyzed', 'Count', result.units.filter((unit) => unit.notAnalyzed !== undefined).length);
    metrics.addMetric('LinesAnalyzed', 'Count', result.units.reduce((sum, unit) => sum + unit.loc, 0));
    return result;
  },
  {
    // The layer loads and its sandbox analyses: a one-line program goes through the real parser in the worker.
    smokeCheck: async () => {
      const probe = await sandbox.analyze({
        unitId: 'smoke',
        language: 'abap',
        objectType: 'PROG',
        objectName: 'ZSMOKE',
        path: 'zsmoke.prog.abap',
        files: [{ path: 'zsmoke.prog.abap', text: "REPORT zsmoke.\nWRITE 'ok'.\n" }],
        loc: 2,
      });
      return { rulePackVersion: RULE_PACK_VERSION, probeFindings: probe.findings.length, probeAnalysed: probe.notAnalyzed === undefined, table: tableName() };
    },
  },
);

export { handler };
