/**
 * A deterministic abapGit code base of a chosen size, for the workflow benchmark: reports (with FORM routines and,
 * now and then, an include program), global classes with local definitions, implementations and test classes,
 * function groups (TOP include, SAPL main program, function modules, and their XML), and interfaces. Each object is
 * recombined from a pool of statement templates, the same way ECC custom code mixes clean modern code with the
 * legacy patterns the S/4HANA rule pack looks for (SELECT without ORDER BY before a BINARY SEARCH, database access
 * in loops, status tables VBUK/VBUP, KONV, batch input into removed transactions, 18-character material numbers,
 * obsolete function modules, native SQL, header lines). Every object has its own name, so every unit has its own
 * content hash and nothing is deduplicated or served from a cache on a first run.
 *
 * The split service counts `loc` as non-blank lines of source files (XML excluded); so does this generator.
 */

/** Options of {@link generateAbapGitCorpus}. */
type CorpusOptions = {
  /** Lines of code to generate at least (non-blank lines of .abap files; generation stops after the object that reaches it). */
  loc: number;
  /**
   * Seed of every choice: the same seed and size give byte-identical files.
   * @default 1
   */
  seed?: number;
};

/** One file of the code base, at its path inside the archive. */
type CorpusFile = { path: string; text: string };

/** How many objects of each abapGit type were generated. */
type ObjectCounts = { PROG: number; CLAS: number; FUGR: number; INTF: number };

/** A generated code base. */
type Corpus = {
  files: CorpusFile[];
  objects: ObjectCounts;
  /** Non-blank lines of the .abap files. */
  loc: number;
  seed: number;
};

type Random = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
};

// mulberry32: small and deterministic; statistical quality does not matter for picking templates.
const createRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
  };
};

const AREAS = ['sd', 'mm', 'fi', 'co', 'pp', 'wm', 'qm', 'pm'] as const;
const NOUNS = ['order', 'price', 'stock', 'invoice', 'vendor', 'customer', 'batch', 'route', 'label', 'budget', 'asset', 'ledger', 'quota', 'claim', 'plan'];
const VERBS = ['check', 'read', 'build', 'post', 'sync', 'export', 'merge', 'calc', 'load', 'print'];
/** Tables read by neutral code: nothing in the rule pack looks at them. */
const PLAIN_TABLES = [
  { table: 'vbak', key: 'vbeln', field: 'netwr' },
  { table: 'vbap', key: 'vbeln', field: 'kwmeng' },
  { table: 'likp', key: 'vbeln', field: 'lfart' },
  { table: 'ekko', key: 'ebeln', field: 'bsart' },
  { table: 'ekpo', key: 'ebeln', field: 'menge' },
  { table: 'mara', key: 'matnr', field: 'mtart' },
  { table: 'marc', key: 'matnr', field: 'dispo' },
  { table: 'kna1', key: 'kunnr', field: 'land1' },
  { table: 'lfa1', key: 'lifnr', field: 'land1' },
  { table: 't001', key: 'bukrs', field: 'waers' },
] as const;
/** Tables whose role changed in S/4HANA (s4_simplified_table). */
const SIMPLIFIED_READS = [
  { table: 'vbuk', key: 'vbeln', field: 'gbstk' },
  { table: 'vbup', key: 'vbeln', field: 'gbsta' },
  { table: 'konv', key: 'knumv', field: 'kbetr' },
  { table: 'mseg', key: 'mblnr', field: 'menge' },
  { table: 'mkpf', key: 'mblnr', field: 'budat' },
  { table: 'bsid', key: 'kunnr', field: 'dmbtr' },
  { table: 'bsik', key: 'lifnr', field: 'dmbtr' },
] as const;
const REMOVED_TRANSACTIONS = ['XD01', 'XD02', 'XK01', 'XK02', 'FD02', 'FK02', 'VD02', 'MK02'] as const;
const OBSOLETE_FUNCTION_MODULES = ['POPUP_TO_CONFIRM_STEP', 'POPUP_TO_DECIDE', 'WS_DOWNLOAD', 'WS_UPLOAD', 'GUID_CREATE'] as const;

type Body = { rows: string; row: string; value: string; key: string };

