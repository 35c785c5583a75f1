/**
 * analyzeUnits() with the analysis-engine layer's unit sandbox, as the handler wires it: a batch that mixes every crash
 * repro of real customer code, legacy-encoded programs and real example code. Each hostile unit ends with its reason;
 * every other unit's analysis in the findings object is exactly its analysis alone.
 */
import { join } from 'node:path';

import { analyzeUnit, createUnitSandbox, getDefaultRegistry, RULE_PACK_VERSION, type Unit, type UnitSandbox } from 'analysis-engine';

import { exponentialJoinSelect, hugeStatement, nestedIfs, oneLineProgram, type HostileSource } from '../../../bench/corpus/hostile/sources';
import { analyzeUnits } from '../../../functions/analyze-units/analyze-units';
import type { FindingsObject } from '../../../functions/lib/run';
import { decodeSourceText } from '../../../functions/lib/source/content';
import { serializeUnit, unitIdOf, type UnitContent, type UnitSummary } from '../../../functions/lib/source';
import { FindingsCache } from '../../../functions/lib/store';
import { loadAbapGitUnits } from '../analysis/support/abapGitUnits';
import { buildTestLayer } from '../analysis/support/layerBundle';
import { GERMAN_WINDOWS_1252, KOREAN_CP949 } from '../../support/legacyEncodings';
import { startLocalS3, startLocalTable, type LocalS3, type LocalTable } from './support/local-services';
import { storePack } from './support/packs';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'abap-erp-custom');
const rulePacks = getDefaultRegistry()
  .analyzers()
  .map((analyzer) => ({ ...analyzer.rulePack }));

/** Serialises a unit as the splitter does and returns its summary and stored bytes. */
const store = async (_s3: LocalS3, content: UnitContent, path: string, loc: number): Promise<{ summary: UnitSummary; body: Buffer }> => {
  const body = serializeUnit(content);
  const unitId = unitIdOf(body);
  return { summary: { unitId, language: content.language, objectType: content.objectType, objectName: content.objectName, path, files: [path], loc, bytes: body.length }, body };
};

const program = (name: string, text: string): UnitContent => ({ language: 'abap', objectType: 'PROG', objectName: name.toUpperCase(), files: [{ name: `${name}.prog.abap`, text }] });
const hostile = (source: HostileSource): UnitContent => program(source.path.slice(source.path.lastIndexOf('/') + 1, -'.abap'.length), source.text);
const decoded = (bytes: Buffer): string => {
  const outcome = decodeSourceText(bytes);
  if (!outcome.ok) throw new Error(outcome.detail);
  return outcome.text;
};

describe('Function: analyzeUnits() with the unit sandbox', () => {
  let s3: LocalS3;
  let ddb: LocalTable;
  let layer: Awaited<ReturnType<typeof buildTestLayer>>;
  let sandbox: UnitSandbox;

  beforeAll(async () => {
    [s3, ddb, layer] = await Promise.all([startLocalS3(), startLocalTable(), buildTestLayer()]);
    sandbox = createUnitSandbox({ memoryBudgetMb: 512, entry: layer.file });
  }, 180_000);

  afterAll(async () => {
    await sandbox?.close();
    await Promise.all([s3?.stop(), ddb?.stop()]);
    layer?.remove();
  });

  it('ends each hostile unit with its reason and analyses every neighbour exactly as alone', async () => {
    // Prepare: real example programs between the hostile units, in one batch
    const examples = loadAbapGitUnits(EXAMPLE).slice(0, 3);
    expect(examples).toHaveLength(3);
    const members: Array<{ summary: UnitSummary; body: Buffer }> = [];
    const items: UnitSummary[] = [];
    const innocent = new Map<string, UnitContent>();
    const add = async (content: UnitContent, path: string, loc = 1, isInnocent = true): Promise<void> => {
      const member = await store(s3, content, path, loc);
      members.push(member);
      items.push(member.summary);
      if (isInnocent) innocent.set(member.summary.unitId, content);
    };
    for (const [index, unit] of examples.entries()) {
      await add({ language: 'abap', objectType: unit.objectType, objectName: unit.objectName, files: unit.files.map((file) => ({ name: file.path.slice(file.path.lastIndexOf('/') + 1), text: file.text })) }, unit.path, unit.loc);
      const source = [nestedIfs(), hugeStatement(), oneLineProgram()][index];
      await add(hostile(source), source.path, 1, false);
    }
    await add(hostile(exponentialJoinSelect()), 'src/zjoin_select.abap', 1, false);
    await add(program('zmm_stock_kr', decoded(KOREAN_CP949.bytes)), 'src/zmm_stock_kr.abap');
    await add(program('zmm_stock_de', decoded(GERMAN_WINDOWS_1252.bytes)), 'src/zmm_stock_de.abap');
    await add({ language: 'javascript', files: [{ name: 'one-line.js', text: "angular.module('m', []).controller('C', function ($scope, constructor) { $scope.toString(); });\n" }] }, 'web/one-line.js');

    // Act: a 3 s budget per unit, as a batch near its deadline would give
    const result = await analyzeUnits(
      { BatchInput: { customerId: 'acme', runId: 'isolation', bucket: s3.bucket }, Items: [await storePack(s3, 'acme', members)] },
      {
        blobs: s3.blobs,
        cache: new FindingsCache(ddb.documents, ddb.table),
        analyze: (unit, budget) => sandbox.analyze(unit, budget),
        timeBudget: { maxMs: 3_000, reserveMs: 0, restartMs: 0 },
        rulePackVersion: RULE_PACK_VERSION,
        rulePacks,
      },
    );

    // Assess
    const reasons = Object.fromEntries(result.units.map((unit) => [items.find((item) => item.unitId === unit.unitId)!.path, unit.notAnalyzed ?? 'analysed']));
    expect(reasons).toMatchObject({
      'src/zdeep_if.abap': 'too-large',
      'src/zhuge_statement.abap': 'too-large',
      'src/zone_line.abap': 'too-large',
      'src/zjoin_select.abap': 'time-budget',
      'src/zmm_stock_kr.abap': 'analysed',
      'src/zmm_stock_de.abap': 'analysed',
      'web/one-line.js': 'analysed',
    });
    const object = JSON.parse((await s3.get(result.findingsKey))!.toString('utf8')) as FindingsObject;
    for (const [unitId, content] of innocent) {
      const item = items.find((candidate) => candidate.unitId === unitId)!;
      const alone = analyzeUnit({ unitId, language: content.language, objectType: content.objectType, objectName: content.objectName, path: item.path, files: content.files.map((file) => ({ path: file.name, name: file.name, text: file.text })), loc: item.loc } as Unit);
      const batched = object.units.find((unit) => unit.unitId === unitId)!;
      expect(batched.notAnalyzed).toBeUndefined();
      expect(batched.findings.map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`)).toEqual(alone.findings.map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`));
      expect(batched.effortMinutes).toBe(alone.effortMinutes);
    }
    expect(object.units.find((unit) => unit.path === 'src/zmm_stock_kr.abap')?.findings.map((finding) => finding.ruleId)).toContain('obsolete_statement');
    expect(result.units.filter((unit) => unit.notAnalyzed === undefined)).toHaveLength(innocent.size);
  }, 300_000);
});
