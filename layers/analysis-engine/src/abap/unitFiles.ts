import type { UnitFile } from '../types';

/** A unit file as the ABAP analyzer hands it to abaplint. */
type PreparedFile = {
  /** Path as given in the unit; findings report this. */
  path: string;
  /** File name abaplint sees; abaplint derives object type and name from it. */
  abaplintName: string;
  text: string;
  /** Source (counts towards lines of code), as opposed to metadata such as `.xml`. */
  isSource: boolean;
  /** False for a second metadata file of the same name, which abaplint cannot take twice. */
  include: boolean;
  /** A file parsed with the unit but not reported on (`Unit.context`), or metadata written here. */
  context: boolean;
};

/**
 * abapGit file names: `<object name>.<object type>[.<more>].<extension>`, for example `zcl_x.clas.locals_imp.abap`,
 * `zfg.fugr.z_read.abap`, `#ns#zx.prog.abap`, `zi_x.ddls.asddls`. abaplint only recognises files named like this.
 */
const ABAPGIT_NAME = /^[^.]+\.[a-z0-9]{4}\.(?:[^.]+\.)*[a-z0-9_]+$/i;

/** Extensions of source files (everything else, `.xml` and `.json` mainly, is object metadata). */
const SOURCE_EXTENSIONS = ['.abap', '.asddls', '.acds', '.asdcls', '.asddlxs', '.asbdef'];

const MAIN_STATEMENT = /^[ \t]*(?:REPORT|PROGRAM|FUNCTION-POOL)\b/im;

/** The abapGit program metadata that marks an include (program type I). */
const INCLUDE_PROGRAM_XML = '<?xml version="1.0" encoding="utf-8"?><abapGit version="v1.0.0" serializer="LCL_OBJECT_PROG"><asx:abap xmlns:asx="http://www.sap.com/abapxml" version="1.0"><asx:values><PROGDIR><SUBC>I</SUBC></PROGDIR></asx:values></asx:abap></abapGit>';

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const isSourceName = (name: string): boolean => SOURCE_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));

/**
 * Non-blank lines of a text. Comment lines count: they are part of what a developer reads and maintains, and the
 * splitter and the benchmarks use the same definition.
 */
const countLoc = (text: string): number => {
  let count = 0;
  for (const line of text.split('\n')) if (line.trim().length > 0) count += 1;
  return count;
};

/**
 * Gives every file of a unit a name abaplint recognises. abapGit names are kept (the object type matters: a class
 * include is parsed differently from a program). A `.abap` file with any other name, or a second file with the same
 * name, is parsed as a program of its own (`zz_unit_file_<n>.prog.abap`) rather than silently ignored. Other files
 * keep their name (abaplint ignores names it does not recognise); a repeated metadata name is left out.
 *
 * @example
 * prepareFiles([{ path: 'legacy/report.abap', text }]); // [{ abaplintName: 'zz_unit_file_1.prog.abap', … }]
 */
const prepareFiles = (files: readonly UnitFile[], context: readonly UnitFile[] = []): PreparedFile[] => {
  const used = new Set<string>();
  let renamed = 0;
  const prepared = [...files.map((file) => ({ file, context: false })), ...context.map((file) => ({ file, context: true }))].map(({ file, context: isContext }) => {
    let abaplintName = file.name ?? baseName(file.path);
    const isSource = isSourceName(abaplintName) && !isContext;
    const duplicate = used.has(abaplintName.toLowerCase());
    if ((duplicate || !ABAPGIT_NAME.test(abaplintName)) && abaplintName.toLowerCase().endsWith('.abap')) {
      renamed += 1;
      abaplintName = `zz_unit_file_${renamed}.prog.abap`;
      return { path: file.path, abaplintName, text: file.text, isSource, include: true, context: isContext };
    }
    used.add(abaplintName.toLowerCase());
    return { path: file.path, abaplintName, text: file.text, isSource, include: !duplicate, context: isContext };
  });
  return [...prepared, ...includeMetadata(prepared)];
};

/**
 * abapGit program metadata for plain-file includes of a program of several files: abaplint resolves a program's
 * macros into its includes only when it knows them as includes (program type I), which abapGit says in the XML and a
 * plain SE38 download cannot. A file with a REPORT, PROGRAM or FUNCTION-POOL statement is a main program.
 */
const includeMetadata = (prepared: readonly PreparedFile[]): PreparedFile[] => {
  const programs = prepared.filter((file) => file.include && file.abaplintName.toLowerCase().endsWith('.prog.abap'));
  if (programs.length < 2) return [];
  const names = new Set(prepared.map((file) => file.abaplintName.toLowerCase()));
  return programs
    .filter((file) => !names.has(file.abaplintName.toLowerCase().replace(/\.abap$/, '.xml')) && !MAIN_STATEMENT.test(file.text))
    .map((file) => ({
      path: file.path,
      abaplintName: file.abaplintName.replace(/\.abap$/i, '.xml'),
      text: INCLUDE_PROGRAM_XML,
      isSource: false,
      include: true,
      context: true,
    }));
};

export type { PreparedFile };
export { countLoc, prepareFiles };