const indentBy = (lines: readonly string[], spaces: number): string[] => lines.map((line) => (line === '' ? '' : ' '.repeat(spaces) + line));

// ---- statement templates for procedural code (FORM routines, function modules) -------------------------------------

const proceduralBlocks = (random: Random, v: Body): string[][] => {
  const plain = random.pick(PLAIN_TABLES);
  const simplified = random.pick(SIMPLIFIED_READS);
  const n = random.int(1, 999);
  return [
    // Neutral code, most of any real code base.
    [`IF ${v.value} > ${n}.`, `  ${v.value} = ${v.value} - ${n}.`, `  ADD 1 TO ${v.rows}_count.`, `ELSEIF ${v.value} < 0.`, `  CLEAR ${v.value}.`, `ELSE.`, `  ${v.value} = ${v.value} * ${random.int(2, 9)}.`, `ENDIF.`],
    [`CASE ${v.key}.`, `  WHEN 'A' OR 'B'.`, `    lv_text = 'open'.`, `  WHEN 'C'.`, `    lv_text = 'completed'.`, `  WHEN OTHERS.`, `    lv_text = 'unknown'.`, `ENDCASE.`],
    [`CONCATENATE ${v.key} lv_text INTO lv_text SEPARATED BY space.`, `CONDENSE lv_text.`, `TRANSLATE lv_text TO UPPER CASE.`],
    [`" ${random.pick(VERBS)} the ${random.pick(NOUNS)} data before output (change ${random.int(1000, 9999)})`, `CLEAR lv_text.`, `lv_text = ${v.key}.`, `SHIFT lv_text LEFT DELETING LEADING '0'.`],
    [`DO ${random.int(2, 12)} TIMES.`, `  ${v.value} = ${v.value} + sy-index.`, `  IF ${v.value} > ${n * 10}.`, `    EXIT.`, `  ENDIF.`, `ENDDO.`],
    [`SORT ${v.rows} BY ${plain.key}.`, `DELETE ADJACENT DUPLICATES FROM ${v.rows} COMPARING ${plain.key}.`, `DESCRIBE TABLE ${v.rows} LINES ${v.rows}_count.`],
    [`AUTHORITY-CHECK OBJECT 'S_TCODE' ID 'TCD' FIELD sy-tcode.`, `IF sy-subrc <> 0.`, `  MESSAGE e${String(random.int(1, 99)).padStart(3, '0')}(00) WITH sy-tcode.`, `ENDIF.`],
    [`WRITE: / ${v.key}, ${v.value}.`, `ULINE.`],
    [`SELECT ${plain.key} ${plain.field} FROM ${plain.table} INTO TABLE ${v.rows}_db`, `  WHERE ${plain.key} IN s_key`, `  ORDER BY PRIMARY KEY.`],
    // Obsolete statements and header lines (obsolete_statement).
    [`MOVE ${v.key} TO lv_text.`, `COMPUTE ${v.value} = ${v.value} / ${random.int(2, 7)}.`],
    [`REFRESH ${v.rows}_old.`, `LOOP AT ${v.rows}_old.`, `  ${v.rows}_old-count = ${v.rows}_old-count + 1.`, `  MODIFY ${v.rows}_old.`, `ENDLOOP.`],
    // SELECT without ORDER BY, then processed as sorted (hana_select_order_dependency).
    [`SELECT * FROM ${plain.table} INTO TABLE ${v.rows}_db WHERE ${plain.key} IN s_key.`, `READ TABLE ${v.rows}_db INTO ${v.row}_db WITH KEY ${plain.key} = ${v.key} BINARY SEARCH.`, `IF sy-subrc = 0.`, `  ${v.value} = ${v.value} + 1.`, `ENDIF.`],
    // Database access inside a loop (db_operation_in_loop).
    [`LOOP AT ${v.rows}_db INTO ${v.row}_db.`, `  SELECT SINGLE ${plain.field} FROM ${plain.table} INTO lv_text`, `    WHERE ${plain.key} = ${v.row}_db-${plain.key}.`, `  IF sy-subrc <> 0.`, `    CONTINUE.`, `  ENDIF.`, `ENDLOOP.`],
    // Tables S/4HANA no longer fills or turned into views (s4_simplified_table).
    [`SELECT SINGLE ${simplified.field} FROM ${simplified.table} INTO lv_text WHERE ${simplified.key} = ${v.key}.`, `IF sy-subrc <> 0.`, `  CLEAR lv_text.`, `ENDIF.`],
  ];
};

