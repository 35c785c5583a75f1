/**
 * abapGit file naming: `<object name>.<type>[.<part>].<extension>`, for example `zcl_x.clas.locals_imp.abap`,
 * `zfg.fugr.lzfgtop.abap`, `zfoo.prog.xml`. Every file of one object shares `<object name>.<type>` and lives in the
 * same folder, so that pair (plus the folder) is the key that groups an object's files into one unit.
 */
import { ProgramTypes } from './constants';
import type { ProgramType } from './types';

/** What an abapGit file name says. */
type AbapGitFileName = {
  /** Object name as ABAP knows it: upper case, `#` turned back into `/` (`#acme#zcl_x` → `/ACME/ZCL_X`). */
  objectName: string;
  /** Object type, upper case (`CLAS`). */
  objectType: string;
  /** `source` for ABAP and CDS sources, `metadata` for the `.xml`. */
  role: 'source' | 'metadata';
  /** Whether this is the object's main file (`<name>.<type>.abap` or `<name>.<type>.xml`), not a part or include. */
  main: boolean;
  /** The grouping key within a folder: `<name>.<type>`, lower case. */
  objectKey: string;
};

// The extensions abapGit gives to sources abaplint parses: ABAP, and the CDS family (views, access controls,
// behaviour definitions, metadata extensions), which S/4HANA checks care about as much as ABAP.
const SOURCE_EXTENSIONS = new Set(['abap', 'asddls', 'asdcls', 'asbdef', 'asddlxs']);

// Names have no dots (ABAP names cannot hold one; abapGit escapes what it must with %xx and namespaces with #);
// types are four characters; a part (an include, a class's locals_imp) may itself hold dots.
const ABAPGIT_NAME = /^([^.]+)\.([a-z0-9]{4})((?:\.[^.]+)*?)\.([a-z]+)$/i;

/** Decodes abapGit's escaping of an object name and returns ABAP's spelling of it. */
const decodeObjectName = (escaped: string): string => {
  const slashed = escaped.replace(/#/g, '/');
  try {
    return decodeURIComponent(slashed).toUpperCase();
  } catch {
    // A stray % that is not an escape: keep the name as written rather than fail the whole archive.
    return slashed.toUpperCase();
  }
};

/**
 * Parses an abapGit file name.
 *
 * @returns what the name says, or `undefined` when it is not an abapGit source or metadata file name
 * @example
 * parseAbapGitFileName('zcl_x.clas.locals_imp.abap');
 * // { objectName: 'ZCL_X', objectType: 'CLAS', role: 'source', main: false, objectKey: 'zcl_x.clas' }
 */
const parseAbapGitFileName = (fileName: string): AbapGitFileName | undefined => {
  const match = ABAPGIT_NAME.exec(fileName);
  if (match === null) return undefined;
  const [, name, type, part, extension] = match;
  const ext = extension.toLowerCase();
  const role = ext === 'xml' ? 'metadata' : SOURCE_EXTENSIONS.has(ext) ? 'source' : undefined;
  if (role === undefined) return undefined;
  return {
    objectName: decodeObjectName(name),
    objectType: type.toUpperCase(),
    role,
    main: part === '',
    objectKey: `${name}.${type}`.toLowerCase(),
  };
};

/**
 * The abapGit file name given to a plain `.abap` file (not in abapGit layout), so abaplint accepts it as a program:
 * the base name without extension, lower case, characters other than letters, digits and `_` turned into `_`, `z` put
 * in front when it does not start with a letter. The name is not cut to a length: cutting made different files of one
 * archive the same object (`zsd_billing_report_monthly_v1` and `…_v2` both `zsd_billing_report_monthly_v`), and an
 * SE38 download is named after its program anyway, whose name fits.
 *
 * @example
 * plainAbapFileName('My Report-v2.abap'); // 'my_report_v2.prog.abap'
 */
const plainAbapFileName = (baseName: string): string => {
  const stem = baseName.replace(/\.abap$/i, '').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const named = /^[a-z]/.test(stem) ? stem : `z${stem}`;
  return `${named}.prog.abap`;
};

/**
 * The program type a PROG's abapGit XML declares in `<SUBC>` (`I` is an include).
 *
 * @returns the program type, or `undefined` when the XML has no known `<SUBC>`
 */
const programTypeFromXml = (xml: string): ProgramType | undefined => {
  const match = /<SUBC>\s*([^<\s]+)\s*<\/SUBC>/.exec(xml);
  if (match === null) return undefined;
  const code = match[1].toUpperCase();
  return Object.hasOwn(ProgramTypes, code) ? ProgramTypes[code as keyof typeof ProgramTypes] : undefined;
};

export { parseAbapGitFileName, plainAbapFileName, programTypeFromXml };
export type { AbapGitFileName };
