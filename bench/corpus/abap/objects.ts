/**
 * abapGit objects of the generated code base: reports, global classes (with local helpers and test classes),
 * function groups, interfaces and CDS views, each with the XML abapGit writes beside it. Routine bodies come from
 * `blocks.ts`; an object records the absolute line of every seeded finding in its files.
 */
import { cleanBody, seededBody } from './blocks';
import type { Body, RoutineKind } from './blocks';
import type { Random } from '../random';
import { CLEAN_TABLES } from './vocabulary';

/** One file of a generated object. */
type ObjectFile = { path: string; text: string };

/** A seeded finding at its place in a generated file. */
type SeededFinding = { ruleId: string; variant?: string; file: string; line: number };

/** What an object builder returns. */
type GeneratedObject = { files: ObjectFile[]; seeded: SeededFinding[] };

/** What every builder gets: where the object goes, its name, how many routines, and how often a routine is seeded. */
type ObjectSpec = {
  random: Random;
  folder: string;
  /** Lower-case object name, for example `zsd_order_00042`. */
  name: string;
  description: string;
  routines: number;
  /** Probability that a routine body carries a seeded finding. */
  seedRate: number;
  /** Whether a seed may be code that does not parse. */
  parserErrors: boolean;
};

/** Lines of a file being written, and the seeded findings placed in it. */
class FileWriter {
  private readonly lines: string[] = [];
  private readonly hits: SeededFinding[] = [];

  public constructor(private readonly path: string) {}

  public add(...lines: string[]): void {
    this.lines.push(...lines);
  }

  /** Appends a routine body with extra indentation and records its findings at their absolute lines. */
  public body(body: Body, extraIndent = ''): void {
    const start = this.lines.length + 1;
    this.lines.push(...body.lines.map((line) => (line === '' ? '' : `${extraIndent}${line}`)));
    for (const hit of body.hits) this.hits.push({ ruleId: hit.ruleId, ...(hit.variant === undefined ? {} : { variant: hit.variant }), file: this.path, line: start + hit.offset });
  }

  public done(): { file: ObjectFile; seeded: SeededFinding[] } {
    return { file: { path: this.path, text: `${this.lines.join('\n')}\n` }, seeded: this.hits };
  }
}

