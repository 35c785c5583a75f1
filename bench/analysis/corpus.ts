/**
 * Generates a synthetic ABAP code base of a chosen size for benchmarks: reports built from legacy FORMs (header
 * lines, MOVE, SELECT without ORDER BY, database access in loops, reads of simplified tables) and classes built from
 * modern methods (inline declarations, constructor expressions, ordered SELECTs), in the proportions of a typical
 * ECC custom code base. Deterministic for a given seed, so runs are comparable.
 */
import type { Unit } from 'analysis-engine';

/** Options of {@link generateAbapCorpus}. */
type CorpusOptions = {
  /** Approximate total lines of code to generate. */
  lines: number;
  /**
   * Seed of the pseudo-random choices.
   * @default 1
   */
  seed?: number;
};

// mulberry32: small, fast, deterministic; quality is irrelevant here.
const random = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const TABLES = ['vbak', 'vbap', 'likp', 'lips', 'mara', 'marc', 'makt', 'kna1', 'lfa1', 'bkpf', 'bseg', 'ekko', 'ekpo', 'vbuk', 'konv', 'mseg', 'bsid', 'bsik'];

const legacyForm = (name: string, table: string, pick: () => number): string[] => [
  `*&---------------------------------------------------------------------*`,
  `*& Form ${name.toUpperCase()}`,
  `*&---------------------------------------------------------------------*`,
  `FORM ${name} USING uv_key TYPE c CHANGING cv_count TYPE i.`,
  `  DATA: BEGIN OF lt_rows OCCURS 0,`,
  `          key1  TYPE c LENGTH 10,`,
  `          key2  TYPE c LENGTH 6,`,
  `          value TYPE p LENGTH 13 DECIMALS 2,`,
  `        END OF lt_rows.`,
  `  DATA lv_total TYPE p LENGTH 15 DECIMALS 2.`,
  `  DATA lv_text TYPE string.`,
  ``,
  `  REFRESH lt_rows.`,
  `  SELECT * FROM ${table} INTO CORRESPONDING FIELDS OF TABLE lt_rows`,
  `    WHERE mandt = sy-mandt.`,
  ``,
  `  LOOP AT lt_rows.`,
  `    ADD lt_rows-value TO lv_total.`,
  pick() < 0.3 ? `    SELECT SINGLE mandt FROM t000 INTO sy-mandt WHERE mandt = sy-mandt.` : `    cv_count = cv_count + 1.`,
  `    IF lt_rows-value > 1000.`,
  `      MOVE 'HIGH' TO lv_text.`,
  `    ELSEIF lt_rows-value > 100.`,
  `      MOVE 'MEDIUM' TO lv_text.`,
  `    ELSE.`,
  `      lv_text = 'LOW'.`,
  `    ENDIF.`,
  `    CONCATENATE lv_text lt_rows-key1 INTO lv_text SEPARATED BY space.`,
  `  ENDLOOP.`,
  ``,
  pick() < 0.4 ? `  READ TABLE lt_rows WITH KEY key1 = uv_key BINARY SEARCH.` : `  READ TABLE lt_rows WITH KEY key1 = uv_key.`,
  `  IF sy-subrc = 0.`,
  `    WRITE: / lt_rows-key1, lt_rows-key2, lt_rows-value.`,
  `  ENDIF.`,
  ``,
  `  CALL FUNCTION 'CONVERSION_EXIT_ALPHA_INPUT'`,
  `    EXPORTING`,
  `      input  = uv_key`,
  `    IMPORTING`,
  `      output = lv_text`,
  `    EXCEPTIONS`,
  `      OTHERS = 1.`,
  `  IF sy-subrc <> 0.`,
  `    MESSAGE ID sy-msgid TYPE 'S' NUMBER sy-msgno WITH sy-msgv1.`,
  `  ENDIF.`,
  `  WRITE: / 'Total', lv_total.`,
  `ENDFORM.`,
  ``,
];

