import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeUnit } from 'analysis-engine';
import { archiveOf } from '../../../local/app';
import { generateAbapCorpus } from '../../corpus/abap/generate';
import { unitsOfArchive } from '../baseline';

describe('Function: unitsOfArchive()', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('splits a generated code base into the units the analyzer parses without a single parser error', async () => {
    // Prepare
    const corpus = generateAbapCorpus({ lines: 6000, seed: 11, outDir: dir, parserErrors: false });
    const { bytes } = await archiveOf(dir);

    // Act
    const { units, loc } = await unitsOfArchive(bytes);
    const analyses = units.map((unit) => analyzeUnit(unit));

    // Assess: the splitter counts what the generator counts, and files arrive under their stored names.
    expect(loc).toBe(corpus.loc);
    expect(units.every((unit) => unit.files.every((file) => file.path === file.name && !file.path.includes('/')))).toBe(true);
    expect(analyses.reduce((sum, analysis) => sum + analysis.parseErrors, 0)).toBe(0);
    expect(analyses.reduce((sum, analysis) => sum + analysis.loc, 0)).toBe(loc);
    const rules = new Set(analyses.flatMap((analysis) => analysis.findings.map((finding) => finding.ruleId)));
    expect([...rules]).toEqual(expect.arrayContaining(['obsolete_statement', 'db_operation_in_loop', 's4_simplified_table', 'hana_select_order_dependency']));
  }, 60_000);
});
