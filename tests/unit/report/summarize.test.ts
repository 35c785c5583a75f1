import { FindingsSummarizer, InvalidReportInputError, summarizeFindings, unitTotals } from '../../../functions/lib/report';
import type { SummaryUnit } from '../../../functions/lib/report';
import { finding, smallInput, unit } from './fixtures';

describe('Function: summarizeFindings()', () => {
  it.each([
    [[0], 0, 0],
    [[480], 480, 1],
    [[240, 480], 720, 1.5],
    [[100], 100, 0.21],
    [[0.1, 0.2], 0, 0],
    [[2.5, 2.5, 2.5], 8, 0.02],
    [[4800, 4800, 4800], 14400, 30],
  ])('totals required effort %j as %s whole minutes and %s person-days of 8 hours', (efforts, minutes, personDays) => {
    // Prepare
    const units = [unit('u1', efforts.map((effortMinutes, index) => finding({ effortMinutes, effortClass: 'required', line: index + 1 })))];

    // Act
    const summary = summarizeFindings(units);

    // Assess
    expect(summary).toMatchObject({ requiredEffortMinutes: minutes, cleanupEffortMinutes: 0, personDays: { required: personDays, cleanup: 0 }, hoursPerPersonDay: 8 });
  });

  it('keeps required and clean-up effort apart, each with its low, likely and high', () => {
    // Prepare
    const units = [
      unit('u1', [
        finding({ effortClass: 'required', effortMinutes: 340, effortRange: { low: 120, high: 960 } }),
        finding({ effortClass: 'cleanup', effortMinutes: 25, effortRange: { low: 10, high: 60 }, line: 2 }),
      ]),
      unit('u2', [finding({ effortClass: 'cleanup', effortMinutes: 37, effortRange: { low: 15, high: 90 } })]),
    ];

    // Act
    const summary = summarizeFindings(units);

    // Assess
    expect(summary).toMatchObject({
      requiredEffortMinutes: 340,
      requiredEffortRange: { low: 120, likely: 340, high: 960 },
      cleanupEffortMinutes: 62,
      cleanupEffortRange: { low: 25, likely: 62, high: 150 },
      personDays: { required: 0.71, cleanup: 0.13 },
    });
  });

  it('counts findings reported apart on their own, with no effort and in no breakdown', () => {
    // Prepare
    const units = [
      unit('u1', [
        finding({ effortClass: 'cleanup', effortMinutes: 0, effortRange: { low: 0, high: 0 }, disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX', severity: 'blocker' }),
        finding({ effortClass: 'cleanup', effortMinutes: 6, line: 2 }),
      ]),
      unit('generated', [finding({ effortClass: 'required', effortMinutes: 0, disposition: 'generated', severity: 'critical' })]),
    ];

    // Act
    const summary = summarizeFindings(units);

    // Assess
    expect(summary).toMatchObject({
      findings: 1,
      acknowledgedFindings: 1,
      generatedFindings: 1,
      bySeverity: { blocker: 0, critical: 0, minor: 1 },
      impactedUnits: { blocker: 0, critical: 0, minor: 1, info: 1 },
      requiredEffortMinutes: 0,
      cleanupEffortMinutes: 6,
    });
    expect(summary.byRule).toEqual({ obsolete_statement: { count: 1, effortMinutes: 6, effortClass: 'cleanup' } });
    expect(summary.topObjects.map((entry) => entry.unitId)).toEqual(['u1']);
  });

  it.each([
    ['blocker', { blocker: 1, critical: 1, major: 1, minor: 1, info: 1 }],
    ['critical', { blocker: 0, critical: 1, major: 1, minor: 1, info: 1 }],
    ['major', { blocker: 0, critical: 0, major: 1, minor: 1, info: 1 }],
    ['minor', { blocker: 0, critical: 0, major: 0, minor: 1, info: 1 }],
    ['info', { blocker: 0, critical: 0, major: 0, minor: 0, info: 1 }],
  ] as const)('counts a unit whose worst finding is %s as impacted at that severity and every lower one', (severity, impacted) => {
    const units = [unit('u1', [finding({ severity }), finding({ severity: 'info', line: 2 })]), unit('clean', [])];
    expect(summarizeFindings(units).impactedUnits).toEqual(impacted);
  });

  it('counts the small run by severity, by rule, units, lines and skipped files', () => {
    // Prepare
    const input = smallInput();

    // Act
    const summary = summarizeFindings(input.units, { skippedFiles: input.skippedFiles.length });

    // Assess
    expect(summary).toMatchObject({
      findings: 5,
      omittedFindings: 0,
      bySeverity: { blocker: 1, critical: 1, major: 1, minor: 2, info: 0 },
      units: 5,
      unitsNotAnalyzed: 1,
      linesOfCode: 500,
      impactedUnits: { blocker: 1, critical: 2, major: 3, minor: 3, info: 3 },
      skippedFiles: 2,
      requiredEffortMinutes: 180,
      cleanupEffortMinutes: 40,
      personDays: { required: 0.38, cleanup: 0.08 },
    });
    expect(Object.entries(summary.byRule)).toEqual([
      ['s4_simplified_table', { count: 1, effortMinutes: 120, effortClass: 'required' }],
      ['native_sql', { count: 1, effortMinutes: 60, effortClass: 'required' }],
      ['db_operation_in_loop', { count: 1, effortMinutes: 30, effortClass: 'cleanup' }],
      ['obsolete_statement', { count: 2, effortMinutes: 10, effortClass: 'cleanup' }],
    ]);
  });

  it('keeps paths, object names and messages out of the summary', () => {
    // Prepare
    const input = smallInput();

    // Act
    const text = JSON.stringify(summarizeFindings(input.units));

    // Assess
    for (const u of input.units) {
      expect(text).not.toContain(u.path);
      if (u.objectName) expect(text).not.toContain(u.objectName);
      for (const f of u.findings) {
        expect(text).not.toContain(f.message);
        expect(text).not.toContain(f.file);
      }
    }
  });

  it('orders top objects by required effort, then clean-up effort, findings and unit id, and keeps only the limit', () => {
    // Prepare
    const units = [
      unit('c', [finding({ effortMinutes: 10 })]),
      unit('b', [finding({ effortMinutes: 10 })]),
      unit('a', [finding({ effortMinutes: 5 }), finding({ effortMinutes: 5, line: 2 })]),
      unit('d', [finding({ effortMinutes: 30 })]),
      unit('e', [finding({ effortMinutes: 1, effortClass: 'required' })]),
      unit('clean', []),
    ];

    // Act
    const { topObjects } = summarizeFindings(units, { topObjects: 4 });

    // Assess
    expect(topObjects.map((entry) => entry.unitId)).toEqual(['e', 'd', 'a', 'b']);
    expect(topObjects[2]).toEqual({ unitId: 'a', findings: 2, requiredEffortMinutes: 0, cleanupEffortMinutes: 10, highestSeverity: 'minor' });
  });

  it.each([0, 1, 3])('lists at most %s top objects', (limit) => {
    const units = Array.from({ length: 5 }, (_, i) => unit(`u${i}`, [finding({ effortMinutes: i })]));
    expect(summarizeFindings(units, { topObjects: limit }).topObjects).toHaveLength(limit);
  });

  it('counts omitted findings and their effort per class in the totals but not in the breakdowns', () => {
    // Prepare: the analyzer listed one clean-up finding of 5 minutes and omitted 3 more, 40 minutes in all
    const effortByClass = { required: { low: 10, likely: 20, high: 60 }, cleanup: { low: 10, likely: 20, high: 40 } };
    const units = [unit('u1', [finding({ effortMinutes: 5 })], { omittedFindings: 3, effortMinutes: 40, effortByClass })];

    // Act
    const summary = summarizeFindings(units);

    // Assess
    expect(summary).toMatchObject({ findings: 4, omittedFindings: 3, requiredEffortMinutes: 20, cleanupEffortMinutes: 20, bySeverity: { minor: 1 } });
    expect(summary.byRule).toEqual({ obsolete_statement: { count: 1, effortMinutes: 5, effortClass: 'cleanup' } });
    expect(summary.topObjects).toEqual([{ unitId: 'u1', findings: 4, requiredEffortMinutes: 20, cleanupEffortMinutes: 20, highestSeverity: 'minor' }]);
  });

  it('counts omitted effort of unknown class as required', () => {
    // Prepare: an effort total without the split per class, above the listed findings
    const units = [unit('u1', [finding({ effortMinutes: 5 })], { omittedFindings: 1, effortMinutes: 35 })];

    // Act
    const summary = summarizeFindings(units);

    // Assess
    expect(summary).toMatchObject({ requiredEffortMinutes: 30, cleanupEffortMinutes: 5 });
  });

  it.each(['__proto__', 'constructor', 'toString'])('counts a rule named %s like any other', (ruleId) => {
    // Act
    const { byRule } = summarizeFindings([unit('u1', [finding({ ruleId }), finding({ ruleId, line: 2 })])]);

    // Assess
    expect(Object.getPrototypeOf(byRule)).toBe(Object.prototype);
    expect(Object.keys(byRule)).toEqual([ruleId]);
    expect(Object.getOwnPropertyDescriptor(byRule, ruleId)?.value).toEqual({ count: 2, effortMinutes: 10, effortClass: 'cleanup' });
    expect(JSON.parse(JSON.stringify(byRule))[ruleId]).toEqual({ count: 2, effortMinutes: 10, effortClass: 'cleanup' });
  });

  it('summarises no units as zeros', () => {
    expect(summarizeFindings([])).toEqual({
      findings: 0,
      omittedFindings: 0,
      acknowledgedFindings: 0,
      generatedFindings: 0,
      bySeverity: { blocker: 0, critical: 0, major: 0, minor: 0, info: 0 },
      byRule: {},
      requiredEffortMinutes: 0,
      cleanupEffortMinutes: 0,
      requiredEffortRange: { low: 0, likely: 0, high: 0 },
      cleanupEffortRange: { low: 0, likely: 0, high: 0 },
      personDays: { required: 0, cleanup: 0 },
      hoursPerPersonDay: 8,
      units: 0,
      unitsNotAnalyzed: 0,
      linesOfCode: 0,
      impactedUnits: { blocker: 0, critical: 0, major: 0, minor: 0, info: 0 },
      skippedFiles: 0,
      notAnalyzed: { units: 0, files: 0, lines: 0, byReason: {} },
      topObjects: [],
    });
  });

  it('counts what was not analysed by reason: units with their files and lines, and unreadable source files', () => {
    // Prepare
    const units: SummaryUnit[] = [
      unit('u1', [finding()]),
      { ...unit('u2', []), loc: 120, files: ['src/zcl_a.clas.abap', 'src/zcl_a.clas.locals_imp.abap'], notAnalyzed: { code: 'time-budget', message: 'stopped' } },
      { ...unit('u3', []), loc: 50_000, notAnalyzed: { code: 'too-large', message: 'too large' } },
    ];
    const skipped = [
      { reason: 'invalid-encoding', lines: 40 },
      { reason: 'too-large' },
      { reason: 'vendored' },
      { reason: 'unsupported-type' },
      { reason: 'minified-content', lines: 3 },
    ];

    // Act
    const summary = summarizeFindings(units, { skippedFiles: skipped.length, skipped });

    // Assess: vendored and unsupported files are left out on purpose, not "not analysed"
    expect(summary.notAnalyzed).toEqual({
      units: 2,
      files: 6,
      lines: 50_163,
      byReason: {
        'too-large': { units: 1, files: 2, lines: 50_000 },
        'time-budget': { units: 1, files: 2, lines: 120 },
        'invalid-encoding': { units: 0, files: 1, lines: 40 },
        'minified-content': { units: 0, files: 1, lines: 3 },
      },
    });
    expect(Object.keys(summary.notAnalyzed.byReason)).toEqual(['too-large', 'time-budget', 'invalid-encoding', 'minified-content']);
  });

  it.each([
    ['units[1].findings[0].severity', 'expected one of blocker, critical, major, minor, info', { severity: 'fatal' }],
    ['units[1].findings[0].line', 'expected a non-negative integer, got -1', { line: -1 }],
    ['units[1].findings[0].column', 'expected a non-negative integer, got 1.5', { column: 1.5 }],
    ['units[1].findings[0].effortMinutes', 'expected a non-negative number of minutes, got NaN', { effortMinutes: Number.NaN }],
    ['units[1].findings[0].ruleId', 'must not be empty', { ruleId: '' }],
    ['units[1].findings[0].file', 'expected a string, got undefined', { file: undefined }],
    ['units[1].findings[0].category', 'expected a string, got number', { category: 3 }],
    ['units[1].findings[0].effortClass', 'expected one of required, cleanup', { effortClass: 'nice-to-have' }],
    ['units[1].findings[0].disposition', 'expected one of acknowledged, generated', { disposition: 'ignored' }],
    ['units[1].findings[0].effortRange', 'expected low <= high', { effortRange: { low: 9, high: 3 } }],
  ])('rejects a bad finding at %s: %s', (path, reason, override) => {
    // Prepare
    const units = [unit('ok', [finding()]), unit('bad', [{ ...finding(), ...override } as never])];

    // Act
    const error = (() => {
      try {
        summarizeFindings(units);
      } catch (e) {
        return e;
      }
      return undefined;
    })();

    // Assess
    expect(error).toBeInstanceOf(InvalidReportInputError);
    expect(error).toMatchObject({ name: 'InvalidReportInputError', path, reason });
    expect((error as Error).message).toBe(`Invalid report input at ${path}: ${reason}`);
  });

  it.each([
    ['a repeated unit id', [unit('u1', []), unit('u1', [])], 'units[1].unitId'],
    ['an effort total below its findings', [unit('u1', [finding({ effortMinutes: 10 })], { effortMinutes: 5 })], 'units[0].effortMinutes'],
    [
      'a class total below its findings',
      [unit('u1', [finding({ effortMinutes: 10 })], { effortByClass: { required: { low: 0, likely: 0, high: 0 }, cleanup: { low: 1, likely: 5, high: 9 } } })],
      'units[0].effortByClass.cleanup.likely',
    ],
    ['findings on a unit not analysed', [unit('u1', [finding()], { notAnalyzed: { code: 'no-analyzer', message: '' } })], 'units[0].findings'],
    ['a negative line count', [unit('u1', [], { loc: -3 })], 'units[0].loc'],
    ['findings that are not a list', [{ unitId: 'u1', loc: 1, findings: {} }], 'units[0].findings'],
  ])('rejects %s naming %s', (_case, units, path) => {
    expect(() => summarizeFindings(units as SummaryUnit[])).toThrow(expect.objectContaining({ name: 'InvalidReportInputError', path }));
  });
});

describe('Class: FindingsSummarizer', () => {
  it('gives the same summary one unit at a time as all at once', () => {
    // Prepare
    const input = smallInput();
    const summarizer = new FindingsSummarizer();

    // Act
    for (const u of input.units) summarizer.add(u);
    summarizer.addSkippedFiles(1).addSkippedFiles(1);

    // Assess
    expect(summarizer.result()).toEqual(summarizeFindings(input.units, { skippedFiles: 2 }));
  });

  it('refuses a negative top-objects limit', () => {
    expect(() => new FindingsSummarizer({ topObjects: -1 })).toThrow(InvalidReportInputError);
  });
});

describe('Function: unitTotals()', () => {
  it.each([
    [[], { findings: 0, omittedFindings: 0, requiredEffortMinutes: 0, cleanupEffortMinutes: 0, highestSeverity: null }],
    [
      [finding({ severity: 'info', effortMinutes: 1 }), finding({ severity: 'major', effortMinutes: 2, effortClass: 'required' })],
      { findings: 2, requiredEffortMinutes: 2, cleanupEffortMinutes: 1, highestSeverity: 'major' },
    ],
  ])('totals %j', (findings, expected) => {
    expect(unitTotals({ findings })).toMatchObject(expected);
  });
});
