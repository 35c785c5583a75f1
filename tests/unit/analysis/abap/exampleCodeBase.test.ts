import { join } from 'node:path';

import { ABAP_RULES, analyzeUnit } from 'analysis-engine';
import type { UnitAnalysis } from 'analysis-engine';

import { loadAbapGitUnits } from '../support/abapGitUnits';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'abap-erp-custom');

/** Objects written to be clean: they must stay free of findings, or the rules report noise. */
const CLEAN_OBJECTS = [
  'src/common/zcl_erp_logger.clas',
  'src/common/zcl_erp_string_utils.clas',
  'src/common/zcx_erp_error.clas',
  'src/common/zif_erp_logger.intf',
  'src/fi/zcl_fi_payment_proposal.clas',
  'src/fi/zi_erp_vendorbalance.ddls',
  'src/mm/zcl_mm_material_repository.clas',
  'src/mm/zif_mm_material_repository.intf',
  'src/sd/zcl_sd_order_value_rules.clas',
];

/**
 * Every seeded kind of finding, as `rule/variant: text the message contains` (variant empty for rules without
 * variants). Not counts: the examples may grow, the kinds must stay.
 */
const SEEDED = [
  ...['move', 'add', 'compute', 'refresh', 'occurs', 'with-header-line', 'ranges', 'client-specified'].map((variant) => `obsolete_statement/${variant}: `),
  'hana_native_sql/: EXEC SQL',
  'hana_select_order_dependency/: BINARY SEARCH',
  'hana_select_order_dependency/: DELETE ADJACENT DUPLICATES',
  'hana_select_order_dependency/: AT NEW',
  'db_operation_in_loop/: inside LOOP',
  ...['VBUK', 'VBUP', 'KONV'].map((table) => `s4_simplified_table/read-not-filled: ${table}`),
  ...['MKPF', 'MSEG', 'BSID', 'BSAD', 'BSIK', 'BSAK', 'GLT0', 'FAGLFLEXT'].map((table) => `s4_simplified_table/read-compatibility-view: ${table}`),
  ...['MARD', 'MCHB'].map((table) => `s4_simplified_table/read-hybrid-table: ${table}`),
  ...['VBUK', 'VBUP', 'MSEG'].map((table) => `s4_simplified_table/write: ${table}`),
  'cds_legacy_view/: DEFINE VIEW',
  ...['XD01', 'MB1B'].map((tcode) => `s4_removed_transaction/batch-input: ${tcode}`),
  ...['XK02', 'FK03', 'MB03'].map((tcode) => `s4_removed_transaction/dialog: ${tcode}`),
  's4_removed_transaction/submit: RFDKLI40',
  's4_material_number_length/declaration: a material number field declared with 18 characters',
  's4_material_number_length/offset-length: an offset/length access of 18 characters',
  's4_material_number_length/move-truncation: moved into a field of 18 characters',
  ...['WS_UPLOAD', 'WS_DOWNLOAD', 'WS_FILENAME_GET', 'POPUP_TO_CONFIRM_STEP', 'GUID_CREATE'].map((name) => `obsolete_function_module/: ${name}`),
  'call_transaction_authority_check/: WITH AUTHORITY-CHECK',
  'review_dynamic_code/dynamic-table: named only at run time',
  'obsolete_statement/posix-regex: POSIX',
];

describe('Example code base: examples/abap-erp-custom', () => {
  let results: UnitAnalysis[];

  beforeAll(() => {
    results = loadAbapGitUnits(EXAMPLE).map((unit) => analyzeUnit(unit));
  });

  it('holds a few thousand lines in the expected objects', () => {
    // Act
    const loc = results.reduce((sum, result) => sum + result.loc, 0);

    // Assess
    expect(loc).toBeGreaterThanOrEqual(3000);
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(new Set(results.map((result) => result.unitId.split('.').pop()))).toEqual(new Set(['clas', 'intf', 'prog', 'fugr', 'ddls']));
  });

  it('parses completely', () => {
    // Act
    const broken = results.filter((result) => result.parseErrors > 0 || result.findings.some((finding) => finding.category === 'syntax' || finding.category === 'engine'));

    // Assess
    expect(broken.map((result) => result.unitId)).toEqual([]);
  });

  it.each(SEEDED)('reports the seeded %s', (seeded) => {
    // Prepare
    const separator = seeded.indexOf(': ');
    const [ruleId, variant] = seeded.slice(0, separator).split('/');
    const text = seeded.slice(separator + 2);

    // Act
    const found = results
      .flatMap((result) => result.findings)
      .filter((finding) => finding.ruleId === ruleId && (finding.variant ?? '') === variant && finding.message.includes(text));

    // Assess
    expect(found.length).toBeGreaterThan(0);
  });

  it('reports the simplified table a CDS view reads', () => {
    // Act
    const findings = results.find((result) => result.unitId === 'src/sd/zi_erp_sostatus.ddls')?.findings ?? [];

    // Assess
    expect(findings.filter((finding) => finding.ruleId === 's4_simplified_table').map((finding) => finding.message)).toEqual([expect.stringContaining('VBUK')]);
  });

  it('reports native SQL on the consolidation database connection no more, and the Oracle statement on the primary one', () => {
    // Act
    const native = results.flatMap((result) => result.findings.filter((finding) => finding.ruleId === 'hana_native_sql').map((finding) => finding.file));

    // Assess
    expect(native).toEqual(['src/mm/zmm_reorder_proposal.prog.abap']);
  });

  it('reports the POSIX expression kept with its pragma apart, as acknowledged, with no effort', () => {
    // Act
    const [acknowledged] = results.flatMap((result) => result.findings.filter((finding) => finding.disposition !== undefined));

    // Assess
    expect(acknowledged).toMatchObject({ variant: 'posix-regex', disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX', effortMinutes: 0 });
  });

  it('reports only rules of the rule table', () => {
    // Act
    const ruleIds = new Set(results.flatMap((result) => result.findings.map((finding) => finding.ruleId)));

    // Assess
    expect([...ruleIds].filter((id) => !ABAP_RULES.some((rule) => rule.id === id))).toEqual([]);
    expect(ruleIds.size).toBeGreaterThanOrEqual(10);
  });

  it('analyses the order status report with its includes, each finding in its own include, none in the clean report frame', () => {
    // Act
    const report = results.find((result) => result.unitId === 'src/sd/zsd_order_status_report.prog');
    const files = new Set(report?.findings.map((finding) => finding.file));

    // Assess
    expect(report?.findings.length).toBeGreaterThan(0);
    expect([...files].sort()).toEqual(['src/sd/zsd_order_status_f01.prog.abap', 'src/sd/zsd_order_status_top.prog.abap']);
    expect(results.some((result) => result.unitId === 'src/sd/zsd_order_status_top.prog')).toBe(false);
  });

  it.each(CLEAN_OBJECTS)('reports nothing for the clean object %s', (unitId) => {
    // Act
    const result = results.find((candidate) => candidate.unitId === unitId);

    // Assess
    expect(result?.findings).toEqual([]);
  });
});
