import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as source from 'analysis-engine';

import { buildLayer } from '../../../layers/analysis-engine/build';
import { loadAbapGitUnits } from './support/abapGitUnits';
import { abapUnit } from './support/units';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'abap-erp-custom');

describe('Function: buildLayer()', () => {
  let outdir: string;
  let bundle: typeof source;
  let file: string;
  let bytes: number;

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'analysis-layer-'));
    ({ file, bytes } = await buildLayer({ outdir }));
    bundle = require(file) as typeof source;
  }, 60_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('writes a minified CommonJS entry and one file per parser in the Lambda layer layout', () => {
    // Act
    const text = readFileSync(file, 'utf8');
    const vendorDir = join(outdir, 'nodejs', 'node_modules', 'analysis-engine', 'vendor');
    const vendorFiles = readdirSync(vendorDir).sort();

    // Assess
    expect(file).toBe(join(outdir, 'nodejs', 'node_modules', 'analysis-engine', 'index.js'));
    expect(vendorFiles).toEqual(['abaplint-core.js', 'babel-parser.js', 'htmlparser2.js', 'meriyah.js']);
    expect(bytes).toBe(Buffer.byteLength(text) + vendorFiles.reduce((sum, name) => sum + statSync(join(vendorDir, name)).size, 0));
    expect(text).not.toMatch(/require\("@abaplint\/core"\)/);
    expect(text).toMatch(/require\("\.\/vendor\/abaplint-core\.js"\)/);
    expect(JSON.parse(readFileSync(join(outdir, 'nodejs', 'node_modules', 'analysis-engine', 'package.json'), 'utf8'))).toMatchObject({ name: 'analysis-engine', main: 'index.js' });
  });

  it.each([
    ['loading the layer', '', []],
    ['an ABAP unit', "e.analyzeUnit({ unitId: 'u', language: 'abap', path: 'src/z.prog.abap', loc: 1, files: [{ path: 'src/z.prog.abap', text: 'REPORT z.' }] });", ['abaplint-core.js']],
    ['a JavaScript unit', "e.analyzeUnit({ unitId: 'u', language: 'javascript', path: 'app.js', loc: 1, files: [{ path: 'app.js', text: 'angular.module(\\'a\\', []);' }] });", ['meriyah.js']],
    ['the code-base phase', "e.assessCodebase([{ unitId: 'u', path: 'app.js', language: 'javascript', loc: 1, facts: {} }]);", []],
  ])('loads only the parsers that %s needs', (_name, work, expected) => {
    // Prepare: a fresh process, as a Lambda environment starts
    const script = `const e = require(${JSON.stringify(file)}); ${work} console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('/vendor/')).map((f) => f.split('/').pop()).sort()));`;

    // Act
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split('\n').pop()!) as string[];

    // Assess
    expect(loaded).toEqual(expected);
  });

  it('has the same rule-pack version as the source', () => {
    // Act + Assess
    expect(bundle.RULE_PACK_VERSION).toBe(source.RULE_PACK_VERSION);
  });

  it('gives the same findings as the source for the example code base', () => {
    // Prepare
    const units = loadAbapGitUnits(EXAMPLE);

    // Act
    const fromBundle = units.map((unit) => bundle.analyzeUnit(unit));
    const fromSource = units.map((unit) => source.analyzeUnit(unit));

    // Assess
    expect(fromBundle).toEqual(fromSource);
    expect(fromBundle.flatMap((result) => result.findings).length).toBeGreaterThan(50);
  });

  it.each([
    ['a parser error', 'REPORT z.\nthis is not abap.\nMOVE 1 TO a.'],
    ['a structure error', 'REPORT z.\nIF 1 = 1.'],
    ['modern syntax', "REPORT z.\nSELECT * FROM vbuk INTO TABLE @DATA(t).\nDATA(x) = VALUE string_table( ( `a` ) ).\nREAD TABLE t INTO DATA(l) WITH KEY vbeln = '1' BINARY SEARCH."],
  ])('gives the same findings as the source for %s', (_name, text) => {
    // Act + Assess
    expect(bundle.analyzeUnit(abapUnit(text))).toEqual(source.analyzeUnit(abapUnit(text)));
  });

  it('raises the same named errors', () => {
    // Act + Assess
    expect(() => bundle.analyzeUnit({ unitId: 'u' })).toThrow(expect.objectContaining({ name: 'InvalidUnitError', field: 'language' }));
  });
});
