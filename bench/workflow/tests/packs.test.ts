import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeUnit } from 'analysis-engine';
import { archiveOf } from '../../../local/app';
import { unitsOfArchive } from '../baseline';
import { generatePackCorpus } from '../packs';

describe('Function: generatePackCorpus()', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-packs-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes an AngularJS code base whose lines and files the splitter counts alike, one unit per file', async () => {
    // Prepare
    const outDir = join(dir, 'code');

    // Act
    const corpus = await generatePackCorpus('angularjs', { loc: 4000, seed: 2, outDir });
    const { units, loc } = await unitsOfArchive((await archiveOf(outDir)).bytes);

    // Assess
    expect(loc).toBe(corpus.loc);
    expect(corpus.loc).toBeGreaterThanOrEqual(4000);
    expect(units).toHaveLength(corpus.files);
    expect(Object.values(corpus.objects).reduce((sum, count) => sum + count, 0)).toBe(corpus.files);
    expect(Object.keys(corpus.objects).sort()).toEqual(['.html', '.js', '.ts']);
    expect(new Set(units.map((unit) => unit.language))).toEqual(new Set(['javascript', 'typescript', 'html']));
    const findings = units.map((unit) => analyzeUnit(unit)).reduce((sum, analysis) => sum + analysis.findings.length, 0);
    expect(findings).toBeGreaterThan(0);
    expect(corpus.seeded).toBeGreaterThan(0);
  }, 60_000);

  it('writes the ABAP code base as an abapGit tree, with objects counted by type', async () => {
    // Act
    const corpus = await generatePackCorpus('abap', { loc: 2000, seed: 3, outDir: join(dir, 'code') });

    // Assess
    expect(readdirSync(join(dir, 'code'))).toContain('.abapgit.xml');
    expect(corpus.loc).toBeGreaterThanOrEqual(2000);
    expect(Object.keys(corpus.objects)).toEqual(expect.arrayContaining(['PROG', 'CLAS', 'FUGR']));
  });
});
