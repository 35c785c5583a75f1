import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  it('writes one minified CommonJS file in the Lambda layer layout', () => {
    // Act
    const text = readFileSync(file, 'utf8');

    // Assess
    expect(file).toBe(join(outdir, 'nodejs', 'node_modules', 'analysis-engine', 'index.js'));
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(text).not.toMatch(/require\("@abaplint\/core"\)/);
    expect(JSON.parse(readFileSync(join(outdir, 'nodejs', 'node_modules', 'analysis-engine', 'package.json'), 'utf8'))).toMatchObject({ name: 'analysis-engine', main: 'index.js' });
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
