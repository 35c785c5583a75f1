import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Unit } from 'analysis-engine';
import { BaselineFailedError } from '../errors';
import { measureRawAnalyzer } from '../baseline';

// A stand-in for the layer bundle with the two functions the raw loop calls: one finding per unit, and a code-base
// phase that reports one finding per unit that left facts (the shape of the engine's own answers).
const ENGINE = `
exports.analyzeUnit = (unit) => ({
  unitId: unit.unitId,
  language: unit.language,
  loc: unit.loc,
  findings: [{ ruleId: 'r', line: 1 }],
  omittedFindings: 0,
  parseErrors: 0,
  facts: unit.language === 'javascript' ? { registers: unit.unitId } : undefined,
});
exports.assessCodebase = (units) => [{ findings: units.filter((unit) => unit.facts !== undefined).map((unit) => ({ unitId: unit.unitId })) }];
`;

const unit = (index: number, language: 'javascript' | 'abap'): Unit => ({
  unitId: `u${index}`,
  language,
  path: `app/u${index}.js`,
  files: [{ path: `u${index}.js`, name: `u${index}.js`, text: 'x();\n' }],
  loc: 10,
});

describe('Function: measureRawAnalyzer()', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-raw-'));
    writeFileSync(join(dir, 'engine.js'), ENGINE);
    writeFileSync(join(dir, 'broken.js'), 'throw new Error("no engine here");');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every unit, then the code-base phase over their facts, in each pass, and reports the peak heap', async () => {
    // Prepare
    const units = [...Array.from({ length: 6 }, (_, index) => unit(index, 'javascript')), ...Array.from({ length: 4 }, (_, index) => unit(10 + index, 'abap'))];

    // Act
    const result = await measureRawAnalyzer({ units, layerBundle: join(dir, 'engine.js'), passes: 3 });

    // Assess
    expect(result.units).toBe(10);
    expect(result.passes).toHaveLength(3);
    for (const pass of result.passes) {
      expect(pass).toMatchObject({ loc: 100, findings: 10 + 6, codebaseFindings: 6, parseErrors: 0 });
      expect(pass.codebaseMillis).toBeLessThanOrEqual(pass.millis);
    }
    expect(result.best.locPerSecond).toBeGreaterThan(0);
    expect(result.peakHeapUsedBytes).toBeGreaterThanOrEqual(result.heapUsedBytes);
  });

  it('fails with BaselineFailedError when the bundle cannot be loaded', async () => {
    // Act & Assess
    await expect(measureRawAnalyzer({ units: [unit(1, 'javascript')], layerBundle: join(dir, 'broken.js') })).rejects.toThrow(BaselineFailedError);
  });
});
