import { buildReport, renderJson } from '../../../functions/lib/report';
import type { JsonFinding } from '../../../functions/lib/report';
import { assessedInput, finding, HOSTILE_MESSAGE, HOSTILE_PATH, largeInput, smallInput } from './fixtures';

const now = () => new Date('2024-05-01T10:06:00.000Z');

describe('Function: renderJson()', () => {
  it('lists every finding with its rule, severity, file, line, column, message, effort class, effort, range and object', () => {
    // Prepare
    const input = smallInput();

    // Act
    const json = JSON.parse(renderJson(buildReport(input, { now })));

    // Assess
    expect(json.findings).toHaveLength(5);
    expect(json.findings[0]).toEqual({
      unitId: 'zcl_a',
      objectType: 'CLAS',
      objectName: 'ZCL_A',
      path: 'src/zcl_a.clas.abap',
      ruleId: 'obsolete_statement',
      severity: 'minor',
      file: 'src/zcl_a.clas.abap',
      line: 11,
      column: 3,
      message: 'MOVE is obsolete, use the assignment operator',
      effortClass: 'cleanup',
      effortMinutes: 5,
    });
    const hostile = json.findings.find((f: JsonFinding) => f.unitId === 'zhostile');
    expect(hostile).toMatchObject({ file: HOSTILE_PATH, message: HOSTILE_MESSAGE, objectName: 'Z<B>&"Q"' });
  });

  it('carries the run, rule packs, summary, units not analysed and skipped files', () => {
    const report = buildReport(smallInput(), { now });
    const json = JSON.parse(renderJson(report));
    expect(Object.keys(json)).toEqual(['reportVersion', 'generatedAt', 'run', 'rulePacks', 'summary', 'apart', 'assessments', 'findings', 'notAnalyzedUnits', 'skippedFiles', 'encodings']);
    expect(json).toMatchObject({ reportVersion: 2, run: report.run, rulePacks: report.rulePacks, summary: report.summary, apart: report.apart });
    expect(json.notAnalyzedUnits).toEqual(report.notAnalyzedUnits);
    expect(json.skippedFiles).toEqual(report.skippedFiles);
  });

  it('keeps variant, range, disposition and the acknowledging marker of every finding that has them', () => {
    // Prepare
    const input = smallInput();
    input.units[0].findings.push(
      finding({ line: 50, variant: 'occurs', effortMinutes: 25, effortRange: { low: 10, high: 60 } }),
      finding({ line: 51, variant: 'posix-regex', effortMinutes: 0, effortRange: { low: 0, high: 0 }, disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX' }),
    );

    // Act
    const json = JSON.parse(renderJson(buildReport(input, { now })));

    // Assess
    expect(json.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 50, variant: 'occurs', effortClass: 'cleanup', effortMinutes: 25, effortRange: { low: 10, high: 60 } }),
        expect.objectContaining({ line: 51, variant: 'posix-regex', effortMinutes: 0, disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX' }),
      ]),
    );
  });

  it('carries the code-base assessments and lists their findings with the objects they are placed in', () => {
    // Prepare
    const report = buildReport(assessedInput(), { now });

    // Act
    const json = JSON.parse(renderJson(report));

    // Assess
    expect(json.assessments).toEqual(report.assessments);
    expect(json.assessments[0]).toMatchObject({ rulePack: { id: 'angularjs-angular' }, recommendation: { approach: 'rewrite', score: 494, threshold: 5245.21 }, findings: 2 });
    expect(json.findings.filter((f: JsonFinding) => f.ruleId.startsWith('cb_')).map((f: JsonFinding) => `${f.ruleId}@${f.file}:${f.line}`).sort()).toEqual([
      'cb_directive_not_upgradable_usage@app/directives/star-rating.directive.js:5',
      'cb_third_party_module@app/app.module.js:6',
    ]);
  });

  it('writes one finding per line', () => {
    const text = renderJson(buildReport(smallInput(), { now }));
    expect(text.split('\n').filter((line) => line.startsWith('    {"unitId":') && line.includes('"ruleId":'))).toHaveLength(5);
  });

  it('renders empty lists as valid JSON', () => {
    const json = JSON.parse(renderJson(buildReport({ ...smallInput(), units: [], skippedFiles: [] }, { now })));
    expect(json).toMatchObject({ assessments: [], findings: [], notAnalyzedUnits: [], skippedFiles: [] });
  });

  it('keeps all 100,000 findings of a large run', () => {
    // Prepare
    const report = buildReport(largeInput(10_000, 10), { now });

    // Act
    const json = JSON.parse(renderJson(report));

    // Assess
    expect(json.findings).toHaveLength(100_000);
    expect(json.summary.findings).toBe(100_000);
    const keys = new Set(json.findings.map((f: JsonFinding) => `${f.unitId}:${f.line}`));
    expect(keys.size).toBe(100_000);
  });
});
