/**
 * The catalog of AngularJS library modules (data/angularjs/library-modules.json): for a module dependency that the
 * code base does not define, which library it is and what replaces it in Angular. Hashed into the rule-pack version.
 */
import catalog from '../../../data/angularjs/library-modules.json';

/** One library module of the catalog. */
type LibraryModule = {
  /** Module name as written in `angular.module(…, [deps])`. */
  module: string;
  /** npm package of the AngularJS library. */
  library: string;
  /** What replaces it in Angular. */
  replacement: string;
  /** Effort to replace the library in one code base, minutes. */
  effort: { low: number; high: number };
  /** Where the replacement is documented. */
  source: string;
};

const LIBRARY_MODULES: readonly LibraryModule[] = catalog.modules;

/** Module names that are AngularJS itself or its test support, never a library to replace. */
const NOT_LIBRARIES: ReadonlySet<string> = new Set(catalog.notLibraries);

const byModule = new Map(LIBRARY_MODULES.map((entry) => [entry.module, entry]));

const byPackage = new Map(LIBRARY_MODULES.map((entry) => [entry.library, entry]));

/** The catalog entry of a module name, if the catalog knows it. */
const libraryModule = (module: string): LibraryModule | undefined => byModule.get(module);

/** The catalog entry of an npm package (`angular-animate`, `@uirouter/angularjs`), if the catalog knows it. */
const libraryPackage = (name: string): LibraryModule | undefined => byPackage.get(name);

export type { LibraryModule };
export { LIBRARY_MODULES, NOT_LIBRARIES, libraryModule, libraryPackage };