const rareProceduralBlocks = (random: Random, v: Body): string[][] => {
  const transaction = random.pick(REMOVED_TRANSACTIONS);
  const module = random.pick(OBSOLETE_FUNCTION_MODULES);
  return [
    // Batch input into a removed transaction (s4_removed_transaction), without authority check.
    [
      `CLEAR lt_bdcdata.`,
      `ls_bdcdata-program = 'SAPMF02D'.`,
      `ls_bdcdata-dynpro = '0101'.`,
      `ls_bdcdata-dynbegin = 'X'.`,
      `APPEND ls_bdcdata TO lt_bdcdata.`,
      `CALL TRANSACTION '${transaction}' USING lt_bdcdata MODE 'N' UPDATE 'S' MESSAGES INTO lt_messages.`,
    ],
    module === 'WS_DOWNLOAD' || module === 'WS_UPLOAD'
      ? [`CALL FUNCTION '${module}'`, `  EXPORTING`, `    filename = lv_file`, `  TABLES`, `    data_tab = ${v.rows}_db`, `  EXCEPTIONS`, `    OTHERS   = 1.`]
      : [`CALL FUNCTION '${module}'`, `  EXPORTING`, `    titel  = 'Confirm'`, `  IMPORTING`, `    answer = lv_answer`, `  EXCEPTIONS`, `    OTHERS = 1.`],
    // Native SQL written for the source database (hana_native_sql).
    [`EXEC SQL.`, `  SELECT COUNT(*) INTO :${v.rows}_count FROM ${random.pick(PLAIN_TABLES).table} WHERE mandt = :sy-mandt`, `ENDEXEC.`],
    // A write to a status table (s4_simplified_table, write).
    [`UPDATE vbuk SET gbstk = 'C' WHERE vbeln = ${v.key}.`],
  ];
};

const proceduralBody = (random: Random, v: Body, blocks: number): string[] => {
  const lines: string[] = [];
  for (let index = 0; index < blocks; index += 1) {
    const pool = random.chance(0.06) ? rareProceduralBlocks(random, v) : proceduralBlocks(random, v);
    // Neutral templates come first in the pool: weight them so findings stay the minority, as in real code.
    const block = random.chance(0.55) ? pool[random.int(0, Math.min(8, pool.length - 1))] : random.pick(pool);
    lines.push(...block);
    if (random.chance(0.3)) lines.push('');
  }
  return lines;
};

const localDeclarations = (random: Random, v: Body): string[] => {
  const plain = random.pick(PLAIN_TABLES);
  const lines = [
    `DATA: ${v.rows}_db TYPE STANDARD TABLE OF ${plain.table},`,
    `      ${v.row}_db LIKE LINE OF ${v.rows}_db,`,
    `      ${v.rows}_count TYPE i,`,
    `      ${v.value} TYPE p LENGTH 15 DECIMALS 2,`,
    `      ${v.key} TYPE c LENGTH 10,`,
    `      lv_text TYPE string,`,
    `      lv_file TYPE string,`,
    `      lv_answer TYPE c LENGTH 1.`,
    `DATA: lt_bdcdata TYPE STANDARD TABLE OF bdcdata,`,
    `      ls_bdcdata TYPE bdcdata,`,
    `      lt_messages TYPE STANDARD TABLE OF bdcmsgcoll.`,
  ];
  // A table with header line (obsolete_statement), in a good part of legacy routines.
  if (random.chance(0.4)) {
    lines.push(`DATA: BEGIN OF ${v.rows}_old OCCURS 0,`, `        key   TYPE c LENGTH 10,`, `        count TYPE i,`, `      END OF ${v.rows}_old.`);
  }
  // Fixed 18-character material numbers (s4_material_number_length).
  if (random.chance(0.25)) lines.push(`DATA lv_matnr_old TYPE c LENGTH 18.`);
  return lines;
};

