/**
 * ABAP programs as SAP compiles them: a main program (a report, a module pool, a function group) with the includes it
 * names in `INCLUDE` statements. An include is no program of its own: its macros, types and data come from the TOP
 * include of the program that includes it, and parsed alone every macro it calls is a parser error. So the includes of
 * a program go into the program's unit, resolved by name inside the archive (abapGit PROG objects and plain `.abap`
 * files alike), and their findings still name the include's own file and line.
 *
 * An include that several programs name belongs to one of them (the first by object name, so the choice does not
 * depend on the archive's order); the others get it as context when it defines macros: parsed with them so their
 * macro calls parse, never reported there. An include no program of the archive names stays a unit of its own.
 */
import { ProgramTypes } from './constants';
import type { ProgramType } from './types';

/** What grouping needs to know of a unit. */
type ProgramCandidate = {
  objectType?: string;
  objectName?: string;
  programType?: ProgramType;
  files: ReadonlyArray<{ name: string; text: string }>;
};

/** The plan for one program: its main unit, the includes merged into it, the includes it gets as context. */
type ProgramGroup = {
  /** Index of the main unit (a main program or function group). */
  main: number;
  /** Indices of the include units that become part of the main's unit, in object name order. */
  includes: number[];
  /** Indices of include units owned by another program whose macros this one uses: parsed, not reported. */
  context: number[];
};

/** An INCLUDE statement up to its period: `INCLUDE name.` or the colon chain `INCLUDE: a, b.` over several lines. */
const INCLUDE_STATEMENT = /^[ \t]*INCLUDE(?=[\s:])([^.]*)\./gim;
const INCLUDED_NAME = /^([A-Z0-9_/]+)(?:\s+IF\s+FOUND)?$/i;
const MAIN_STATEMENT = /^[ \t]*(?:REPORT|PROGRAM|FUNCTION-POOL)\b/im;
const MACRO_DEFINITION = /^[ \t]*DEFINE[ \t]+[A-Z0-9_/]+[ \t]*\./im;

const isSourceName = (name: string): boolean => name.toLowerCase().endsWith('.abap');

const sourcesOf = (unit: ProgramCandidate): string[] => unit.files.filter((file) => isSourceName(file.name)).map((file) => file.text);

/**
 * The program names a source includes, upper case, in order (`INCLUDE zr_top.`, `INCLUDE: zr_top, zr_f01.`; not
 * `INCLUDE STRUCTURE` or `INCLUDE TYPE`, which are declarations). Comment lines are left out.
 *
 * @example
 * includedNames('REPORT zr.\nINCLUDE zr_top.\n* INCLUDE zold.'); // ['ZR_TOP']
 */
const includedNames = (text: string): string[] =>
  [...text.matchAll(INCLUDE_STATEMENT)].flatMap((match) => {
    // Comments inside a chain run to the end of their line.
    const body = match[1]
      .split('\n')
      .map((line) => line.replace(/".*$/, ''))
      .join(' ')
      .replace(/^\s*:/, '');
    return body
      .split(',')
      .map((item) => item.trim())
      .filter((item) => !/^(?:STRUCTURE|TYPE)\b/i.test(item))
      .flatMap((item) => {
        const name = INCLUDED_NAME.exec(item);
        return name === null ? [] : [name[1].toUpperCase()];
      });
  });

/** The include names a function group's own files stand for (`zfg.fugr.lzfgtop.abap` → `LZFGTOP`). */
const ownIncludeNames = (unit: ProgramCandidate): Set<string> =>
  new Set(unit.files.map((file) => file.name.split('.')).filter((parts) => parts.length > 3).map((parts) => parts.slice(2, -1).join('.').replace(/#/g, '/').toUpperCase()));

/**
 * Whether a unit is an include rather than a main program: by the program type its abapGit XML declares, else (plain
 * files) by its source, which then has no REPORT, PROGRAM or FUNCTION-POOL statement.
 */
const isInclude = (unit: ProgramCandidate): boolean => {
  if (unit.objectType !== 'PROG') return false;
  if (unit.programType !== undefined) return unit.programType === ProgramTypes.I;
  return !sourcesOf(unit).some((text) => MAIN_STATEMENT.test(text));
};

const definesMacros = (unit: ProgramCandidate): boolean => sourcesOf(unit).some((text) => MACRO_DEFINITION.test(text));

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Plans the programs of an archive: which include units go into which main unit, and which it gets as context.
 * Units that are no ABAP program (classes, interfaces, CDS, web files) and includes no program names are in no group.
 *
 * @example
 * planPrograms([{ objectType: 'PROG', objectName: 'ZR', files: [{ name: 'zr.prog.abap', text: 'REPORT zr.\nINCLUDE zr_top.' }] },
 *               { objectType: 'PROG', objectName: 'ZR_TOP', programType: 'include', files: [{ name: 'zr_top.prog.abap', text: 'DATA x TYPE i.' }] }]);
 * // [{ main: 0, includes: [1], context: [] }]
 */
const planPrograms = (units: readonly ProgramCandidate[]): ProgramGroup[] => {
  const byName = new Map<string, number>();
  units.forEach((unit, index) => {
    if (unit.objectType === 'PROG' && unit.objectName !== undefined && isInclude(unit) && !byName.has(unit.objectName.toUpperCase())) {
      byName.set(unit.objectName.toUpperCase(), index);
    }
  });
  if (byName.size === 0) return [];
  const mains = units
    .map((unit, index) => ({ unit, index }))
    .filter(({ unit }) => (unit.objectType === 'PROG' && !isInclude(unit)) || unit.objectType === 'FUGR')
    .sort((a, b) => compareText(a.unit.objectName ?? '', b.unit.objectName ?? '') || a.index - b.index);

  const owner = new Map<number, number>();
  const groups: ProgramGroup[] = [];
  for (const { unit, index } of mains) {
    const own = unit.objectType === 'FUGR' ? ownIncludeNames(unit) : new Set<string>();
    const reached: number[] = [];
    const seen = new Set<number>();
    const visit = (names: readonly string[]): void => {
      for (const name of names) {
        if (own.has(name)) continue;
        const include = byName.get(name);
        if (include === undefined || seen.has(include)) continue;
        seen.add(include);
        reached.push(include);
        visit(sourcesOf(units[include]).flatMap(includedNames));
      }
    };
    visit(sourcesOf(unit).flatMap(includedNames));
    if (reached.length === 0) continue;
    const includes: number[] = [];
    const context: number[] = [];
    for (const include of reached) {
      if (!owner.has(include)) {
        owner.set(include, index);
        includes.push(include);
      } else if (definesMacros(units[include])) {
        context.push(include);
      }
    }
    const byObjectName = (a: number, b: number): number => compareText(units[a].objectName ?? '', units[b].objectName ?? '');
    groups.push({ main: index, includes: includes.sort(byObjectName), context: context.sort(byObjectName) });
  }
  return groups;
};

export type { ProgramCandidate, ProgramGroup };
export { includedNames, isInclude, planPrograms };
