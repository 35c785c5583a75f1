/**
 * Per-file facts of the AngularJS pack: what a file declares and uses, for the code-base phase that joins them across
 * files. Names, kinds, counts and positions only, never source text. Stored as `AnalysisResult.facts` (JSON), cached
 * with the findings, so keep them small: lists are capped and positions are `[line, column]` pairs.
 */

/** Version tag of the facts' shape; the code-base phase ignores facts of another shape (a stale cache entry). */
const FACTS_SCHEMA = 'angularjs-facts/2';

/** At most this many distinct names per list in one file's facts. */
const MAX_NAMES = 500;

import type { FileRole } from './fileRole';

/** `[line, column]`, both 1-based. */
type Loc = [number, number];

/** Kinds of module registration methods (`angular.module(...).controller(...)` and the others). */
type RegistrationKind =
  | 'controller'
  | 'component'
  | 'directive'
  | 'service'
  | 'factory'
  | 'provider'
  | 'value'
  | 'constant'
  | 'filter'
  | 'config'
  | 'run'
  | 'decorator'
  | 'animation';

/** What a directive definition object (the object a directive factory returns) configures, with positions. */
type DirectiveShape = {
  /** Where the definition object starts. */
  at: Loc;
  /** `restrict` as written (AngularJS defaults to `EA`), absent when not a string. */
  restrict?: string;
  /** `isolate` (`scope: {}`), `child` (`scope: true`) or `shared` (no scope property, or `scope: false`). */
  scope: 'isolate' | 'child' | 'shared';
  bindToController: boolean;
  controller: boolean;
  controllerAs: boolean;
  template: boolean;
  compile?: Loc;
  link?: Loc;
  replace?: Loc;
  priority?: Loc;
  terminal?: Loc;
  transclude?: Loc;
  require?: Loc;
  /** Position of the `scope` member (or of the definition object when there is none). */
  scopeAt: Loc;
};

/** How a registration gives its definition. */
type RegistrationTarget =
  | { inline: true; injects: string[]; directive?: DirectiveShape }
  | {
      inline: false;
      /** The identifier passed (`.controller('X', XCtrl)` → `XCtrl`; `widgets.Tip` → `widgets`). */
      ref: string;
      /** For a member of a namespace import (`widgets.Tip` with `import * as widgets`): the member's name. */
      member?: string;
      /** `local`: declared in this file (already assessed here); `import`: imported; `global`: neither (a script global). */
      source: 'local' | 'import' | 'global';
      /** For a local definition: the names it gets injected. */
      injects?: string[];
      /** For a local directive factory: the shape of the definition object it returns. */
      directive?: DirectiveShape;
    };

type Registration = {
  kind: RegistrationKind;
  /** Registered name; absent for config/run blocks. */
  name?: string;
  /** Module name when the receiver chain starts at `angular.module('name')`. */
  module?: string;
  at: Loc;
  target: RegistrationTarget;
};

/**
 * A named function, class, object or other value declared at the top of a file (or exported): a candidate
 * definition. `value` is anything else a name is bound to (a string constant, the result of a call such as
 * react2angular's): defined in the code base, with nothing more to assess.
 */
type Definition = {
  name: string;
  kind: 'function' | 'class' | 'object' | 'value';
  at: Loc;
  /** Names it gets injected (annotation, `$inject` or parameters). */
  injects: string[];
  /** When it returns a directive definition object. */
  directive?: DirectiveShape;
  exported: boolean;
};

/**
 * A name another file can import from this one without it being defined here: `export { a as b } from './x'`
 * (`imported` a, `exported` b), `export * from './x'` (both `*`), or an imported name exported again.
 */
type Reexport = { source: string; imported: string; exported: string };

/** Facts of a JavaScript or TypeScript file. */
type ScriptFacts = {
  schema: typeof FACTS_SCHEMA;
  kind: 'script';
  /** What the file is (application code, which kind of test, tooling, generated): see fileRole.ts. */
  role: FileRole;
  /** An ES module (it imports or exports): its top-level names are its own, never script globals of other files. */
  esModule: boolean;
  /** `angular.module('name', [requires])` definitions (`requires` present) and getters (`requires` absent). */
  modules: Array<{
    name: string;
    requires?: string[];
    /**
     * npm packages named in `requires` through an import or `require` instead of a string (`[uiRouter]` with
     * `import uiRouter from '@uirouter/angularjs'`): AngularJS libraries export their module's name.
     */
    packages?: string[];
    at: Loc;
  }>;
  registrations: Registration[];
  definitions: Definition[];
  imports: Array<{ source: string; local: string; imported: string }>;
  reexports: Reexport[];
  /** Names used from this file: directives in inline templates, filters through `$filter('x')`, controllers and components named by routes. */
  uses: { directives: string[]; filters: string[]; controllers: string[] };
  /** Findings per rule id and per `rule/variant` in this file, and other counts (`inlineTemplates`). */
  counts: Record<string, number>;
};

/** Facts of an HTML template (or of the inline templates of a script, merged into its `uses`). */
type TemplateFacts = {
  schema: typeof FACTS_SCHEMA;
  kind: 'template';
  /** `app`, or a role its path gives (a page of end-to-end tests, a test fixture): see fileRole.ts. */
  role: FileRole;
  /** Normalised (camelCase) names of custom elements and non-`ng` attributes: candidate directive uses. */
  directives: string[];
  /** Filters used in expressions. */
  filters: string[];
  /** Controllers named by ng-controller. */
  controllers: string[];
  /** Findings per rule id and per `rule/variant`, `ngAttributes` (built-in ng-* attributes) and `interpolations`. */
  counts: Record<string, number>;
};

type AngularJsFacts = ScriptFacts | TemplateFacts;

/** Facts of a script that declares and uses nothing (yet): the scanner's start, and all a file not assessed gets. */
const emptyScriptFacts = (role: FileRole): ScriptFacts => ({
  schema: FACTS_SCHEMA,
  kind: 'script',
  role,
  esModule: false,
  modules: [],
  registrations: [],
  definitions: [],
  imports: [],
  reexports: [],
  uses: { directives: [], filters: [], controllers: [] },
  counts: {},
});

/** Facts of a template that uses nothing (yet). */
const emptyTemplateFacts = (role: FileRole): TemplateFacts => ({ schema: FACTS_SCHEMA, kind: 'template', role, directives: [], filters: [], controllers: [], counts: {} });

export type { AngularJsFacts, DirectiveShape, Definition, Loc, Reexport, Registration, RegistrationKind, RegistrationTarget, ScriptFacts, TemplateFacts };
export { FACTS_SCHEMA, MAX_NAMES, emptyScriptFacts, emptyTemplateFacts };
