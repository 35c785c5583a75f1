/**
 * What to do with a file, judged from its path alone (before any byte of it is read): skip it, or read it as part of
 * an ABAP object, or read it as a unit of its own.
 */
import { parseAbapGitFileName, plainAbapFileName } from './abapGit';
import type { AbapGitFileName } from './abapGit';
import { Languages, SkipReasons } from './constants';
import { baseName, dirName } from './paths';
import type { Language, SkipReason } from './types';

/** The decision for one file path. */
type PathDecision =
  | {
      kind: 'skip';
      reason: SkipReason;
      detail?: string;
      /** Set when a whole directory is skipped: the directory (ending in `/`), so the result lists it once. */
      directory?: string;
    }
  | {
      kind: 'abap-part';
      /** Folder + `<name>.<type>`, lower case: every file of one object has the same key. */
      groupKey: string;
      name: AbapGitFileName;
      /** The file name as it stands (the unit file name). */
      fileName: string;
    }
  | {
      kind: 'single';
      language: Language;
      /** The file name the analyzer sees. */
      fileName: string;
      objectType?: string;
      objectName?: string;
    };

/** Settings of the classifier. */
type ClassifyOptions = { vendoredDirectories: ReadonlyArray<string> };

const VCS_DIRECTORIES = new Set(['.git', '.svn', '.hg']);
const OS_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);
const WEB_EXTENSIONS: Readonly<Record<string, Language>> = {
  js: Languages.JavaScript,
  mjs: Languages.JavaScript,
  cjs: Languages.JavaScript,
  jsx: Languages.JavaScript,
  ts: Languages.TypeScript,
  mts: Languages.TypeScript,
  cts: Languages.TypeScript,
  tsx: Languages.TypeScript,
  html: Languages.Html,
  htm: Languages.Html,
};

/** The first directory on the path (outermost) that is skipped as a whole, with its reason. */
const skippedDirectory = (
  segments: ReadonlyArray<string>,
  vendored: ReadonlySet<string>,
): { directory: string; reason: SkipReason } | undefined => {
  // Outermost first: `vendor/x/node_modules/y` is one vendored directory, not a vendored one and a node_modules one.
  for (let i = 0; i < segments.length - 1; i += 1) {
    const lower = segments[i].toLowerCase();
    const reason =
      lower === 'node_modules'
        ? SkipReasons.NodeModules
        : vendored.has(lower)
          ? SkipReasons.Vendored
          : VCS_DIRECTORIES.has(lower)
            ? SkipReasons.VcsMetadata
            : lower === '__macosx'
              ? SkipReasons.OsMetadata
              : undefined;
    if (reason !== undefined) return { directory: `${segments.slice(0, i + 1).join('/')}/`, reason };
  }
  return undefined;
};

/**
 * Creates the classifier for one split.
 *
 * @example
 * const classify = createClassifier({ vendoredDirectories: ['vendor'] });
 * classify('src/zcl_x.clas.abap'); // { kind: 'abap-part', groupKey: 'src/zcl_x.clas', … }
 * classify('web/vendor/angular.js'); // { kind: 'skip', reason: 'vendored', directory: 'web/vendor/' }
 */
const createClassifier = (options: ClassifyOptions): ((path: string) => PathDecision) => {
  const vendored = new Set(options.vendoredDirectories.map((name) => name.toLowerCase()));
  return (path) => {
    const segments = path.split('/');
    const inSkipped = skippedDirectory(segments, vendored);
    if (inSkipped !== undefined) return { kind: 'skip', ...inSkipped };

    const fileName = baseName(path);
    const lower = fileName.toLowerCase();
    if (OS_FILES.has(lower) || lower.startsWith('._')) return { kind: 'skip', reason: SkipReasons.OsMetadata };
    if (lower === '.abapgit.xml') {
      return { kind: 'skip', reason: SkipReasons.MetadataOnly, detail: 'abapGit repository settings' };
    }

    const dot = lower.lastIndexOf('.');
    const extension = dot < 0 ? '' : lower.slice(dot + 1);
    const abapGit = parseAbapGitFileName(fileName);
    if (abapGit !== undefined) {
      const folder = dirName(path);
      const groupKey = folder === '' ? abapGit.objectKey : `${folder}/${abapGit.objectKey}`;
      return { kind: 'abap-part', groupKey, name: abapGit, fileName };
    }
    if (extension === 'abap') {
      const name = plainAbapFileName(fileName);
      return {
        kind: 'single',
        language: Languages.Abap,
        fileName: name,
        objectType: 'PROG',
        objectName: name.slice(0, -'.prog.abap'.length).toUpperCase(),
      };
    }
    const language = Object.hasOwn(WEB_EXTENSIONS, extension) ? WEB_EXTENSIONS[extension] : undefined;
    if (language !== undefined) {
      if (/\.min\.[cm]?js$/.test(lower)) {
        return { kind: 'skip', reason: SkipReasons.MinifiedName, detail: `name ends in .min.${extension}` };
      }
      return { kind: 'single', language, fileName };
    }
    return {
      kind: 'skip',
      reason: SkipReasons.UnsupportedType,
      detail: extension === '' ? 'no file extension' : `.${extension} files are not analysed`,
    };
  };
};

export { createClassifier };
export type { ClassifyOptions, PathDecision };