const xml = (serializer: string, values: string[]): string =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<abapGit version="v1.0.0" serializer="${serializer}" serializer_version="v1.0.0">`,
    ' <asx:abap xmlns:asx="http://www.sap.com/abapxml" version="1.0">',
    '  <asx:values>',
    ...values.map((line) => `   ${line}`),
    '  </asx:values>',
    ' </asx:abap>',
    '</abapGit>',
    '',
  ].join('\n');

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const body = (spec: ObjectSpec, kind: RoutineKind): Body =>
  spec.random.chance(spec.seedRate) ? seededBody(spec.random, kind, { parserErrors: spec.parserErrors }) : cleanBody(spec.random);

const routineName = (random: Random, verbs: readonly string[], noun: string, index: number): string => `${random.pick(verbs)}_${noun}_${index}`;

const ROUTINE_VERBS = ['read', 'check', 'build', 'post', 'sum', 'map', 'load', 'send', 'list', 'fill', 'calc', 'sync'];

const noun = (spec: ObjectSpec): string => spec.name.split('_')[1] ?? 'item';

/**
 * An executable report: selection screen, START-OF-SELECTION calling every FORM, and the FORMs.
 *
 * @example
 * report({ random, folder: 'src/sd', name: 'zsd_order_00001', description: 'Orders', routines: 5, seedRate: 0.3, parserErrors: true });
 */
const report = (spec: ObjectSpec): GeneratedObject => {
  const path = `${spec.folder}/${spec.name}.prog.abap`;
  const writer = new FileWriter(path);
  const forms = Array.from({ length: spec.routines }, (_, index) => `f_${routineName(spec.random, ROUTINE_VERBS, noun(spec), index + 1)}`);
  writer.add(
    '*&---------------------------------------------------------------------*',
    `*& Report ${spec.name.toUpperCase()}`,
    '*&---------------------------------------------------------------------*',
    `*& ${spec.description}`,
    '*&---------------------------------------------------------------------*',
    `REPORT ${spec.name}.`,
    '',
    'DATA gv_key TYPE string.',
    'PARAMETERS p_key TYPE c LENGTH 40 LOWER CASE.',
    '',
    'START-OF-SELECTION.',
    '  gv_key = p_key.',
    ...forms.map((form) => `  PERFORM ${form} USING gv_key.`),
    '',
  );
  for (const form of forms) {
    writer.add('*&---------------------------------------------------------------------*', `*& Form ${form.toUpperCase()}`, '*&---------------------------------------------------------------------*', `FORM ${form} USING iv_key TYPE string.`);
    writer.body(body(spec, 'form'));
    writer.add('ENDFORM.', '');
  }
  const { file, seeded } = writer.done();
  const metadata = {
    path: `${spec.folder}/${spec.name}.prog.xml`,
    text: xml('LCL_OBJECT_PROG', ['<PROGDIR>', `    <NAME>${spec.name.toUpperCase()}</NAME>`, '    <SUBC>1</SUBC>', '    <RLOAD>E</RLOAD>', '    <FIXPT>X</FIXPT>', '    <UCCHECK>X</UCCHECK>', '   </PROGDIR>', '   <TPOOL>', '    <item>', '     <ID>R</ID>', `     <ENTRY>${escapeXml(spec.description)}</ENTRY>`, `     <LENGTH>${spec.description.length}</LENGTH>`, '    </item>', '   </TPOOL>']),
  };
  return { files: [file, metadata], seeded };
};

/**
 * A global class with one public method per routine, a local helper class in `locals_imp` and, now and then, a unit
 * test class.
 */
const globalClass = (spec: ObjectSpec): GeneratedObject => {
  const className = spec.name;
  const main = new FileWriter(`${spec.folder}/${className}.clas.abap`);
  const methods = Array.from({ length: spec.routines }, (_, index) => routineName(spec.random, ROUTINE_VERBS, noun(spec), index + 1));
  main.add(`CLASS ${className} DEFINITION PUBLIC FINAL CREATE PUBLIC.`, '  PUBLIC SECTION.', ...methods.map((method) => `    METHODS ${method} IMPORTING iv_key TYPE string.`), 'ENDCLASS.', '', `CLASS ${className} IMPLEMENTATION.`);
  for (const method of methods) {
    main.add(`  METHOD ${method}.`);
    main.body(body(spec, 'method'), '  ');
    main.add('  ENDMETHOD.', '');
  }
  main.add('ENDCLASS.');
  const helper = new FileWriter(`${spec.folder}/${className}.clas.locals_imp.abap`);
  helper.add('CLASS lcl_helper DEFINITION FINAL.', '  PUBLIC SECTION.', '    METHODS normalize IMPORTING iv_key TYPE string RETURNING VALUE(rv_key) TYPE string.', 'ENDCLASS.', '', 'CLASS lcl_helper IMPLEMENTATION.', '  METHOD normalize.');
  helper.body(body(spec, 'method'), '  ');
  helper.add('    rv_key = to_upper( iv_key ).', '  ENDMETHOD.', 'ENDCLASS.');
  const parts = [main.done(), helper.done()];
  if (spec.random.chance(0.5)) {
    const tests = new FileWriter(`${spec.folder}/${className}.clas.testclasses.abap`);
    tests.add(
      'CLASS ltc_main DEFINITION FINAL FOR TESTING DURATION SHORT RISK LEVEL HARMLESS.',
      '  PRIVATE SECTION.',
      '    METHODS runs_without_error FOR TESTING.',
      'ENDCLASS.',
      '',
      'CLASS ltc_main IMPLEMENTATION.',
      '  METHOD runs_without_error.',
      `    DATA(lo_cut) = NEW ${className}( ).`,
      `    lo_cut->${methods[0]}( iv_key = 'TEST' ).`,
      '    cl_abap_unit_assert=>assert_bound( lo_cut ).',
      '  ENDMETHOD.',
      'ENDCLASS.',
    );
    parts.push(tests.done());
  }
  const metadata = {
    path: `${spec.folder}/${className}.clas.xml`,
    text: xml('LCL_OBJECT_CLAS', ['<VSEOCLASS>', `    <CLSNAME>${className.toUpperCase()}</CLSNAME>`, '    <LANGU>E</LANGU>', `    <DESCRIPT>${escapeXml(spec.description)}</DESCRIPT>`, '    <STATE>1</STATE>', '    <CLSCCINCL>X</CLSCCINCL>', '    <FIXPT>X</FIXPT>', '    <UNICODE>X</UNICODE>', '   </VSEOCLASS>']),
  };
  return { files: [...parts.map((part) => part.file), metadata], seeded: parts.flatMap((part) => part.seeded) };
};

/** A function group: TOP include, main program, one file per function module, and the group's XML. */
const functionGroup = (spec: ObjectSpec): GeneratedObject => {
  const group = spec.name;
  const functions = Array.from({ length: spec.routines }, (_, index) => `z_${group.slice(1)}_${index + 1}`);
  const top = { path: `${spec.folder}/${group}.fugr.l${group}top.abap`, text: `FUNCTION-POOL ${group}.\n\nDATA gv_last_key TYPE string.\n` };
  const main = {
    path: `${spec.folder}/${group}.fugr.sapl${group}.abap`,
    text: ['*******************************************************************', '*   System-defined Include-files.                                 *', '*******************************************************************', `  INCLUDE l${group}top.`, `  INCLUDE l${group}uxx.`, ''].join('\n'),
  };
  const modules = functions.map((name) => {
    const writer = new FileWriter(`${spec.folder}/${group}.fugr.${name}.abap`);
    writer.add(`FUNCTION ${name}.`, '*"----------------------------------------------------------------------', '*"*"Local Interface:', '*"  IMPORTING', '*"     VALUE(IV_KEY) TYPE  STRING', '*"----------------------------------------------------------------------');
    writer.body(body(spec, 'function'));
    writer.add('  gv_last_key = iv_key.', 'ENDFUNCTION.');
    return writer.done();
  });
  const metadata = {
    path: `${spec.folder}/${group}.fugr.xml`,
    text: xml('LCL_OBJECT_FUGR', [
      `<AREAT>${escapeXml(spec.description)}</AREAT>`,
      '   <INCLUDES>',
      `    <SOBJ_NAME>L${group.toUpperCase()}TOP</SOBJ_NAME>`,
      `    <SOBJ_NAME>SAPL${group.toUpperCase()}</SOBJ_NAME>`,
      '   </INCLUDES>',
      '   <FUNCTIONS>',
      ...functions.flatMap((name) => ['    <item>', `     <FUNCNAME>${name.toUpperCase()}</FUNCNAME>`, `     <SHORT_TEXT>${escapeXml(spec.description)}</SHORT_TEXT>`, '     <IMPORT>', '      <RSIMP>', '       <PARAMETER>IV_KEY</PARAMETER>', '       <TYP>STRING</TYP>', '      </RSIMP>', '     </IMPORT>', '    </item>']),
      '   </FUNCTIONS>',
    ]),
  };
  return { files: [top, main, ...modules.map((module) => module.file), metadata], seeded: modules.flatMap((module) => module.seeded) };
};

/** An interface with a few method signatures (never seeded: interfaces carry no statements). */
const globalInterface = (spec: ObjectSpec): GeneratedObject => {
  const methods = Array.from({ length: spec.routines }, (_, index) => routineName(spec.random, ROUTINE_VERBS, noun(spec), index + 1));
  const text = [`INTERFACE ${spec.name} PUBLIC.`, ...methods.map((method) => `  METHODS ${method} IMPORTING iv_key TYPE string.`), 'ENDINTERFACE.', ''].join('\n');
  const metadata = {
    path: `${spec.folder}/${spec.name}.intf.xml`,
    text: xml('LCL_OBJECT_INTF', ['<VSEOINTERF>', `    <CLSNAME>${spec.name.toUpperCase()}</CLSNAME>`, '    <LANGU>E</LANGU>', `    <DESCRIPT>${escapeXml(spec.description)}</DESCRIPT>`, '    <EXPOSURE>2</EXPOSURE>', '    <STATE>1</STATE>', '    <UNICODE>X</UNICODE>', '   </VSEOINTERF>']),
  };
  return { files: [{ path: `${spec.folder}/${spec.name}.intf.abap`, text }, metadata], seeded: [] };
};

/** CDS catalog picks for seeded views: a table and the variant a read of it gives. */
/** A simplified table a CDS view joins; a hybrid table with the stock field the view reads (a master data read is no finding). */
type CdsRead = { table: string; variant: string; stockField?: string };

/**
 * A CDS view: a clean view entity, or (seeded) a DDIC-based view, a view entity joining a simplified table, or a view
 * that does not parse.
 */
const cdsView = (spec: ObjectSpec, reads: readonly CdsRead[]): GeneratedObject => {
  const name = spec.name.toUpperCase();
  const path = `${spec.folder}/${spec.name}.ddls.asddls`;
  const base = spec.random.pick(CLEAN_TABLES);
  const seeded: SeededFinding[] = [];
  let lines: string[];
  const choice = spec.random.chance(spec.seedRate)
    ? spec.random.weighted([
        { weight: 3, value: 'legacy' },
        { weight: 4, value: 'join' },
        ...(spec.parserErrors ? [{ weight: 0.5, value: 'broken' }] : []),
      ])
    : 'clean';
  if (choice === 'legacy') {
    lines = [
      `@AbapCatalog.sqlViewName: 'Z${name.slice(-10).replace(/_/g, '')}V'`,
      '@AccessControl.authorizationCheck: #NOT_REQUIRED',
      `@EndUserText.label: '${spec.description.slice(0, 60)}'`,
      `define view ${name}`,
      `  as select from ${base.name}`,
      '{',
      `  key ${base.key},`,
      `      ${base.text}`,
      '}',
    ];
    seeded.push({ ruleId: 'cds_legacy_view', file: path, line: 1 });
  } else if (choice === 'join') {
    const read = spec.random.pick(reads);
    lines = [
      '@AccessControl.authorizationCheck: #NOT_REQUIRED',
      `@EndUserText.label: '${spec.description.slice(0, 60)}'`,
      `define view entity ${name}`,
      `  as select from ${base.name}`,
      `    inner join ${read.table} on ${read.table}.mandt = ${base.name}.mandt`,
      '{',
      `  key ${base.name}.${base.key} as KeyField,`,
      ...(read.stockField === undefined ? [] : [`      ${read.table}.${read.stockField} as StockField,`]),
      `      ${base.name}.${base.text} as TextField`,
      '}',
    ];
    seeded.push({ ruleId: 's4_simplified_table', variant: read.variant, file: path, line: 5 });
  } else if (choice === 'broken') {
    lines = ['@AccessControl.authorizationCheck: #NOT_REQUIRED', `define view entity ${name} as select from ${base.name} {`, `  key ${base.key},`, '}}'];
    seeded.push({ ruleId: 'cds_parser_error', file: path, line: 1 });
  } else {
    lines = [
      '@AccessControl.authorizationCheck: #NOT_REQUIRED',
      `@EndUserText.label: '${spec.description.slice(0, 60)}'`,
      `define view entity ${name}`,
      `  as select from ${base.name}`,
      '{',
      `  key ${base.key} as KeyField,`,
      `      ${base.amount} as Amount,`,
      `      ${base.text} as TextField`,
      '}',
    ];
  }
  const metadata = {
    path: `${spec.folder}/${spec.name}.ddls.xml`,
    text: xml('LCL_OBJECT_DDLS', ['<DDLS>', `    <DDLNAME>${name}</DDLNAME>`, '    <DDLANGUAGE>E</DDLANGUAGE>', `    <DDTEXT>${escapeXml(spec.description.slice(0, 60))}</DDTEXT>`, '    <SOURCE_TYPE>W</SOURCE_TYPE>', '   </DDLS>']),
  };
  return { files: [{ path, text: `${lines.join('\n')}\n` }, metadata], seeded };
};

export type { CdsRead, GeneratedObject, ObjectFile, ObjectSpec, SeededFinding };
export { cdsView, functionGroup, globalClass, globalInterface, report };