const bodyNames = (random: Random): Body => {
  const noun = random.pick(NOUNS);
  return { rows: `lt_${noun}`, row: `ls_${noun}`, value: `lv_${random.pick(['total', 'amount', 'quantity', 'value'])}`, key: `lv_${random.pick(['key', 'id', 'number'])}` };
};

const form = (random: Random, name: string): string[] => {
  const v = bodyNames(random);
  return [
    `*&---------------------------------------------------------------------*`,
    `*& Form ${name.toUpperCase()}`,
    `*&---------------------------------------------------------------------*`,
    `FORM ${name} USING uv_mode TYPE c CHANGING cv_count TYPE i.`,
    ...indentBy(localDeclarations(random, v), 2),
    '',
    ...indentBy(proceduralBody(random, v, random.int(3, 9)), 2),
    `  cv_count = cv_count + ${v.rows}_count.`,
    `ENDFORM.`,
    '',
  ];
};

// ---- statement templates for methods -----------------------------------------------------------------------------

const methodBlocks = (random: Random): string[][] => {
  const plain = random.pick(PLAIN_TABLES);
  const simplified = random.pick(SIMPLIFIED_READS);
  return [
    [`SELECT ${plain.key}, ${plain.field} FROM ${plain.table}`, `  WHERE ${plain.key} = @iv_key`, `  ORDER BY ${plain.key}`, `  INTO TABLE @DATA(lt_${plain.table}).`, `rv_count = rv_count + lines( lt_${plain.table} ).`],
    [`DATA(lt_texts) = VALUE string_table( FOR i = 1 UNTIL i > ${random.int(2, 9)} ( |{ iv_key }-{ i }| ) ).`, `rv_count = rv_count + lines( lt_texts ).`],
    [`DATA(lv_sum) = REDUCE i( INIT s = 0 FOR j = 1 UNTIL j > ${random.int(3, 20)} NEXT s = s + j ).`, `rv_count = rv_count + lv_sum.`],
    [`DATA(lv_state) = COND string( WHEN rv_count > ${random.int(10, 500)} THEN \`high\``, `                               WHEN rv_count > 0 THEN \`low\``, `                               ELSE \`none\` ).`, `mv_state = lv_state.`],
    [`TRY.`, `    rv_count = rv_count + zcl_erp_math=>checked_add( iv_left = rv_count iv_right = ${random.int(1, 50)} ).`, `  CATCH cx_sy_arithmetic_overflow INTO DATA(lx_overflow).`, `    mv_state = lx_overflow->get_text( ).`, `ENDTRY.`],
    [`LOOP AT mt_items ASSIGNING FIELD-SYMBOL(<ls_item>) WHERE status <> 'C'.`, `  <ls_item>-status = 'B'.`, `  rv_count = rv_count + 1.`, `ENDLOOP.`],
    [`" ${random.pick(VERBS)} ${random.pick(NOUNS)} items for the caller`, `INSERT VALUE #( key = iv_key status = 'A' ) INTO TABLE mt_items.`, `SORT mt_items BY key.`],
    [`IF line_exists( mt_items[ key = iv_key ] ).`, `  mv_state = |{ iv_key } known|.`, `ELSE.`, `  RAISE EXCEPTION TYPE cx_sy_itab_line_not_found.`, `ENDIF.`],
    // Legacy patterns that survive in methods too.
    [`LOOP AT mt_items INTO DATA(ls_item).`, `  SELECT SINGLE ${plain.field} FROM ${plain.table} WHERE ${plain.key} = @ls_item-key INTO @DATA(lv_${plain.field}).`, `  IF sy-subrc = 0.`, `    rv_count = rv_count + 1.`, `  ENDIF.`, `ENDLOOP.`],
    [`SELECT SINGLE ${simplified.field} FROM ${simplified.table} WHERE ${simplified.key} = @iv_key INTO @DATA(lv_legacy).`, `IF sy-subrc = 0.`, `  mv_state = lv_legacy.`, `ENDIF.`],
  ];
};