const modernMethod = (name: string, table: string): string[] => [
  `  METHOD ${name}.`,
  `    " Rows of ${table.toUpperCase()} for the key, grouped and summed`,
  `    SELECT * FROM ${table} WHERE mandt = @sy-mandt ORDER BY PRIMARY KEY INTO TABLE @DATA(lt_rows) UP TO 500 ROWS.`,
  `    DATA(lv_count) = lines( lt_rows ).`,
  `    DATA(lt_texts) = VALUE string_table( FOR ls_row IN lt_rows ( |{ ls_row-mandt }: { iv_key }| ) ).`,
  `    rv_result = REDUCE string( INIT lv_text = \`\``,
  `                               FOR lv_line IN lt_texts`,
  `                               NEXT lv_text = lv_text && lv_line ).`,
  `    IF lv_count = 0.`,
  `      RAISE EXCEPTION TYPE cx_sy_itab_line_not_found.`,
  `    ENDIF.`,
  `    LOOP AT lt_rows ASSIGNING FIELD-SYMBOL(<ls_row>) WHERE mandt IS NOT INITIAL.`,
  `      rv_result = |{ rv_result }{ COND #( WHEN <ls_row>-mandt = sy-mandt THEN 'X' ELSE '-' ) }|.`,
  `    ENDLOOP.`,
  `    TRY.`,
  `        DATA(lo_descr) = cl_abap_typedescr=>describe_by_name( '${table.toUpperCase()}' ).`,
  `        rv_result = rv_result && lo_descr->absolute_name.`,
  `      CATCH cx_root INTO DATA(lx_error).`,
  `        rv_result = lx_error->get_text( ).`,
  `    ENDTRY.`,
  `  ENDMETHOD.`,
  ``,
];

const report = (index: number, pick: () => number): Unit => {
  const name = `zbench_report_${String(index).padStart(5, '0')}`;
  const forms = 3 + Math.floor(pick() * 8);
  const lines = [`REPORT ${name}.`, ``, `TABLES t000.`, `DATA gv_count TYPE i.`, `PARAMETERS p_key TYPE c LENGTH 10.`, ``, `START-OF-SELECTION.`];
  for (let form = 0; form < forms; form += 1) lines.push(`  PERFORM form_${form} USING p_key CHANGING gv_count.`);
  lines.push(``);
  for (let form = 0; form < forms; form += 1) lines.push(...legacyForm(`form_${form}`, TABLES[Math.floor(pick() * TABLES.length)], pick));
  const text = lines.join('\n');
  return { unitId: name, language: 'abap', objectType: 'PROG', objectName: name.toUpperCase(), path: `src/${name}.prog.abap`, files: [{ path: `src/${name}.prog.abap`, text }], loc: 0 };
};

const klass = (index: number, pick: () => number): Unit => {
  const name = `zcl_bench_${String(index).padStart(5, '0')}`;
  const methods = 4 + Math.floor(pick() * 10);
  const lines = [`CLASS ${name} DEFINITION PUBLIC FINAL CREATE PUBLIC.`, `  PUBLIC SECTION.`];
  for (let method = 0; method < methods; method += 1) {
    lines.push(`    METHODS method_${method} IMPORTING iv_key TYPE string RETURNING VALUE(rv_result) TYPE string RAISING cx_sy_itab_line_not_found.`);
  }
  lines.push(`ENDCLASS.`, ``, `CLASS ${name} IMPLEMENTATION.`);
  for (let method = 0; method < methods; method += 1) lines.push(...modernMethod(`method_${method}`, TABLES[Math.floor(pick() * TABLES.length)]));
  lines.push(`ENDCLASS.`);
  const text = lines.join('\n');
  return { unitId: name, language: 'abap', objectType: 'CLAS', objectName: name.toUpperCase(), path: `src/${name}.clas.abap`, files: [{ path: `src/${name}.clas.abap`, text }], loc: 0 };
};

const nonBlank = (text: string): number => text.split('\n').filter((line) => line.trim() !== '').length;

/**
 * Generates units until the requested number of lines is reached; about 60 % of the lines are in legacy reports.
 *
 * @example
 * const units = generateAbapCorpus({ lines: 100_000 });
 */
const generateAbapCorpus = (options: CorpusOptions): Unit[] => {
  const pick = random(options.seed ?? 1);
  const units: Unit[] = [];
  let total = 0;
  for (let index = 0; total < options.lines; index += 1) {
    const unit = pick() < 0.6 ? report(index, pick) : klass(index, pick);
    unit.loc = nonBlank(unit.files[0].text);
    total += unit.loc;
    units.push(unit);
  }
  return units;
};

export type { CorpusOptions };
export { generateAbapCorpus };
