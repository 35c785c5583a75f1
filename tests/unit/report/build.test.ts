import { buildReport, InvalidReportInputError, REPORT_VERSION, summarizeFindings } from '../../../functions/lib/report';
import type { ReportInput } from '../../../functions/lib/report';
import { angularAssessment, assessedInput, finding, largeInput, smallInput, unit } from './fixtures';

const now = () => new Date('2024-05-01T10:06:00.000Z');

describe('Function: buildReport()', () => {
  it('builds a versioned report with run facts, rule packs, the summary and generation time', () => {
    // Prepare
    const input = smallInput();

    // Act
    const report = buildReport(input, { now });

    // Assess
    expect(report.reportVersion).toBe(REPORT_VERSION);
    expect(report.generatedAt).toBe('2024-05-01T10:06:00.000Z');
    expect(report.run).toEqual({
      customerId: 'acme',
      runId: 'run-1',
      startedAt: '2024-05-01T10:00:00.000Z',
      finishedAt: '2024-05-01T10:05:00.000Z',
      sourceArchive: 'uploads/acme/erp-2024-05.zip',
    });
    expect(report.rulePacks).toEqual([{ id: 'abap-s4hana', version: '1.0.0-abaplint.2.120.19-3f9a0c2b', language: 'abap' }]);
    expect(report.summary).toEqual(summarizeFindings(input.units, { skippedFiles: 2 }));
  });

  it('groups findings by object, most required effort first, findings in file/line/column order', () => {
    // Act
    const { objects } = buildReport(smallInput(), { now });

    // Assess
    expect(objects.map((group) => group.unitId)).toEqual(['zcl_a', 'zhostile', 'zcl_b']);
    expect(objects[0]).toMatchObject({
      objectType: 'CLAS',
      objectName: 'ZCL_A',
      path: 'src/zcl_a.clas.abap',
      findingCount: 3,
      requiredEffortMinutes: 120,
      cleanupEffortMinutes: 10,
      acknowledgedFindings: 0,
      generatedFindings: 0,
      highestSeverity: 'blocker',
      bySeverity: { blocker: 1, critical: 0, major: 0, minor: 2, info: 0 },
    });
    expect(objects[0].findings.map((f) => f.line)).toEqual([11, 12, 40]);
  });

  it('groups findings by rule with the worst severity, the first category and distinct units', () => {
    // Prepare
    const input: ReportInput = {
      ...smallInput(),
      units: [
        unit('u1', [finding({ ruleId: 'r1', severity: 'minor', effortMinutes: 5 }), finding({ ruleId: 'r1', severity: 'major', effortMinutes: 5, line: 2, category: 'db' })]),
        unit('u2', [finding({ ruleId: 'r1', severity: 'minor', effortMinutes: 5, category: 'other' }), finding({ ruleId: 'r2', severity: 'info', effortMinutes: 1 })]),
      ],
    };

    // Act
    const { byRule } = buildReport(input, { now });

    // Assess
    expect(byRule).toEqual([
      { ruleId: 'r1', severity: 'major', category: 'db', effortClass: 'cleanup', count: 3, effortMinutes: 15, units: 2 },
      { ruleId: 'r2', severity: 'info', effortClass: 'cleanup', count: 1, effortMinutes: 1, units: 1 },
    ]);
  });

  it('marks a rule whose findings fall in both classes as mixed', () => {
    // Prepare
    const input: ReportInput = {
      ...smallInput(),
      units: [unit('u1', [finding({ ruleId: 's4', effortClass: 'required' }), finding({ ruleId: 's4', effortClass: 'cleanup', line: 2 })])],
    };

    // Act
    const { byRule } = buildReport(input, { now });

    // Assess
    expect(byRule[0]).toMatchObject({ ruleId: 's4', effortClass: 'mixed', count: 2 });
  });

  it('lists findings reported apart with their objects and groups them by rule and why, with no effort', () => {
    // Prepare
    const input: ReportInput = {
      ...smallInput(),
      units: [
        unit('u1', [
          finding({ effortMinutes: 0, disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX', variant: 'posix-regex' }),
          finding({ effortMinutes: 6, line: 2 }),
        ]),
        unit('u2', [finding({ ruleId: 'parser_error', effortClass: 'required', effortMinutes: 0, disposition: 'generated' })]),
        unit('u3', [finding({ effortMinutes: 0, disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX' })]),
      ],
    };

    // Act
    const report = buildReport(input, { now });

    // Assess
    expect(report.apart).toEqual([
      { ruleId: 'obsolete_statement', disposition: 'acknowledged', count: 2, units: 2 },
      { ruleId: 'parser_error', disposition: 'generated', count: 1, units: 1 },
    ]);
    expect(report.byRule).toEqual([expect.objectContaining({ ruleId: 'obsolete_statement', count: 1, effortMinutes: 6 })]);
    expect(report.objects.map((group) => group.unitId)).toEqual(['u1', 'u2', 'u3']);
    expect(report.objects[0]).toMatchObject({ findingCount: 1, acknowledgedFindings: 1, cleanupEffortMinutes: 6 });
    expect(report.objects[0].findings.find((listed) => listed.line === 10)).toMatchObject({ disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX', variant: 'posix-regex', effortMinutes: 0 });
  });

  it('groups findings by severity, all five in order, with effort and units', () => {
    const { bySeverity } = buildReport(smallInput(), { now });
    expect(bySeverity).toEqual([
      { severity: 'blocker', count: 1, requiredEffortMinutes: 120, cleanupEffortMinutes: 0, units: 1 },
      { severity: 'critical', count: 1, requiredEffortMinutes: 60, cleanupEffortMinutes: 0, units: 1 },
      { severity: 'major', count: 1, requiredEffortMinutes: 0, cleanupEffortMinutes: 30, units: 1 },
      { severity: 'minor', count: 2, requiredEffortMinutes: 0, cleanupEffortMinutes: 10, units: 1 },
      { severity: 'info', count: 0, requiredEffortMinutes: 0, cleanupEffortMinutes: 0, units: 0 },
    ]);
  });

  it('lists units not analysed with their reason, and skipped files by path', () => {
    const report = buildReport(smallInput(), { now });
    expect(report.notAnalyzedUnits).toEqual([
      { unitId: 'app_js', path: 'web/app.js', language: 'javascript', loc: 100, reason: { code: 'no-analyzer', message: 'No analyzer for javascript yet' } },
    ]);
    expect(report.skippedFiles.map((file) => file.path)).toEqual(['assets/<logo>.png', 'web/vendor/angular.min.js']);
  });

  it('leaves out fields the report model does not know, such as a code snippet', () => {
    // Prepare
    const input = smallInput();
    (input.units[0].findings[0] as unknown as Record<string, unknown>).snippet = 'UPDATE vbuk SET ...';

    // Act
    const text = JSON.stringify(buildReport(input, { now }));

    // Assess
    expect(text).not.toContain('snippet');
    expect(text).not.toContain('UPDATE vbuk');
  });

  it('keeps every finding and agrees with the summary on a large run', () => {
    // Act
    const report = buildReport(largeInput(200, 15), { now });

    // Assess
    const listed = report.objects.reduce((sum, group) => sum + group.findings.length, 0);
    expect(listed).toBe(3000);
    expect(report.summary.findings).toBe(3000);
    expect(report.bySeverity.reduce((sum, group) => sum + group.count, 0)).toBe(3000);
    expect(report.byRule.reduce((sum, rule) => sum + rule.count, 0)).toBe(3000);
    expect(report.objects.reduce((sum, group) => sum + group.requiredEffortMinutes, 0)).toBe(report.summary.requiredEffortMinutes);
    expect(report.objects.reduce((sum, group) => sum + group.cleanupEffortMinutes, 0)).toBe(report.summary.cleanupEffortMinutes);
    expect(report.summary.requiredEffortMinutes).toBeGreaterThan(0);
    expect(report.summary.cleanupEffortMinutes).toBeGreaterThan(0);
  });

  it.each([
    ['run.customerId', 'must not be empty', (input: ReportInput) => ({ ...input, run: { ...input.run, customerId: '' } })],
    ['run.startedAt', 'expected an ISO 8601 timestamp', (input: ReportInput) => ({ ...input, run: { ...input.run, startedAt: 'yesterday' } })],
    ['run.rulePacks[0].version', 'expected a string, got undefined', (input: ReportInput) => ({ ...input, run: { ...input.run, rulePacks: [{ id: 'x' }] } })],
    ['units[2].path', 'expected a string, got number', (input: ReportInput) => ({ ...input, units: input.units.map((u, i) => (i === 2 ? { ...u, path: 7 } : u)) })],
    ['units[0].objectName', 'expected a string, got null', (input: ReportInput) => ({ ...input, units: input.units.map((u, i) => (i === 0 ? { ...u, objectName: null } : u)) })],
    ['units[4].unitId', 'duplicates the id of an earlier unit', (input: ReportInput) => ({ ...input, units: input.units.map((u, i) => (i === 4 ? { ...u, unitId: 'zcl_a' } : u)) })],
    ['skippedFiles[1].reason', 'expected a string, got undefined', (input: ReportInput) => ({ ...input, skippedFiles: [input.skippedFiles[0], { path: 'x' }] })],
    ['units', 'expected an array, got object', (input: ReportInput) => ({ ...input, units: {} })],
  ])('rejects input with a bad %s: %s', (path, reason, corrupt) => {
    const error = (() => {
      try {
        buildReport(corrupt(smallInput()) as ReportInput, { now });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidReportInputError);
    expect(error).toMatchObject({ path, reason });
  });

  describe('code-base assessments', () => {
    it('carries each assessment: rule pack, recommendation, metrics and cross-file finding counts', () => {
      // Act
      const report = buildReport(assessedInput(), { now });

      // Assess
      expect(report.assessments).toEqual([angularAssessment()]);
    });

    it('counts the cross-file findings, merged into their units, in every total', () => {
      // Act
      const report = buildReport(assessedInput(), { now });

      // Assess
      expect(report.summary.findings).toBe(7);
      expect(report.byRule.map((rule) => rule.ruleId)).toEqual(expect.arrayContaining(['cb_third_party_module', 'cb_directive_not_upgradable_usage']));
      expect(report.objects.find((group) => group.unitId === 'web_module')).toMatchObject({ path: 'app/app.module.js', findingCount: 1, requiredEffortMinutes: 300 });
    });

    it('builds an empty list when the input has no assessments', () => {
      expect(buildReport(smallInput(), { now }).assessments).toEqual([]);
    });

    it('copies only the assessment fields the report knows', () => {
      // Prepare
      const input = assessedInput();
      (input.assessments![0] as unknown as Record<string, unknown>).sourceFiles = ['app/app.module.js'];
      (input.assessments![0].recommendation as unknown as Record<string, unknown>).debug = 'internal';

      // Act
      const [assessment] = buildReport(input, { now }).assessments;

      // Assess
      expect(Object.keys(assessment).sort()).toEqual(['findings', 'findingsByRule', 'metrics', 'recommendation', 'rulePack']);
      expect(Object.keys(assessment.recommendation!).sort()).toEqual(['approach', 'reasons', 'score', 'threshold']);
    });

    it('accepts an assessment without a recommendation', () => {
      // Prepare
      const input = assessedInput();
      delete input.assessments![0].recommendation;

      // Act
      const [assessment] = buildReport(input, { now }).assessments;

      // Assess
      expect(assessment.recommendation).toBeUndefined();
      expect(assessment.findings).toBe(2);
    });

    type Corrupt = (input: ReportInput) => unknown;
    const withAssessment = (change: (assessment: Record<string, any>) => void): Corrupt => (input) => {
      const assessment = JSON.parse(JSON.stringify(input.assessments![0]));
      change(assessment);
      return { ...input, assessments: [assessment] };
    };

    it.each<[string, string, Corrupt]>([
      ['assessments', 'expected an array, got object', (input) => ({ ...input, assessments: {} })],
      ['assessments[0].rulePack.version', 'expected a string, got undefined', withAssessment((a) => delete a.rulePack.version)],
      ['assessments[0].recommendation.approach', 'expected one of hybrid-upgrade, rewrite', withAssessment((a) => (a.recommendation.approach = 'migrate'))],
      ['assessments[0].recommendation.score', 'expected a finite number, got NaN', (input) => ({ ...input, assessments: [{ ...input.assessments![0], recommendation: { ...input.assessments![0].recommendation!, score: Number.NaN } }] })],
      ['assessments[0].recommendation.threshold', 'expected a finite number, got string', withAssessment((a) => (a.recommendation.threshold = '880'))],
      ['assessments[0].recommendation.reasons[1]', 'expected a string, got number', withAssessment((a) => (a.recommendation.reasons[1] = 7))],
      ['assessments[0].metrics.controllers', 'expected a finite number, got null', withAssessment((a) => (a.metrics.controllers = null))],
      ['assessments[0].findings', 'is 3 but findingsByRule sums to 2', withAssessment((a) => (a.findings = 3))],
      ['assessments[0].findingsByRule.cb_third_party_module', 'expected a non-negative integer, got -1', withAssessment((a) => (a.findingsByRule.cb_third_party_module = -1))],
      [
        'assessments[0].findingsByRule.cb_unused_declaration',
        'counts 1 findings but the units list 0; merge the assessment\'s findings into their units first',
        withAssessment((a) => {
          a.findingsByRule.cb_unused_declaration = 1;
          a.findings = 3;
        }),
      ],
      ['assessments[1].rulePack', 'duplicates the rule pack of an earlier assessment', (input) => ({ ...input, assessments: [input.assessments![0], input.assessments![0]] })],
    ])('rejects an assessment with a bad %s: %s', (path, reason, corrupt) => {
      // Act
      const error = (() => {
        try {
          buildReport(corrupt(assessedInput()) as ReportInput, { now });
        } catch (e) {
          return e;
        }
        return undefined;
      })();

      // Assess
      expect(error).toBeInstanceOf(InvalidReportInputError);
      expect(error).toMatchObject({ path, reason });
    });
  });
});