const methodImplementation = (random: Random, name: string): string[] => {
  const lines = [`METHOD ${name}.`];
  const blocks = random.int(2, 6);
  for (let index = 0; index < blocks; index += 1) {
    const pool = methodBlocks(random);
    lines.push(...indentBy(random.chance(0.8) ? pool[random.int(0, 7)] : random.pick(pool), 2));
  }
  lines.push(`ENDMETHOD.`, '');
  return lines;
};

// ---- abapGit XML -------------------------------------------------------------------------------------------------

const abapGitXml = (serializer: string, values: readonly string[]): string =>
  [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<abapGit version="v1.0.0" serializer="${serializer}" serializer_version="v1.0.0">`,
    ` <asx:abap xmlns:asx="http://www.sap.com/abapxml" version="1.0">`,
    `  <asx:values>`,
    ...values.map((line) => `   ${line}`),
    `  </asx:values>`,
    ` </asx:abap>`,
    `</abapGit>`,
    '',
  ].join('\n');

const progdir = (name: string, subc: '1' | 'I' | 'F'): string[] => [
  `<PROGDIR>`,
  ` <NAME>${name.toUpperCase()}</NAME>`,
  ` <SUBC>${subc}</SUBC>`,
  ` <RLOAD>E</RLOAD>`,
  ` <FIXPT>X</FIXPT>`,
  ` <UCCHECK>X</UCCHECK>`,
  `</PROGDIR>`,
];

// ---- objects -----------------------------------------------------------------------------------------------------

type Generated = { files: CorpusFile[]; type: keyof ObjectCounts };

const report = (random: Random, dir: string, name: string): Generated => {
  const forms = Array.from({ length: random.int(2, 10) }, (_, index) => `f_${random.pick(VERBS)}_${index}`);
  const plain = random.pick(PLAIN_TABLES);
  const withInclude = random.chance(0.25);
  const include = `${name}_f01`;
  const lines = [
    `*&---------------------------------------------------------------------*`,
    `*& Report ${name.toUpperCase()}`,
    `*&---------------------------------------------------------------------*`,
    `*& ${random.pick(VERBS)} ${random.pick(NOUNS)} data for the ${random.pick(AREAS).toUpperCase()} team`,
    `*&---------------------------------------------------------------------*`,
    `REPORT ${name} MESSAGE-ID z${name.slice(1, 3)}.`,
    '',
    `TABLES ${plain.table}.`,
    `DATA gv_count TYPE i.`,
    `SELECT-OPTIONS s_key FOR ${plain.table}-${plain.key}.`,
    `PARAMETERS p_test AS CHECKBOX DEFAULT 'X'.`,
    '',
    ...(withInclude ? [`INCLUDE ${include}.`, ''] : []),
    `START-OF-SELECTION.`,
    ...forms.map((f) => `  PERFORM ${f} USING p_test CHANGING gv_count.`),
    `  WRITE: / 'Rows processed:', gv_count.`,
    '',
  ];
  const files: CorpusFile[] = [];
  const inIncludeFrom = withInclude ? Math.ceil(forms.length / 2) : forms.length;
  forms.slice(0, inIncludeFrom).forEach((f) => lines.push(...form(random, f)));
  files.push({ path: `${dir}/${name}.prog.abap`, text: lines.join('\n') });
  files.push({ path: `${dir}/${name}.prog.xml`, text: abapGitXml('LCL_OBJECT_PROG', progdir(name, '1')) });
  if (withInclude) {
    const includeLines = [`*&---------------------------------------------------------------------*`, `*& Include ${include.toUpperCase()}`, `*&---------------------------------------------------------------------*`];
    forms.slice(inIncludeFrom).forEach((f) => includeLines.push(...form(random, f)));
    files.push({ path: `${dir}/${include}.prog.abap`, text: includeLines.join('\n') });
    files.push({ path: `${dir}/${include}.prog.xml`, text: abapGitXml('LCL_OBJECT_PROG', progdir(include, 'I')) });
  }
  return { files, type: 'PROG' };
};

const globalClass = (random: Random, dir: string, name: string): Generated => {
  const methods = Array.from({ length: random.int(3, 12) }, (_, index) => `${random.pick(VERBS)}_${random.pick(NOUNS)}_${index}`);
  const helper = `lcl_${random.pick(NOUNS)}_buffer`;
  const main = [
    `CLASS ${name} DEFINITION PUBLIC FINAL CREATE PUBLIC.`,
    `  PUBLIC SECTION.`,
    `    TYPES: BEGIN OF ty_item,`,
    `             key    TYPE string,`,
    `             status TYPE c LENGTH 1,`,
    `           END OF ty_item,`,
    `           ty_items TYPE SORTED TABLE OF ty_item WITH NON-UNIQUE KEY key.`,
    ...methods.map((m) => `    METHODS ${m} IMPORTING iv_key TYPE string RETURNING VALUE(rv_count) TYPE i RAISING cx_static_check.`),
    `  PRIVATE SECTION.`,
    `    DATA mt_items TYPE ty_items.`,
    `    DATA mv_state TYPE string.`,
    `    DATA mo_buffer TYPE REF TO ${helper}.`,
    `ENDCLASS.`,
    '',
    `CLASS ${name} IMPLEMENTATION.`,
    ...indentBy(methods.flatMap((m) => methodImplementation(random, m)), 2),
    `ENDCLASS.`,
    '',
  ];
  const localsDef = [
    `*"* use this source file for any type of declarations (class`,
    `*"* definitions, interfaces or type declarations) you need for`,
    `*"* components in the private section`,
    `CLASS ${helper} DEFINITION FINAL.`,
    `  PUBLIC SECTION.`,
    `    METHODS get IMPORTING iv_key TYPE string RETURNING VALUE(rv_value) TYPE string.`,
    `    METHODS put IMPORTING iv_key TYPE string iv_value TYPE string.`,
    `  PRIVATE SECTION.`,
    `    TYPES: BEGIN OF ty_entry,`,
    `             key   TYPE string,`,
    `             value TYPE string,`,
    `           END OF ty_entry.`,
    `    DATA mt_entries TYPE HASHED TABLE OF ty_entry WITH UNIQUE KEY key.`,
    `ENDCLASS.`,
    '',
  ];
  const localsImp = [
    `CLASS ${helper} IMPLEMENTATION.`,
    `  METHOD get.`,
    `    rv_value = VALUE #( mt_entries[ key = iv_key ]-value OPTIONAL ).`,
    `  ENDMETHOD.`,
    `  METHOD put.`,
    `    INSERT VALUE #( key = iv_key value = iv_value ) INTO TABLE mt_entries.`,
    `    IF sy-subrc <> 0.`,
    `      mt_entries[ key = iv_key ]-value = iv_value.`,
    `    ENDIF.`,
    `  ENDMETHOD.`,
    `ENDCLASS.`,
    '',
  ];
  const tested = methods.slice(0, random.int(1, Math.min(3, methods.length)));
  const testClass = `ltcl_${name.slice(4, 20)}`;
  const testclasses = [
    `CLASS ${testClass} DEFINITION FINAL FOR TESTING DURATION SHORT RISK LEVEL HARMLESS.`,
    `  PRIVATE SECTION.`,
    `    DATA mo_cut TYPE REF TO ${name}.`,
    `    METHODS setup.`,
    ...tested.map((m) => `    METHODS test_${m.slice(0, 20)} FOR TESTING RAISING cx_static_check.`),
    `ENDCLASS.`,
    '',
    `CLASS ${testClass} IMPLEMENTATION.`,
    `  METHOD setup.`,
    `    mo_cut = NEW #( ).`,
    `  ENDMETHOD.`,
    ...tested.flatMap((m) => [
      `  METHOD test_${m.slice(0, 20)}.`,
      `    DATA(lv_count) = mo_cut->${m}( iv_key = \`K${random.int(1, 999)}\` ).`,
      `    cl_abap_unit_assert=>assert_number_between( lower = 0 upper = ${random.int(100, 9999)} number = lv_count ).`,
      `  ENDMETHOD.`,
    ]),
    `ENDCLASS.`,
    '',
  ];
  const xml = abapGitXml('LCL_OBJECT_CLAS', [
    `<VSEOCLASS>`,
    ` <CLSNAME>${name.toUpperCase()}</CLSNAME>`,
    ` <LANGU>E</LANGU>`,
    ` <DESCRIPT>${random.pick(VERBS)} ${random.pick(NOUNS)}</DESCRIPT>`,
    ` <STATE>1</STATE>`,
    ` <CLSCCINCL>X</CLSCCINCL>`,
    ` <FIXPT>X</FIXPT>`,
    ` <UNICODE>X</UNICODE>`,
    ` <WITH_UNIT_TESTS>X</WITH_UNIT_TESTS>`,
    `</VSEOCLASS>`,
  ]);
  return {
    type: 'CLAS',
    files: [
      { path: `${dir}/${name}.clas.abap`, text: main.join('\n') },
      { path: `${dir}/${name}.clas.locals_def.abap`, text: localsDef.join('\n') },
      { path: `${dir}/${name}.clas.locals_imp.abap`, text: localsImp.join('\n') },
      { path: `${dir}/${name}.clas.testclasses.abap`, text: testclasses.join('\n') },
      { path: `${dir}/${name}.clas.xml`, text: xml },
    ],
  };
};

