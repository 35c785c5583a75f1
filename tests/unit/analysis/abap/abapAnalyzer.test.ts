import { ABAP_RULES, ANALYZER_ERROR_RULE_ID, createAbapAnalyzer } from 'analysis-engine';
import type { AbapRuleDefinition } from 'analysis-engine';

import { abapUnit, at } from '../support/units';

const analyzer = createAbapAnalyzer();
const analyze = (text: string, name?: string) => analyzer.analyze(abapUnit(text, name));

/** Severity and effort the rule table gives a rule or variant (the effort model's values, not repeated here). */
const outcome = (ruleId: string, variant?: string) => {
  const rule = ABAP_RULES.find((candidate) => candidate.id === ruleId);
  const chosen = { ...rule, ...(variant === undefined ? {} : rule?.variants?.[variant]) };
  return { severity: chosen.severity, effortMinutes: chosen.effortMinutes };
};

describe('Function: createAbapAnalyzer()', () => {
  describe('clean code', () => {
    it('reports no findings for modern ABAP', () => {
      // Prepare
      const text = [
        'CLASS zcl_clean DEFINITION PUBLIC FINAL CREATE PUBLIC.',
        '  PUBLIC SECTION.',
        '    METHODS run IMPORTING iv_matnr TYPE matnr RETURNING VALUE(rv_text) TYPE string.',
        'ENDCLASS.',
        'CLASS zcl_clean IMPLEMENTATION.',
        '  METHOD run.',
        '    SELECT matnr, maktx FROM makt WHERE matnr = @iv_matnr ORDER BY matnr INTO TABLE @DATA(lt_texts).',
        '    READ TABLE lt_texts INTO DATA(ls_text) WITH KEY matnr = iv_matnr BINARY SEARCH.',
        '    rv_text = |{ ls_text-maktx }|.',
        '  ENDMETHOD.',
        'ENDCLASS.',
      ].join('\n');

      // Act
      const result = analyze(text, 'zcl_clean.clas.abap');

      // Assess
      expect(result.findings).toEqual([]);
      expect(result.parseErrors).toBe(0);
      expect(result.loc).toBe(11);
    });
  });

  describe('rules found and not found', () => {
    it.each([
      ['MOVE … TO', "REPORT z.\nDATA a TYPE i.\nMOVE 1 TO a.", ['obsolete_statement@3']],
      ['assignment', "REPORT z.\nDATA a TYPE i.\na = 1.", []],
      ['OCCURS', 'REPORT z.\nDATA: BEGIN OF t OCCURS 0,\n  f TYPE i,\nEND OF t.', ['obsolete_statement@2']],
      ['REFRESH', 'REPORT z.\nDATA t TYPE STANDARD TABLE OF i.\nREFRESH t.', ['obsolete_statement@3']],
      ['CLEAR', 'REPORT z.\nDATA t TYPE STANDARD TABLE OF i.\nCLEAR t.', []],
      ['ADD … TO', 'REPORT z.\nDATA a TYPE i.\nADD 1 TO a.', ['obsolete_statement@3']],
      ['COMPUTE', 'REPORT z.\nDATA a TYPE i.\nCOMPUTE a = 1 + 1.', ['obsolete_statement@3']],
      ['TYPE-POOLS (switched off)', 'REPORT z.\nTYPE-POOLS slis.', []],
      ['EXEC SQL', 'REPORT z.\nEXEC SQL.\n  COMMIT\nENDEXEC.', ['hana_native_sql@2']],
      ['DB read in LOOP', 'REPORT z.\nDATA t TYPE STANDARD TABLE OF i.\nDATA x TYPE i.\nLOOP AT t INTO x.\n  SELECT SINGLE mandt FROM t000 INTO @DATA(m).\nENDLOOP.', ['db_operation_in_loop@5']],
      ['DB read before LOOP', 'REPORT z.\nSELECT mandt FROM t000 INTO TABLE @DATA(t) ORDER BY mandt.\nLOOP AT t INTO DATA(x).\nENDLOOP.', []],
      ['CALL TRANSACTION without check', "REPORT z.\nCALL TRANSACTION 'VA03'.", ['call_transaction_authority_check@2']],
      ['CALL TRANSACTION with check', "REPORT z.\nCALL TRANSACTION 'VA03' WITH AUTHORITY-CHECK.", []],
      ['obsolete function module', "REPORT z.\nCALL FUNCTION 'WS_UPLOAD'.", ['obsolete_function_module@2']],
      ['current function module', "REPORT z.\nCALL FUNCTION 'BAPI_TRANSACTION_COMMIT'.", []],
    ])('%s', (_name, text, expected) => {
      // Act
      const result = analyze(text);

      // Assess
      expect(at(result.findings)).toEqual(expected);
    });

    it('reports the column of the statement, 1-based', () => {
      // Act
      const [finding] = analyze('REPORT z.\nDATA a TYPE i.\n    MOVE 1 TO a.').findings;

      // Assess
      expect(finding).toMatchObject({ ruleId: 'obsolete_statement', variant: 'move', line: 3, column: 5, category: 'obsolete-syntax', ...outcome('obsolete_statement', 'move') });
    });
  });

  describe('rule hana_select_order_dependency', () => {
    it.each([
      ['READ … BINARY SEARCH after unordered SELECT', "SELECT * FROM t000 INTO TABLE lt_t.\nREAD TABLE lt_t INTO ls_t WITH KEY mandt = '000' BINARY SEARCH.", ['hana_select_order_dependency@2']],
      ['DELETE ADJACENT DUPLICATES after unordered SELECT', 'SELECT mandt FROM t000 INTO TABLE lt_t.\nDELETE ADJACENT DUPLICATES FROM lt_t.', ['hana_select_order_dependency@2']],
      ['AT NEW in LOOP over unordered SELECT', 'SELECT * FROM t000 INTO TABLE lt_t.\nLOOP AT lt_t INTO ls_t.\n  AT NEW mandt.\n  ENDAT.\nENDLOOP.', ['hana_select_order_dependency@2']],
      ['inline declaration target', "SELECT * FROM t000 INTO TABLE @DATA(lt_t).\nREAD TABLE lt_t INTO DATA(ls_t) WITH KEY mandt = '000' BINARY SEARCH.", ['hana_select_order_dependency@2']],
      ['SELECT with ORDER BY', "SELECT * FROM t000 INTO TABLE lt_t ORDER BY PRIMARY KEY.\nREAD TABLE lt_t INTO ls_t WITH KEY mandt = '000' BINARY SEARCH.", []],
      ['SORT in between', "SELECT * FROM t000 INTO TABLE lt_t.\nSORT lt_t BY mandt.\nREAD TABLE lt_t INTO ls_t WITH KEY mandt = '000' BINARY SEARCH.", []],
      ['READ without BINARY SEARCH', "SELECT * FROM t000 INTO TABLE lt_t.\nREAD TABLE lt_t INTO ls_t WITH KEY mandt = '000'.", []],
      ['another table read', "SELECT * FROM t000 INTO TABLE lt_t.\nREAD TABLE lt_other INTO ls_t WITH KEY mandt = '000' BINARY SEARCH.", []],
    ])('%s', (_name, body, expected) => {
      // Prepare: line 1 is the REPORT statement, so the SELECT is on line 2
      const text = `REPORT z.\n${body}`;

      // Act
      const findings = analyze(text).findings.filter((finding) => finding.ruleId === 'hana_select_order_dependency');

      // Assess
      expect(at(findings)).toEqual(expected);
    });

    it('does not follow a table from one FORM into another', () => {
      // Prepare
      const text = [
        'REPORT z.',
        'FORM fill.',
        '  SELECT * FROM t000 INTO TABLE gt_t.',
        'ENDFORM.',
        'FORM use.',
        "  READ TABLE gt_t INTO gs_t WITH KEY mandt = '000' BINARY SEARCH.",
        'ENDFORM.',
      ].join('\n');

      // Act
      const findings = analyze(text).findings.filter((finding) => finding.ruleId === 'hana_select_order_dependency');

      // Assess
      expect(findings).toEqual([]);
    });

    it('names the line of the dependent statement, not its code', () => {
      // Act
      const [finding] = analyze("REPORT z.\nSELECT * FROM t000 INTO TABLE lt_secret_name.\nREAD TABLE lt_secret_name INTO ls WITH KEY mandt = '0' BINARY SEARCH.").findings;

      // Assess
      expect(finding.message).toContain('at line 3');
      expect(finding.message).not.toMatch(/secret/i);
    });
  });

  describe('rule s4_simplified_table', () => {
    it.each([
      ['SELECT from VBUK', 'SELECT * FROM vbuk INTO TABLE lt_t.', 'read-not-filled', 'VBUK'],
      ['JOIN with KONV', 'SELECT k~kschl FROM vbak AS v INNER JOIN konv AS k ON k~knumv = v~knumv INTO TABLE @DATA(lt_t).', 'read-not-filled', 'KONV'],
      ['SELECT from BSIS', 'SELECT * FROM bsis INTO TABLE lt_t.', 'read-compatibility-view', 'BSIS'],
      ['OPEN CURSOR on MSEG', 'OPEN CURSOR lv_c FOR SELECT * FROM mseg.', 'read-compatibility-view', 'MSEG'],
      ['SELECT from MARD', 'SELECT * FROM mard INTO TABLE lt_t.', 'read-hybrid-table', 'MARD'],
      ['UPDATE VBUK', "UPDATE vbuk SET gbstk = 'C' WHERE vbeln = lv_v.", 'write', 'VBUK'],
      ['INSERT GLT0', 'INSERT glt0 FROM TABLE lt_t.', 'write', 'GLT0'],
      ['MODIFY MSEG', 'MODIFY mseg FROM ls_m.', 'write', 'MSEG'],
      ['DELETE BSAD', "DELETE FROM bsad WHERE bukrs = '1000'.", 'write', 'BSAD'],
      ['DELETE dbtab FROM wa', 'DELETE vbup FROM ls_vbup.', 'write', 'VBUP'],
      ['UPDATE MARD stock', 'UPDATE mard SET labst = 0 WHERE matnr = lv_m.', 'write-hybrid-table', 'MARD'],
    ])('%s', (_name, statement, variant, table) => {
      // Act
      const findings = analyze(`REPORT z.\n${statement}`).findings.filter((finding) => finding.ruleId === 's4_simplified_table');

      // Assess
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ line: 2, variant, category: 's4-data-model', ...outcome('s4_simplified_table', variant) });
      expect(findings[0].message).toContain(table);
    });

    it.each([
      ['read-not-filled', 'critical'],
      ['read-compatibility-view', 'major'],
      ['read-hybrid-table', 'minor'],
      ['write', 'blocker'],
    ])('rates %s as %s', (variant, severity) => {
      // Act + Assess
      expect(outcome('s4_simplified_table', variant).severity).toBe(severity);
    });

    it.each([
      ['an unchanged table', 'SELECT * FROM vbak INTO TABLE lt_t.'],
      ['a dynamic table name', 'SELECT * FROM (lv_table) INTO TABLE lt_t.'],
      ['a type reference only', 'DATA ls_status TYPE vbuk.'],
      ['a comment', '* SELECT * FROM vbuk'],
      ['a literal', "DATA lv_t TYPE string VALUE 'VBUK'."],
      ['an internal table named like a table', 'DATA konv TYPE STANDARD TABLE OF i.\nDATA ls TYPE i.\nMODIFY konv FROM ls.\nDELETE konv FROM ls.'],
      ['an internal table as data source', 'DATA konv TYPE STANDARD TABLE OF t000.\nSELECT * FROM @konv AS k INTO TABLE @DATA(lt_t).'],
    ])('ignores %s', (_name, statement) => {
      // Act
      const findings = analyze(`REPORT z.\n${statement}`).findings.filter((finding) => finding.ruleId === 's4_simplified_table');

      // Assess
      expect(findings).toEqual([]);
    });

    it('reports a read in a subquery of a write as a read', () => {
      // Act
      const findings = analyze('REPORT z.\nDELETE FROM zlog WHERE vbeln IN ( SELECT vbeln FROM vbuk ).').findings;

      // Assess
      expect(findings.map((finding) => finding.severity)).toEqual(['critical']);
    });
  });

  describe('rule s4_simplified_table on hybrid tables', () => {
    it.each([
      ['a master data field', 'SELECT SINGLE prctr FROM marc INTO @DATA(lv) WHERE matnr = @lv_m.', []],
      ['master data fields of a join', 'SELECT a~matnr, b~lgort FROM marc AS a INNER JOIN mard AS b ON b~matnr = a~matnr INTO TABLE @DATA(lt).', []],
      ['a count', 'SELECT COUNT(*) FROM mchb INTO @DATA(lv) WHERE matnr = @lv_m.', []],
      ['a stock field', 'SELECT SINGLE labst FROM mard INTO @DATA(lv) WHERE matnr = @lv_m.', ['MARD fields LABST']],
      ['a stock field in a condition', 'SELECT matnr FROM mard INTO TABLE @DATA(lt) WHERE labst > 0.', ['MARD fields LABST']],
      ['a stock field of one table of a join', 'SELECT a~matnr, b~labst FROM marc AS a INNER JOIN mard AS b ON b~matnr = a~matnr INTO TABLE @DATA(lt).', ['MARD fields LABST']],
      ['all fields', 'SELECT SINGLE * FROM marc INTO @DATA(ls) WHERE matnr = @lv_m.', ['MARC all fields']],
      ['fields named at run time', 'SELECT (lt_fields) FROM mbew INTO TABLE @lt WHERE matnr = @lv_m.', ['MBEW all fields']],
      ['a master data write', "UPDATE marc SET dispo = '001' WHERE matnr = lv_m.", []],
      ['a whole-row write', 'MODIFY mard FROM ls_mard.', ['MARD whole rows']],
    ])('judges a read or write of %s by the fields it names', (_name, statement, expected) => {
      // Act
      const findings = analyze(`REPORT z.\nDATA lt_fields TYPE string_table.\n${statement}`).findings.filter((finding) => finding.ruleId === 's4_simplified_table');

      // Assess
      expect(findings.map((finding) => /: (\w+ (?:fields [A-Z0-9, ]+|all fields|whole rows)) \(/.exec(finding.message)?.[1])).toEqual(expected);
    });
  });

  describe('rule s4_simplified_table in CDS', () => {
    it.each([
      ['FROM of a view entity', 'define view entity ZI_A as select from konv { key knumv }', 'KONV', 'critical', 1],
      ['JOIN of a DDIC-based view', "@AbapCatalog.sqlViewName: 'ZVA'\ndefine view ZI_A as select from vbak\n  inner join vbuk on vbuk.vbeln = vbak.vbeln\n{ key vbak.vbeln, vbuk.gbstk }", 'VBUK', 'critical', 3],
      ['association target', 'define view entity ZI_A as select from vbak association [0..*] to bsid as _Items on _Items.kunnr = $projection.kunnr { key vbeln, kunnr, _Items }', 'BSID', 'major', 1],
    ])('reports %s', (_name, text, table, severity, line) => {
      // Act
      const findings = analyze(text, 'zi_a.ddls.asddls').findings.filter((finding) => finding.ruleId === 's4_simplified_table');

      // Assess
      expect(findings).toEqual([expect.objectContaining({ severity, line, file: 'src/zi_a.ddls.asddls' })]);
      expect(findings[0].message).toContain(table);
    });

    it('ignores a view on unchanged tables', () => {
      // Act
      const result = analyze('define view entity ZI_A as select from vbak inner join vbap on vbap.vbeln = vbak.vbeln { key vbak.vbeln }', 'zi_a.ddls.asddls');

      // Assess
      expect(result.findings).toEqual([]);
    });
  });

  describe('rule s4_removed_transaction', () => {
    it.each([
      ['batch input', "CALL TRANSACTION 'XD01' WITH AUTHORITY-CHECK USING lt_bdc MODE 'N'.", 'batch-input'],
      ['dialog call', "CALL TRANSACTION 'XK02' WITH AUTHORITY-CHECK AND SKIP FIRST SCREEN.", 'dialog'],
      ['LEAVE TO TRANSACTION', "LEAVE TO TRANSACTION 'MB03'.", 'dialog'],
      ['constant', "CONSTANTS lc_tcode TYPE sy-tcode VALUE 'MB1A'.\nCALL TRANSACTION lc_tcode WITH AUTHORITY-CHECK USING lt_bdc.", 'batch-input'],
      ['component of a constant structure', "CONSTANTS: BEGIN OF c_t,\n  show TYPE sy-tcode VALUE 'FK03',\nEND OF c_t.\nLEAVE TO TRANSACTION c_t-show.", 'dialog'],
      ['ABAP4_CALL_TRANSACTION', "CALL FUNCTION 'ABAP4_CALL_TRANSACTION' EXPORTING tcode = 'FD32'.", 'dialog'],
      ['ABAP4_CALL_TRANSACTION with USING_TAB', "CALL FUNCTION 'ABAP4_CALL_TRANSACTION' EXPORTING tcode = 'XK01' TABLES using_tab = lt_bdc.", 'batch-input'],
      ['SUBMIT of a removed report', 'SUBMIT rfdkli40 AND RETURN.', 'submit'],
    ])('%s', (_name, statements, variant) => {
      // Act
      const findings = analyze(`REPORT z.\n${statements}`).findings.filter((finding) => finding.ruleId === 's4_removed_transaction');

      // Assess
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ variant, ...outcome('s4_removed_transaction', variant) });
      expect(findings[0].severity).toBe('blocker');
    });

    it.each([
      ['a current transaction', "CALL TRANSACTION 'VA03' WITH AUTHORITY-CHECK."],
      ['a code known only at runtime', 'CALL TRANSACTION lv_tcode WITH AUTHORITY-CHECK.'],
      ['a method named like a transaction', 'lo_master->xd01( ).'],
      ['a report that still exists', 'SUBMIT rfitemar AND RETURN.'],
    ])('ignores %s', (_name, statement) => {
      // Act
      const findings = analyze(`REPORT z.\n${statement}`).findings.filter((finding) => finding.ruleId === 's4_removed_transaction');

      // Assess
      expect(findings).toEqual([]);
    });
  });

  describe('rule s4_material_number_length', () => {
    it.each([
      ['DATA (18) TYPE c', 'DATA lv_matnr(18) TYPE c.', 2],
      ['DATA (18) implicit type', 'DATA lv_matnr(18).', 2],
      ['DATA TYPE c LENGTH 18', 'DATA lv_material TYPE c LENGTH 18.', 2],
      ['TYPES component', 'TYPES: BEGIN OF ty,\n  matnr TYPE c LENGTH 18,\nEND OF ty.', 3],
      ['PARAMETERS', 'PARAMETERS p_matnr(18) TYPE c.', 2],
      ['CHAR18', 'DATA lv_matnr TYPE char18.', 2],
      ['table of CHAR18', 'DATA lt_matnr TYPE STANDARD TABLE OF char18 WITH EMPTY KEY.', 2],
      ['method parameter', 'CLASS lcl DEFINITION.\n  PUBLIC SECTION.\n    METHODS m IMPORTING iv_matnr TYPE char18.\nENDCLASS.', 4],
      ['offset/length on a component', 'lv_x = ls_row-matnr+0(18).', 2],
      ['length on a field', 'WRITE lv_matnr(18).', 2],
    ])('reports %s', (_name, statement, line) => {
      // Act
      const findings = analyze(`REPORT z.\n${statement}`).findings.filter((finding) => finding.ruleId === 's4_material_number_length');

      // Assess
      expect(at(findings)).toEqual([`s4_material_number_length@${line}`]);
    });

    it.each([
      ['typed with MATNR', 'DATA lv_matnr TYPE matnr.'],
      ['another length', 'DATA lv_matnr TYPE c LENGTH 40.'],
      ['another field of length 18', 'DATA lv_barcode TYPE c LENGTH 18.'],
      ['a table of MATNR', 'DATA lt_matnr TYPE STANDARD TABLE OF matnr WITH EMPTY KEY.'],
      ['another offset length', 'lv_x = ls_row-matnr+0(10).'],
    ])('ignores %s', (_name, statement) => {
      // Act
      const findings = analyze(`REPORT z.\n${statement}`).findings.filter((finding) => finding.ruleId === 's4_material_number_length');

      // Assess
      expect(findings).toEqual([]);
    });
  });

  describe('variants and effort ranges', () => {
    it('gives each finding its variant and the effort range of the effort model', () => {
      // Act
      const [finding] = analyze("REPORT z.\nUPDATE vbuk SET gbstk = 'C' WHERE vbeln = '1'.").findings;

      // Assess
      expect(finding).toMatchObject({ ruleId: 's4_simplified_table', variant: 'write', severity: 'blocker', effortMinutes: 340, effortRange: { low: 120, high: 960 } });
    });

    it('classifies every obsolete statement by its abaplint message', () => {
      // Act
      const findings = analyze('REPORT z.\nDATA a TYPE i.\nDATA t TYPE STANDARD TABLE OF i.\nADD 1 TO a.\nREFRESH t.\nFIND REGEX \'a\' IN \'abc\'.').findings;

      // Assess
      expect(findings.map((finding) => finding.variant)).toEqual(['add', 'refresh', 'posix-regex']);
      expect(findings.every((finding) => !finding.message.includes('(Statement'))).toBe(true);
    });
  });

  describe('effort classes and one remediation per statement', () => {
    it('classes each finding as required or clean-up, as the effort model says', () => {
      // Act
      const findings = analyze("REPORT z.\nDATA a TYPE i.\nMOVE 1 TO a.\nUPDATE vbuk SET gbstk = 'C' WHERE vbeln = '1'.").findings;

      // Assess
      expect(findings.map((finding) => `${finding.ruleId}/${finding.variant}:${finding.effortClass}`)).toEqual(['obsolete_statement/move:cleanup', 's4_simplified_table/write:required']);
    });

    it('charges OCCURS and WITH HEADER LINE of one declaration once, with the more expensive finding', () => {
      // Act
      const findings = analyze('REPORT z.\nDATA itab TYPE i OCCURS 0 WITH HEADER LINE.\nDATA other TYPE i OCCURS 10.').findings;

      // Assess
      expect(findings.map((finding) => `${finding.variant}@${finding.line}:${finding.effortMinutes}`)).toEqual([
        'occurs@2:0',
        'with-header-line@2:' + String(outcome('obsolete_statement', 'with-header-line').effortMinutes),
        'occurs@3:' + String(outcome('obsolete_statement', 'occurs').effortMinutes),
      ]);
      expect(findings[0]).toMatchObject({ effortRange: { low: 0, high: 0 }, message: expect.stringContaining('[same statement as the obsolete_statement/with-header-line finding, charged once there]') });
    });

    it('charges findings of one statement once per class, and declarations of one chain each', () => {
      // Act
      const findings = analyze("REPORT z.\nDATA: a TYPE i OCCURS 0 WITH HEADER LINE, b TYPE i OCCURS 0.\nLOOP AT a.\n  SELECT SINGLE gbstk FROM vbuk INTO @DATA(lv) WHERE vbeln = '1'.\nENDLOOP.").findings;

      // Assess: the chain declares two tables; the read in the loop is required work and clean-up work at once
      const charged = findings.filter((finding) => finding.effortMinutes > 0).map((finding) => `${finding.ruleId}/${finding.variant ?? ''}@${finding.line}`);
      expect(charged).toEqual(['obsolete_statement/with-header-line@2', 'obsolete_statement/occurs@2', 'db_operation_in_loop/@4', 's4_simplified_table/read-not-filled@4']);
    });
  });

  describe('one review per procedure', () => {
    it('charges INSERT REPORT in the branches of one method once, and again in another method', () => {
      // Prepare
      const text = [
        'CLASS zcl_gen DEFINITION.',
        '  PUBLIC SECTION.',
        '    METHODS: a IMPORTING iv_name TYPE string, b IMPORTING iv_name TYPE string.',
        'ENDCLASS.',
        'CLASS zcl_gen IMPLEMENTATION.',
        '  METHOD a.',
        '    DATA lt_source TYPE STANDARD TABLE OF string WITH EMPTY KEY.',
        '    IF iv_name IS INITIAL.',
        '      INSERT REPORT iv_name FROM lt_source.',
        '    ELSE.',
        "      INSERT REPORT iv_name FROM lt_source STATE 'I'.",
        '    ENDIF.',
        '    SELECT COUNT(*) FROM (iv_name).',
        '  ENDMETHOD.',
        '  METHOD b.',
        '    DATA lt_source TYPE STANDARD TABLE OF string WITH EMPTY KEY.',
        '    INSERT REPORT iv_name FROM lt_source.',
        '  ENDMETHOD.',
        'ENDCLASS.',
      ].join('\n');

      // Act
      const findings = analyze(text, 'zcl_gen.clas.abap').findings.filter((finding) => finding.ruleId === 'review_dynamic_code');

      // Assess
      const full = outcome('review_dynamic_code', 'insert-report').effortMinutes;
      expect(findings.map((finding) => `${finding.variant}@${finding.line}:${finding.effortMinutes}`)).toEqual([
        `insert-report@9:${full}`,
        'insert-report@11:0',
        `dynamic-table@13:${outcome('review_dynamic_code', 'dynamic-table').effortMinutes}`,
        `insert-report@17:${full}`,
      ]);
      expect(findings[1].message).toContain('[same procedure as the review_dynamic_code/insert-report finding on line 9, reviewed once there]');
    });
  });

  describe('findings acknowledged in the code', () => {
    it.each([
      ["FIND REGEX 'a' IN lv ##REGEX_POSIX.", 'obsolete_statement', '##REGEX_POSIX'],
      ["SELECT * FROM vbuk INTO TABLE @DATA(lt) WHERE vbeln = '1'. \"#EC CI_DB_OPERATION_OK[2198647]", 's4_simplified_table', '"#EC CI_DB_OPERATION_OK'],
      ["CALL TRANSACTION 'FB03'. \"#EC CI_CALLTA", 'call_transaction_authority_check', '"#EC CI_CALLTA'],
    ])('reports %s apart as acknowledged, with no effort', (statement, ruleId, marker) => {
      // Act
      const findings = analyze(`REPORT z.\nDATA lv TYPE string.\n${statement}`).findings;

      // Assess
      expect(findings).toEqual([expect.objectContaining({ ruleId, disposition: 'acknowledged', acknowledgedBy: marker, effortMinutes: 0, effortRange: { low: 0, high: 0 } })]);
    });

    it('takes a pseudo comment on any line of a statement that spans several', () => {
      // Act
      const findings = analyze(["REPORT z.", "SELECT * \"#EC CI_DB_OPERATION_OK", "  FROM vbuk", "  INTO TABLE @DATA(lt)", "  WHERE vbeln = '1'."].join('\n')).findings;

      // Assess
      expect(findings).toEqual([expect.objectContaining({ ruleId: 's4_simplified_table', line: 3, disposition: 'acknowledged' })]);
    });

    it('does not take a marker meant for another check, nor one on another statement', () => {
      // Act
      const findings = analyze(["REPORT z.", "DATA lv TYPE string.", "FIND REGEX 'a' IN lv. \"#EC CI_NOORDER", "MOVE 1 TO lv ##REGEX_POSIX."].join('\n')).findings;

      // Assess
      expect(findings.map((finding) => `${finding.variant}:${finding.disposition ?? 'charged'}`)).toEqual(['posix-regex:charged', 'move:charged']);
    });
  });

  describe('generated code', () => {
    it('reports findings of an SE54 maintenance function module and include apart, and the customer include of the group charged', () => {
      // Prepare
      const unit = abapUnit('FUNCTION-POOL zfg MESSAGE-ID sv.\nINCLUDE lsvimdat.\nINCLUDE lzfgt00.', 'zfg.fugr.lzfgtop.abap', [
        { path: 'src/zfg.fugr.saplzfg.abap', text: 'INCLUDE lzfgtop.\nINCLUDE lzfgf01.' },
        { path: 'src/zfg.fugr.lzfgt00.abap', text: '*---------------------------------------------------------------------*\n*    view related data declarations\n*---------------------------------------------------------------------*\nDATA total TYPE i OCCURS 0.' },
        { path: 'src/zfg.fugr.tableframe_zfg.abap', text: 'FUNCTION tableframe_zfg.\n  DATA lv TYPE i.\n  MOVE 1 TO lv.\nENDFUNCTION.' },
        { path: 'src/zfg.fugr.lzfgf01.abap', text: 'FORM check_entry.\n  DATA lv TYPE i.\n  MOVE 1 TO lv.\nENDFORM.' },
      ]);

      // Act
      const { findings } = analyzer.analyze(unit);

      // Assess
      expect(findings.map((finding) => `${finding.file}:${finding.variant}:${finding.disposition ?? 'charged'}`)).toEqual([
        'src/zfg.fugr.lzfgf01.abap:move:charged',
        'src/zfg.fugr.lzfgt00.abap:occurs:generated',
        'src/zfg.fugr.tableframe_zfg.abap:move:generated',
      ]);
      expect(findings.filter((finding) => finding.disposition === 'generated').every((finding) => finding.effortMinutes === 0)).toBe(true);
    });

    it('reports findings of a Gateway data provider base class apart, and its _EXT subclass charged', () => {
      // Prepare
      const base = ['CLASS zcl_svc_dpc DEFINITION PUBLIC INHERITING FROM /iwbep/cl_mgw_push_abs_data ABSTRACT CREATE PUBLIC.', '  PUBLIC SECTION.', '    INTERFACES /iwbep/if_sb_gen_dpc_injection.', '    METHODS m.', 'ENDCLASS.', 'CLASS zcl_svc_dpc IMPLEMENTATION.', '  METHOD m.', '    DATA lv TYPE i.', '    MOVE 1 TO lv.', '  ENDMETHOD.', 'ENDCLASS.'];
      const extension = base.map((line) => line.replace(/zcl_svc_dpc/g, 'zcl_svc_dpc_ext').replace(/    INTERFACES .*/, '    DATA x TYPE i.'));

      // Act
      const [generated] = analyze(base.join('\n'), 'zcl_svc_dpc.clas.abap').findings;
      const [customer] = analyze(extension.join('\n'), 'zcl_svc_dpc_ext.clas.abap').findings;

      // Assess
      expect(generated).toMatchObject({ variant: 'move', disposition: 'generated', effortMinutes: 0, message: expect.stringContaining('SAP Gateway service builder') });
      expect(customer).toMatchObject({ variant: 'move', effortMinutes: outcome('obsolete_statement', 'move').effortMinutes });
      expect(customer).not.toHaveProperty('disposition');
    });
  });

  describe('rule hana_database_hint', () => {
    it('names every database the hints are for but SAP HANA, once per statement', () => {
      // Act
      const findings = analyze("REPORT z.\nSELECT mandt FROM t000 INTO TABLE lt_t WHERE mandt <> '' %_HINTS ORACLE 'X' DB6 'Y' HDB 'Z'.").findings;

      // Assess
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toMatch(/hint for ORACLE, DB6$/);
    });
  });

  describe('rule s4_material_number_length, moves', () => {
    it('names the lengths, never the fields', () => {
      // Act
      const [finding] = analyze('REPORT z.\nDATA lv_secret_code TYPE c LENGTH 18.\nDATA ls_mara TYPE mara.\nlv_secret_code = ls_mara-matnr.').findings;

      // Assess
      expect(finding).toMatchObject({ ruleId: 's4_material_number_length', variant: 'move-truncation', line: 4 });
      expect(finding.message).toContain('18');
      expect(finding.message).not.toMatch(/secret/i);
    });
  });

  describe('rule cds_legacy_view', () => {
    it.each([
      ['DDIC-based view', "@AbapCatalog.sqlViewName: 'ZVLEGACY'\ndefine view ZI_Legacy as select from t000 { key mandt }", 1],
      ['view entity', 'define view entity ZI_Entity as select from t000 { key mandt }', 0],
    ])('%s', (_name, text, count) => {
      // Act
      const result = analyze(text, 'zi_legacy.ddls.asddls');

      // Assess
      expect(result.findings.filter((finding) => finding.ruleId === 'cds_legacy_view')).toHaveLength(count);
      expect(result.parseErrors).toBe(0);
    });
  });

  describe('parser errors', () => {
    it('gives a parser_error finding for an unknown statement and keeps analysing the rest', () => {
      // Prepare
      const text = 'REPORT z.\nDATA a TYPE i.\na = a +.\nMOVE 1 TO a.';

      // Act
      const result = analyze(text);

      // Assess
      expect(at(result.findings)).toEqual(['parser_error@3', 'obsolete_statement@4']);
      expect(result.parseErrors).toBe(1);
      expect(result.findings[0]).toMatchObject({ severity: 'critical', category: 'syntax' });
    });

    it.each([
      ['a macro of SAP outside the unit', "swc_set_element container 'ORDER' lv_order.", 'macro'],
      ['a macro without arguments', 'end_of_screen.', 'macro'],
      ['a namespaced macro', '/afl/log_init.', 'macro'],
      ['a broken assignment', 'lv_a = .', 'statement'],
      ['a broken compound assignment', 'lv_a += .', 'statement'],
      ['a broken component assignment', 'ls_a-f = .', 'statement'],
      ['a broken method call', 'lo_a->m( .', 'statement'],
      ['a broken keyword statement', 'MOVE 1 TO.', 'statement'],
    ])('tells the call of an undefined macro from a broken statement: %s', (_name, statement, variant) => {
      // Act
      const result = analyze(`REPORT z.\n${statement}`);

      // Assess
      expect(result.findings.map((finding) => `${finding.ruleId}/${finding.variant ?? ''}`)).toEqual([`parser_error/${variant}`]);
      expect(result.parseErrors).toBe(1);
      if (variant === 'macro') expect(result.findings[0]).toMatchObject({ severity: 'info', effortMinutes: 0, effortRange: { low: 0, high: 0 } });
      else expect(result.findings[0]).toMatchObject({ severity: 'critical' });
    });

    it('never quotes the source in the message', () => {
      // Act
      const result = analyze('REPORT z.\nthis is not abap confidential_token.');

      // Assess
      expect(result.findings[0].message).not.toMatch(/confidential_token|this/);
    });

    it('reports a broken block structure', () => {
      // Act
      const result = analyze('REPORT z.\nIF 1 = 1.\n  WRITE 1.');

      // Assess
      expect(result.findings.map((finding) => finding.ruleId)).toEqual(['parser_error']);
      expect(result.findings[0].message).toContain('Block structure');
      expect(result.parseErrors).toBe(1);
    });

    it('gives cds_parser_error for CDS source that does not parse', () => {
      // Act
      const result = analyze('define view entity ZI_X as select from { key }}}', 'zi_x.ddls.asddls');

      // Assess
      expect(at(result.findings)).toEqual(['cds_parser_error@1']);
      expect(result.parseErrors).toBe(1);
    });
  });

  describe('files of a unit', () => {
    it('reports findings in the file of a class include where they are', () => {
      // Prepare
      const unit = abapUnit('CLASS zcl_a DEFINITION PUBLIC.\n  PUBLIC SECTION.\nENDCLASS.\nCLASS zcl_a IMPLEMENTATION.\nENDCLASS.', 'zcl_a.clas.abap', [
        { path: 'src/zcl_a.clas.locals_imp.abap', text: 'CLASS lcl DEFINITION.\n  PUBLIC SECTION.\n    METHODS m.\nENDCLASS.\nCLASS lcl IMPLEMENTATION.\n  METHOD m.\n    EXEC SQL.\n      COMMIT\n    ENDEXEC.\n  ENDMETHOD.\nENDCLASS.' },
        { path: 'src/zcl_a.clas.xml', text: '<?xml version="1.0" encoding="utf-8"?>\n<abapGit version="v1.0.0"><asx:abap xmlns:asx="http://www.sap.com/abapxml" version="1.0"><asx:values><VSEOCLASS><CLSNAME>ZCL_A</CLSNAME></VSEOCLASS></asx:values></asx:abap></abapGit>' },
      ]);

      // Act
      const result = analyzer.analyze(unit);

      // Assess
      expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'hana_native_sql', file: 'src/zcl_a.clas.locals_imp.abap', line: 7 })]);
      expect(result.loc).toBe(16);
    });

    it('parses a program of plain files with its includes, so that the macros of its TOP include are known', () => {
      // Prepare: SE38 downloads carry no abapGit XML; the include is told apart by its missing REPORT statement
      const unit = {
        ...abapUnit(''),
        files: [
          { path: 'legacy/zr.abap', name: 'zr.prog.abap', text: 'REPORT zr.\nINCLUDE zr_top.\nINCLUDE zr_f01.' },
          { path: 'legacy/zr_top.abap', name: 'zr_top.prog.abap', text: 'DATA gt TYPE STANDARD TABLE OF i.\nDEFINE add_one.\n  APPEND &1 TO gt.\nEND-OF-DEFINITION.' },
          { path: 'legacy/zr_f01.abap', name: 'zr_f01.prog.abap', text: 'FORM fill.\n  add_one 1.\n  MOVE 1 TO gv.\nENDFORM.' },
        ],
      };

      // Act
      const result = analyzer.analyze(unit);

      // Assess
      expect(result.parseErrors).toBe(0);
      expect(at(result.findings)).toEqual(['obsolete_statement@3']);
      expect(result.findings[0].file).toBe('legacy/zr_f01.abap');
    });

    it('parses context files with the unit and reports nothing in them nor counts their lines', () => {
      // Prepare: the macro include belongs to another program; this one only calls its macro
      const unit = {
        ...abapUnit('REPORT zb.\nINCLUDE zmacros.\nSTART-OF-SELECTION.\n  add_one 1.', 'zb.prog.abap'),
        context: [{ path: 'zmacros.prog.abap', name: 'zmacros.prog.abap', text: 'DATA gt TYPE STANDARD TABLE OF i.\nDEFINE add_one.\n  APPEND &1 TO gt.\nEND-OF-DEFINITION.\nMOVE 1 TO gv.' }],
      };

      // Act
      const result = analyzer.analyze(unit);

      // Assess
      expect(result.findings).toEqual([]);
      expect(result.parseErrors).toBe(0);
      expect(result.loc).toBe(4);
    });

    it('analyses a plain .abap file as a program instead of ignoring it', () => {
      // Prepare
      const unit = { ...abapUnit(''), files: [{ path: 'legacy/Old Report.abap', text: 'REPORT zold.\nDATA a TYPE i.\nMOVE 1 TO a.' }] };

      // Act
      const result = analyzer.analyze(unit);

      // Assess
      expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'obsolete_statement', file: 'legacy/Old Report.abap', line: 3 })]);
    });

    it('uses the file name the splitter chose', () => {
      // Prepare
      const unit = { ...abapUnit(''), files: [{ path: 'legacy/report.txt', name: 'zold.prog.abap', text: 'REPORT zold.\nDATA a TYPE i.\nADD 1 TO a.' }] };

      // Act
      const result = analyzer.analyze(unit);

      // Assess
      expect(at(result.findings)).toEqual(['obsolete_statement@3']);
      expect(result.findings[0].file).toBe('legacy/report.txt');
    });

    it('reports identical findings of a colon chain once', () => {
      // Act
      const result = analyze('REPORT z.\nRANGES: r_a FOR sy-datum,\n        r_b FOR sy-datum.');

      // Assess
      expect(at(result.findings)).toEqual(['obsolete_statement@2']);
    });
  });

  describe('rule table', () => {
    it('takes severity and effort from the table', () => {
      // Prepare
      const rules: AbapRuleDefinition[] = ABAP_RULES.map((rule) =>
        rule.id === 'obsolete_statement' ? { ...rule, variants: { ...rule.variants, move: { ...rule.variants?.move, severity: 'info', effortMinutes: 1 } } } : rule,
      );

      // Act
      const [finding] = createAbapAnalyzer({ rules }).analyze(abapUnit('REPORT z.\nDATA a TYPE i.\nMOVE 1 TO a.')).findings;

      // Assess
      expect(finding).toMatchObject({ ruleId: 'obsolete_statement', severity: 'info', effortMinutes: 1 });
    });

    it('runs only the rules in the table', () => {
      // Prepare
      const rules = ABAP_RULES.filter((rule) => rule.id !== 'obsolete_statement');

      // Act
      const result = createAbapAnalyzer({ rules }).analyze(abapUnit('REPORT z.\nDATA a TYPE i.\nMOVE 1 TO a.'));

      // Assess
      expect(result.findings).toEqual([]);
    });

    it.each([
      ['duplicate rule id', [ABAP_RULES[0], ABAP_RULES[0]]],
      ['reserved rule id', [{ ...ABAP_RULES[0], id: ANALYZER_ERROR_RULE_ID }]],
      ['second row on the same abaplint rule', [ABAP_RULES[0], { ...ABAP_RULES[0], id: 'parser_error_again' }]],
      ['unknown abaplint rule', [{ ...ABAP_RULES[0], source: { engine: 'abaplint', rule: 'no_such_rule' } }]],
      ['bad severity', [{ ...ABAP_RULES[0], severity: 'fatal' }]],
      ['negative effort', [{ ...ABAP_RULES[0], effortMinutes: -1 }]],
      ['bad variant effort', [{ ...ABAP_RULES[0], variants: { structure: { effortMinutes: Number.NaN } } }]],
    ])('refuses a table with a %s', (_name, rules) => {
      // Act + Assess
      expect(() => createAbapAnalyzer({ rules: rules as AbapRuleDefinition[] })).toThrow(expect.objectContaining({ name: 'RulePackConfigError' }));
    });

    it('refuses an unknown release', () => {
      // Act + Assess
      expect(() => createAbapAnalyzer({ release: 'v999' as never })).toThrow(expect.objectContaining({ name: 'RulePackConfigError', ruleId: 'release' }));
    });

    it('keeps the other findings and reports analyzer_error when one rule crashes', () => {
      // Prepare: abaplint's function module rule calls toUpperCase() on each configured name
      const rules = ABAP_RULES.map((rule) =>
        rule.id === 'obsolete_function_module' ? { ...rule, source: { ...rule.source, config: { recommendations: [{ name: null, replace: 'x' }] } } } : rule,
      ) as AbapRuleDefinition[];

      // Act
      const result = createAbapAnalyzer({ rules }).analyze(abapUnit("REPORT z.\nDATA a TYPE i.\nMOVE 1 TO a.\nCALL FUNCTION 'WS_UPLOAD'."));

      // Assess
      expect(result.findings.map((finding) => finding.ruleId).sort()).toEqual([ANALYZER_ERROR_RULE_ID, 'obsolete_statement']);
      expect(result.findings.find((finding) => finding.ruleId === ANALYZER_ERROR_RULE_ID)).toMatchObject({ severity: 'info', effortMinutes: 0 });
    });
  });
});
