/**
 * Writes a Distributed Map run's results by hand, in the layout Step Functions' ResultWriter writes (and our engine,
 * local/asl/distributed/resultWriter.ts): `<prefix>/<map run id>/manifest.json` listing `SUCCEEDED_n.json` and
 * `FAILED_n.json`, each an array of child execution records whose Input and Output are JSON strings. Also writes the
 * findings object each successful batch wrote (layout.findingsObjectKey), and a few units with known totals.
 */
import { findingsObjectKey, mapResultPrefix, type BatchResult, type FindingsObject, type RunUnit } from '../../../../functions/lib/run';
import type { ReportUnit, RulePack } from '../../../../functions/lib/report';
import type { LocalS3 } from './local-services';

type SucceededBatch = { batchId: string; units: RunUnit[]; cachedUnitIds?: string[] };
type FailedBatch = { unitIds: string[]; error?: string; cause?: string; status?: 'FAILED' | 'TIMED_OUT' | 'ABORTED' };

const RULE_PACK: RulePack = { id: 'abap-s4hana', version: '1.0.0-test', language: 'abap' };
const MAP_RUN_ID = '5b0e3c1d-0000-4000-8000-000000000001';

const unitId = (n: number): string => n.toString(16).padStart(64, '0');

const finding = (severity: ReportUnit['findings'][number]['severity'], ruleId: string, line: number, effortMinutes: number, file: string) => ({
  ruleId,
  severity,
  message: `${ruleId} at line ${line}`,
  file,
  line,
  column: 1,
  effortMinutes,
  effortClass: ruleId === 'obsolete_statement' ? ('cleanup' as const) : ('required' as const),
});

/**
 * Four units with known totals: A (critical 120 + minor 5), B (major 30, two omitted findings, effort 40),
 * C (clean), D (JavaScript, not analysed).
 */
const sampleUnits = (): Record<'a' | 'b' | 'c' | 'd', ReportUnit> => ({
  a: {
    unitId: unitId(1),
    path: 'src/zorders.prog.abap',
    language: 'abap',
    objectType: 'PROG',
    objectName: 'ZORDERS',
    loc: 10,
    findings: [finding('critical', 'hana_native_sql', 4, 120, 'src/zorders.prog.abap'), finding('minor', 'obsolete_statement', 3, 5, 'src/zorders.prog.abap')],
    omittedFindings: 0,
    effortMinutes: 125,
  },
  b: {
    unitId: unitId(2),
    path: 'src/zcl_cart.clas.abap',
    language: 'abap',
    objectType: 'CLAS',
    objectName: 'ZCL_CART',
    loc: 20,
    findings: [finding('major', 's4_simplified_table', 7, 30, 'src/zcl_cart.clas.abap')],
    omittedFindings: 2,
    effortMinutes: 40,
  },
  c: { unitId: unitId(3), path: 'src/zclean.prog.abap', language: 'abap', objectType: 'PROG', objectName: 'ZCLEAN', loc: 5, findings: [], omittedFindings: 0, effortMinutes: 0 },
  d: {
    unitId: unitId(4),
    path: 'web/app.js',
    language: 'javascript',
    loc: 7,
    findings: [],
    omittedFindings: 0,
    effortMinutes: 0,
    notAnalyzed: { code: 'no-analyzer', message: 'No analyzer for javascript' },
  },
});

const child = (index: number, status: string, input: unknown, extra: Record<string, unknown>) => ({
  ExecutionArn: `arn:aws:states:us-east-1:000000000000:express:analysis/AnalyzeUnits:${MAP_RUN_ID}:child-${index}`,
  Input: JSON.stringify(input),
  InputDetails: { Included: true },
  Name: `child-${index}`,
  StartDate: '2024-05-01T10:00:00.000Z',
  StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:analysis/AnalyzeUnits',
  Status: status,
  StopDate: '2024-05-01T10:00:01.000Z',
  ...extra,
});

