/**
 * Report inputs for the report tests: a small run with hostile strings in paths, names and messages, and a generator
 * of large runs.
 */
import type { Finding, ReportAssessment, ReportInput, ReportUnit, Severity } from '../../../functions/lib/report';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'obsolete_statement',
    severity: 'minor',
    message: 'MOVE is obsolete, use the assignment operator',
    file: 'src/zcl_a.clas.abap',
    line: 10,
    column: 3,
    effortMinutes: 5,
    effortClass: 'cleanup',
    ...overrides,
  };
}

function unit(unitId: string, findings: Finding[], overrides: Partial<ReportUnit> = {}): ReportUnit {
  return { unitId, path: `src/${unitId}.clas.abap`, language: 'abap', objectType: 'CLAS', objectName: unitId.toUpperCase(), loc: 100, findings, ...overrides };
}

const HOSTILE_MESSAGE = `Table <script>alert("x")</script> & 'VBUK' | *bold* [link](javascript:x) \`tick\`\nsecond line`;
const HOSTILE_PATH = 'src/<img src=x onerror=alert(1)>|a&b"c\'d`e.prog.abap';

/** A small run: three units with findings (one with hostile strings), one clean, one not analysed, two skipped files. */
function smallInput(): ReportInput {
  return {
    run: {
      customerId: 'acme',
      runId: 'run-1',
      rulePacks: [{ id: 'abap-s4hana', version: '1.0.0-abaplint.2.120.19-3f9a0c2b', language: 'abap' }],
      startedAt: '2024-05-01T10:00:00.000Z',
      finishedAt: '2024-05-01T10:05:00.000Z',
      sourceArchive: 'uploads/acme/erp-2024-05.zip',
    },
    units: [
      unit('zcl_a', [
        finding({ ruleId: 's4_simplified_table', severity: 'blocker', effortMinutes: 120, effortClass: 'required', line: 40, category: 'data-model', message: 'Writes to VBUK, which S/4HANA replaced' }),
        finding({ line: 12 }),
        finding({ line: 11 }),
      ]),
      unit('zcl_b', [finding({ ruleId: 'db_operation_in_loop', severity: 'major', effortMinutes: 30, file: 'src/zcl_b.clas.abap', category: 'performance' })]),
      unit('zhostile', [finding({ ruleId: 'native_sql', severity: 'critical', effortMinutes: 60, effortClass: 'required', file: HOSTILE_PATH, message: HOSTILE_MESSAGE })], {
        path: HOSTILE_PATH,
        objectType: 'PROG',
        objectName: 'Z<B>&"Q"',
      }),
      unit('zclean', []),
      unit('app_js', [], { language: 'javascript', objectType: undefined, objectName: undefined, path: 'web/app.js', notAnalyzed: { code: 'no-analyzer', message: 'No analyzer for javascript yet' } }),
    ],
    skippedFiles: [
      { path: 'web/vendor/angular.min.js', reason: 'minified vendor file' },
      { path: 'assets/<logo>.png', reason: 'binary file' },
    ],
  };
}

/** A reason with every character that could break out of Markdown or HTML (reasons are engine text, escaped all the same). */
const HOSTILE_REASON = 'Directives use <script>alert(1)</script> | *compile* & `replace` [x](javascript:y)';

/** The AngularJS pack's assessment of the web units of {@link assessedInput}. */
function angularAssessment(overrides: Partial<ReportAssessment> = {}): ReportAssessment {
  return {
    rulePack: { id: 'angularjs-angular', version: '1.0.0-test', language: 'javascript' },
    recommendation: {
      approach: 'rewrite',
      score: 494,
      threshold: 5245.21,
      reasons: [HOSTILE_REASON, '494 lines of code at or below the rewrite threshold of 5245.21: rewriting in Angular is cheaper'],
    },
    metrics: { loc: 494, controllers: 4, directivesNotUpgradable: 1, testFiles: 0 },
    findings: 2,
    findingsByRule: { cb_third_party_module: 1, cb_directive_not_upgradable_usage: 1 },
    ...overrides,
  };
}

/**
 * The small run plus two web files holding the AngularJS pack's cross-file findings (already merged into their
 * units, as assessRun does) and the pack's assessment.
 */
function assessedInput(): ReportInput {
  const input = smallInput();
  const web = (unitId: string, path: string, findings: Finding[]): ReportUnit =>
    unit(unitId, findings, { language: 'javascript', objectType: undefined, objectName: undefined, path, loc: 40 });
  return {
    ...input,
    run: { ...input.run, rulePacks: [...input.run.rulePacks, { id: 'angularjs-angular', version: '1.0.0-test', language: 'javascript' }] },
    units: [
      ...input.units,
      web('web_module', 'app/app.module.js', [
        finding({ ruleId: 'cb_third_party_module', severity: 'major', effortMinutes: 300, effortClass: 'required', file: 'app/app.module.js', line: 6, column: 13, category: 'dependencies', message: 'Depends on ngRoute' }),
      ]),
      web('web_directive', 'app/directives/star-rating.directive.js', [
        finding({ ruleId: 'cb_directive_not_upgradable_usage', severity: 'critical', effortMinutes: 75, effortClass: 'required', file: 'app/directives/star-rating.directive.js', line: 5, column: 39, category: 'directive', message: 'Directive used from 2 templates' }),
      ]),
    ],
    assessments: [angularAssessment()],
  };
}

const SEVERITY_CYCLE: Severity[] = ['blocker', 'critical', 'major', 'minor', 'info'];

/** A run with `unitCount` units of `findingsPerUnit` findings each, over a handful of rules. */
function largeInput(unitCount: number, findingsPerUnit: number): ReportInput {
  const units: ReportUnit[] = [];
  for (let u = 0; u < unitCount; u += 1) {
    const findings: Finding[] = [];
    for (let f = 0; f < findingsPerUnit; f += 1) {
      findings.push(
        finding({
          ruleId: `rule_${(u + f) % 17}`,
          severity: SEVERITY_CYCLE[(u * 7 + f) % 5],
          file: `src/z_obj_${u}.prog.abap`,
          line: f + 1,
          effortMinutes: ((u + f) % 6) * 5,
          // A rule's class is fixed: odd rules required, even ones clean-up.
          effortClass: ((u + f) % 17) % 2 === 1 ? 'required' : 'cleanup',
          message: `Finding ${f} of object ${u}: SELECT on BSEG without ORDER BY`,
        }),
      );
    }
    units.push(unit(`z_obj_${u}`, findings, { path: `src/z_obj_${u}.prog.abap`, objectType: 'PROG', objectName: `Z_OBJ_${u}`, loc: 500 }));
  }
  return { ...smallInput(), units, skippedFiles: [] };
}

export { angularAssessment, assessedInput, finding, HOSTILE_MESSAGE, HOSTILE_PATH, HOSTILE_REASON, largeInput, smallInput, unit };
