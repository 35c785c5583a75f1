/**
 * Files of an abapGit tree as analysis units, one per object (every file `<name>.<type>[.…]` in one folder), the way
 * the split service groups them, so that benchmarks and accuracy tests analyse exactly what the workflow would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { Unit } from 'analysis-engine';

import { programTypeFromXml } from '../../../functions/lib/source/abapGit';
import { countLoc } from '../../../functions/lib/source/content';
import { planPrograms } from '../../../functions/lib/source/programs';

/** One file of a code base: its `/`-separated path relative to the root, and its text. */
type SourceFile = { path: string; text: string };

const OBJECT_KEY = /^([^.]+\.[a-z0-9]{4})\./i;

/**
 * Source files of ABAP objects (what counts towards lines of code and carries labels), as opposed to metadata (XML)
 * and documentation.
 *
 * @example
 * isSourceFile('src/zi_x.ddls.asddls'); // true
 */
const isSourceFile = (path: string): boolean => /\.(abap|asddls|acds|asdcls|asddlxs|asbdef)$/i.test(path);

/**
 * Lines of code of a file: the splitter's own count (non-blank lines), so that the generator, the accuracy tests and
 * the workflow count the same lines by construction.
 *
 * @example
 * nonBlankLines('REPORT z.\n\n  WRITE 1.\n'); // 2
 */
const nonBlankLines: (text: string) => number = countLoc;

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * Merges each program's includes into its unit, and gives it the macro includes of other programs as context, with
 * the splitter's own plan (functions/lib/source/programs.ts).
 */
const groupPrograms = (units: Unit[]): Unit[] => {
  const candidates = units.map((unit) => {
    const xml = unit.files.find((file) => file.path.toLowerCase().endsWith(`${unit.objectName?.toLowerCase().replace(/\//g, '#')}.prog.xml`));
    const programType = xml === undefined ? undefined : programTypeFromXml(xml.text);
    return {
      objectType: unit.objectType,
      objectName: unit.objectName,
      ...(programType === undefined ? {} : { programType }),
      files: unit.files.map((file) => ({ name: baseName(file.path), text: file.text })),
    };
  });
  const merged = new Set<number>();
  const grouped = planPrograms(candidates).map((group) => {
    const main = units[group.main];
    const includes = group.includes.map((index) => units[index]);
    for (const index of [group.main, ...group.includes]) merged.add(index);
    return {
      ...main,
      files: [...main.files, ...includes.flatMap((include) => include.files)],
      ...(group.context.length === 0 ? {} : { context: group.context.flatMap((index) => units[index].files) }),
      loc: main.loc + includes.reduce((sum, include) => sum + include.loc, 0),
    };
  });
  return [...units.filter((_unit, index) => !merged.has(index)), ...grouped];
};

/**
 * Groups files into one unit per abapGit object, and each program's includes into its program's unit, as the
 * splitter does; package files (`package.devc.xml`) and files without an abapGit name are left out. `loc` counts
 * non-blank lines of the source files (XML excluded), as the splitter does.
 *
 * @example
 * const units = abapGitUnits([{ path: 'src/zr.prog.abap', text: 'REPORT zr.' }]); // [{ unitId: 'src/zr.prog', … }]
 */
const abapGitUnits = (files: readonly SourceFile[]): Unit[] => {
  const groups = new Map<string, SourceFile[]>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const key = OBJECT_KEY.exec(name);
    if (key === null || name.endsWith('.devc.xml')) continue;
    const groupKey = `${file.path.slice(0, file.path.lastIndexOf('/') + 1)}${key[1].toLowerCase()}`;
    const group = groups.get(groupKey) ?? [];
    group.push(file);
    groups.set(groupKey, group);
  }
  const units = [...groups].map(([key, group]): Unit => {
    const base = key.slice(key.lastIndexOf('/') + 1);
    const main = group.find((file) => file.path.toLowerCase().endsWith(`${base}.abap`)) ?? group[0];
    const [objectName, objectType] = base.split('.');
    return {
      unitId: key,
      language: 'abap',
      objectType: objectType.toUpperCase(),
      objectName: objectName.replace(/#/g, '/').toUpperCase(),
      path: main.path,
      files: group.map((file) => ({ path: file.path, text: file.text })),
      loc: group.filter((file) => isSourceFile(file.path)).reduce((sum, file) => sum + nonBlankLines(file.text), 0),
    };
  });
  return groupPrograms(units);
};

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));

/**
 * Every file under `root`, with paths relative to it.
 *
 * @example
 * readSourceTree('tests/fixtures/rules/abap'); // [{ path: 'obsolete_statement/zfx_….prog.abap', text: '…' }, …]
 */
const readSourceTree = (root: string): SourceFile[] =>
  walk(root)
    .sort()
    .map((file) => ({ path: relative(root, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));

export type { SourceFile };
export { abapGitUnits, isSourceFile, nonBlankLines, readSourceTree };