/**
 * Writes the map run and returns the manifest's location (the Map state's ResultWriterDetails).
 *
 * @example
 * const mapResult = await writeMapRun(s3, 'acme', 'r1', { succeeded: [{ batchId: 'b1', units: [a, b] }] });
 */
/** A map item as split writes it: one pack, its units at consecutive byte ranges (the ranges are not read here). */
const packOf = (customerId: string, units: Array<{ unitId: string; language: string; loc: number }>) => ({
  slot: '0.0.0',
  key: `units/${customerId}/packs/${'0'.repeat(64)}`,
  bytes: units.length * 10,
  findingsKey: `units/${customerId}/findings/${'0'.repeat(64)}.json`,
  units: units.map((unit, index) => ({ ...unit, path: `src/${unit.unitId.slice(0, 8)}.abap`, files: [`src/${unit.unitId.slice(0, 8)}.abap`], bytes: 10, offset: index * 10, length: 10 })),
});

const writeMapRun = async (
  s3: LocalS3,
  customerId: string,
  runId: string,
  batches: { succeeded: SucceededBatch[]; failed?: FailedBatch[]; rulePacks?: RulePack[] },
): Promise<{ bucket: string; key: string }> => {
  const folder = `${mapResultPrefix(customerId, runId)}/${MAP_RUN_ID}`;
  const batchInput = { customerId, runId, bucket: s3.bucket };
  const succeeded = [];
  for (const [index, batch] of batches.succeeded.entries()) {
    const findingsKey = findingsObjectKey(customerId, runId, batch.batchId);
    const object: FindingsObject = { batchId: batch.batchId, rulePacks: batches.rulePacks ?? [RULE_PACK], units: batch.units };
    await s3.put(findingsKey, JSON.stringify(object));
    const output: BatchResult = {
      batchId: batch.batchId,
      findingsKey,
      rulePackVersion: '1.0.0-test',
      units: batch.units.map((unit) => ({
        unitId: unit.unitId,
        loc: unit.loc,
        findings: unit.findings.length + (unit.omittedFindings ?? 0),
        effortMinutes: unit.effortMinutes ?? 0,
        cached: batch.cachedUnitIds?.includes(unit.unitId) ?? false,
      })),
    };
    const items = [packOf(customerId, batch.units.map((unit) => ({ unitId: unit.unitId, language: unit.language, loc: unit.loc })))];
    succeeded.push(child(index, 'SUCCEEDED', { BatchInput: batchInput, Items: items }, { Output: JSON.stringify(output), OutputDetails: { Included: true } }));
  }
  const failed = (batches.failed ?? []).map((batch, index) =>
    child(100 + index, batch.status ?? 'FAILED', { BatchInput: batchInput, Items: [packOf(customerId, batch.unitIds.map((id) => ({ unitId: id, language: 'abap', loc: 1 })))] }, {
      Error: batch.error ?? 'Lambda.Unknown',
      Cause: batch.cause ?? 'The function timed out',
    }),
  );
  const resultFiles: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  for (const [status, records] of [['SUCCEEDED', succeeded], ['FAILED', failed]] as const) {
    if (records.length === 0) continue;
    const body = JSON.stringify(records);
    const key = `${folder}/${status}_0.json`;
    await s3.put(key, body);
    resultFiles[status].push({ Key: key, Size: Buffer.byteLength(body) });
  }
  const manifestKey = `${folder}/manifest.json`;
  await s3.put(
    manifestKey,
    JSON.stringify({ DestinationBucket: s3.bucket, MapRunArn: `arn:aws:states:us-east-1:000000000000:mapRun:analysis/Analyze-units:${MAP_RUN_ID}`, ResultFiles: resultFiles }),
  );
  return { bucket: s3.bucket, key: manifestKey };
};

export { MAP_RUN_ID, RULE_PACK, sampleUnits, unitId, writeMapRun };
