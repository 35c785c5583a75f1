/**
 * Report inputs for the report tests: a small run with hostile strings in paths, names and messages, and a generator
 * of large runs.
 */
import type { Finding, ReportInput, ReportUnit, Severity } from '../../../functions/lib/report';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'obsolete_statement',
    severity: 'minor',
    message: 'MOVE is obsolete, use the assignment operator',
    file: 'src/zcl_a.clas.abap',
    line: 10,
    column: 3,
    effortMinutes: 5,
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
        finding({ ruleId: 's4_simplified_table', severity: 'blocker', effortMinutes: 120, line: 40, category: 'data-model', message: 'Writes to VBUK, which S/4HANA replaced' }),
        finding({ line: 12 }),
        finding({ line: 11 }),
      ]),
      unit('zcl_b', [finding({ ruleId: 'db_operation_in_loop', severity: 'major', effortMinutes: 30, file: 'src/zcl_b.clas.abap', category: 'performance' })]),
      unit('zhostile', [finding({ ruleId: 'native_sql', severity: 'critical', effortMinutes: 60, file: HOSTILE_PATH, message: HOSTILE_MESSAGE })], {
        path: HOSTILE_PATH,
        objectType: 'PROG',
        objectName: 'Z<B>&"Q"',
      }),
      unit('zclean', []),
      unit('app_js', [], { language: 'javascript', objectType: undefined, objectName: undefined, path: 'web/app.js', notAnalyzed: { code: 'NO_ANALYZER', message: 'No analyzer for javascript yet' } }),
    ],
    skippedFiles: [
      { path: 'web/vendor/angular.min.js', reason: 'minified vendor file' },
      { path: 'assets/<logo>.png', reason: 'binary file' },
    ],
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
          message: `Finding ${f} of object ${u}: SELECT on BSEG without ORDER BY`,
        }),
      );
    }
    units.push(unit(`z_obj_${u}`, findings, { path: `src/z_obj_${u}.prog.abap`, objectType: 'PROG', objectName: `Z_OBJ_${u}`, loc: 500 }));
  }
  return { ...smallInput(), units, skippedFiles: [] };
}

export { finding, HOSTILE_MESSAGE, HOSTILE_PATH, largeInput, smallInput, unit };