const functionGroup = (random: Random, dir: string, name: string): Generated => {
  const modules = Array.from({ length: random.int(2, 6) }, (_, index) => `z_${name.slice(1, 12)}_${random.pick(VERBS)}_${index}`);
  const top = [`FUNCTION-POOL ${name} MESSAGE-ID z${name.slice(1, 3)}.`, '', `* Buffer of the last ${random.pick(NOUNS)} read, kept for the calls of one screen.`, `DATA: gv_last_key TYPE c LENGTH 10,`, `      gv_calls    TYPE i.`, ''];
  const sapl = [
    `*******************************************************************`,
    `*   System-defined Include-files.                                 *`,
    `*******************************************************************`,
    `  INCLUDE l${name}top.                  " Global Declarations`,
    `  INCLUDE l${name}uxx.                  " Function Modules`,
    '',
  ];
  const files: CorpusFile[] = [
    { path: `${dir}/${name}.fugr.l${name}top.abap`, text: top.join('\n') },
    { path: `${dir}/${name}.fugr.l${name}top.xml`, text: abapGitXml('LCL_OBJECT_PROG', progdir(`l${name}top`, 'I')) },
    { path: `${dir}/${name}.fugr.sapl${name}.abap`, text: sapl.join('\n') },
    { path: `${dir}/${name}.fugr.sapl${name}.xml`, text: abapGitXml('LCL_OBJECT_PROG', progdir(`sapl${name}`, 'F')) },
  ];
  const items: string[] = [];
  for (const module of modules) {
    const v = bodyNames(random);
    const lines = [
      `FUNCTION ${module}.`,
      `*"----------------------------------------------------------------------`,
      `*"*"Local Interface:`,
      `*"  IMPORTING`,
      `*"     VALUE(IV_KEY) TYPE  CHAR10`,
      `*"  EXPORTING`,
      `*"     VALUE(EV_COUNT) TYPE  I`,
      `*"----------------------------------------------------------------------`,
      ...indentBy(localDeclarations(random, v), 2),
      `  RANGES s_key FOR gv_last_key.`,
      '',
      `  ${v.key} = iv_key.`,
      `  gv_last_key = iv_key.`,
      `  gv_calls = gv_calls + 1.`,
      ...indentBy(proceduralBody(random, v, random.int(3, 10)), 2),
      `  ev_count = ${v.rows}_count.`,
      `ENDFUNCTION.`,
      '',
    ];
    files.push({ path: `${dir}/${name}.fugr.${module}.abap`, text: lines.join('\n') });
    items.push(
      ` <item>`,
      `  <FUNCNAME>${module.toUpperCase()}</FUNCNAME>`,
      `  <SHORT_TEXT>${random.pick(VERBS)} ${random.pick(NOUNS)}</SHORT_TEXT>`,
      `  <IMPORT><RSIMP><PARAMETER>IV_KEY</PARAMETER><TYP>CHAR10</TYP></RSIMP></IMPORT>`,
      `  <EXPORT><RSEXP><PARAMETER>EV_COUNT</PARAMETER><TYP>I</TYP></RSEXP></EXPORT>`,
      ` </item>`,
    );
  }
  files.push({
    path: `${dir}/${name}.fugr.xml`,
    text: abapGitXml('LCL_OBJECT_FUGR', [
      `<AREAT>${random.pick(NOUNS)} services</AREAT>`,
      `<INCLUDES>`,
      ` <SOBJ_NAME>L${name.toUpperCase()}TOP</SOBJ_NAME>`,
      ` <SOBJ_NAME>SAPL${name.toUpperCase()}</SOBJ_NAME>`,
      `</INCLUDES>`,
      `<FUNCTIONS>`,
      ...items,
      `</FUNCTIONS>`,
    ]),
  });
  return { files, type: 'FUGR' };
};

const globalInterface = (random: Random, dir: string, name: string): Generated => {
  const methods = Array.from({ length: random.int(2, 6) }, (_, index) => `${random.pick(VERBS)}_${index}`);
  const source = [
    `INTERFACE ${name} PUBLIC.`,
    `  TYPES ty_key TYPE c LENGTH 10.`,
    ...methods.map((m) => `  METHODS ${m} IMPORTING iv_key TYPE ty_key RETURNING VALUE(rv_found) TYPE abap_bool.`),
    `ENDINTERFACE.`,
    '',
  ];
  const xml = abapGitXml('LCL_OBJECT_INTF', [`<VSEOINTERF>`, ` <CLSNAME>${name.toUpperCase()}</CLSNAME>`, ` <LANGU>E</LANGU>`, ` <DESCRIPT>${random.pick(NOUNS)} access</DESCRIPT>`, ` <EXPOSURE>2</EXPOSURE>`, ` <STATE>1</STATE>`, ` <UNICODE>X</UNICODE>`, `</VSEOINTERF>`]);
  return { type: 'INTF', files: [{ path: `${dir}/${name}.intf.abap`, text: source.join('\n') }, { path: `${dir}/${name}.intf.xml`, text: xml }] };
};

const nonBlankLines = (text: string): number => {
  let count = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') count += 1;
  return count;
};

/**
 * Generates abapGit objects until `loc` lines of code are reached. Objects are spread over packages of at most 100
 * objects (`src/<area>/p<n>/`), as abapGit serializes a package hierarchy.
 *
 * @example
 * const corpus = generateAbapGitCorpus({ loc: 200_000, seed: 7 });
 * await writeCorpus(corpus, '/tmp/code');
 */
const generateAbapGitCorpus = (options: CorpusOptions): Corpus => {
  if (!Number.isFinite(options.loc) || options.loc < 1) throw new RangeError(`loc must be a positive number of lines (got ${options.loc})`);
  const seed = options.seed ?? 1;
  const random = createRandom(seed);
  const files: CorpusFile[] = [];
  const objects: ObjectCounts = { PROG: 0, CLAS: 0, FUGR: 0, INTF: 0 };
  let loc = 0;
  for (let index = 0; loc < options.loc; index += 1) {
    const area = AREAS[index % AREAS.length];
    const dir = `src/${area}/p${Math.floor(index / (AREAS.length * 100))}`;
    // Base-36 index: every object name is unique, and within ABAP's 30-character limit for classes.
    const suffix = index.toString(36).padStart(4, '0');
    const noun = random.pick(NOUNS);
    const kind = random.next();
    const object =
      kind < 0.38
        ? report(random, dir, `z${area}_${noun}_${suffix}`)
        : kind < 0.76
          ? globalClass(random, dir, `zcl_${area}_${noun}_${suffix}`)
          : kind < 0.94
            ? functionGroup(random, dir, `z${area}${noun.slice(0, 4)}${suffix}`)
            : globalInterface(random, dir, `zif_${area}_${noun}_${suffix}`);
    objects[object.type] += 1;
    for (const file of object.files) {
      files.push(file);
      if (file.path.endsWith('.abap')) loc += nonBlankLines(file.text);
    }
  }
  return { files, objects, loc, seed };
};

export { generateAbapGitCorpus, nonBlankLines };
export type { Corpus, CorpusFile, CorpusOptions, ObjectCounts };
