/**
 * Per-file facts of the AngularJS pack: what a file declares and uses, for the code-base phase that joins them across
 * files. Names, kinds, counts and positions only, never source text. Stored as `AnalysisResult.facts` (JSON), cached
 * with the findings, so keep them small: lists are capped and positions are `[line, column]` pairs.
 */

/** Version tag of the facts' shape; the code-base phase ignores facts of another shape (a stale cache entry). */
const FACTS_SCHEMA = 'angularjs-facts/1';

/** At most this many distinct names per list in one file's facts. */
const MAX_NAMES = 500;

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
      /** The identifier passed (`.controller('X', XCtrl)` → `XCtrl`). */
      ref: string;
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

/** A named function, class or object declared at the top of a file (or exported): a candidate definition. */
type Definition = {
  name: string;
  kind: 'function' | 'class' | 'object';
  at: Loc;
  /** Names it gets injected (annotation, `$inject` or parameters). */
  injects: string[];
  /** When it returns a directive definition object. */
  directive?: DirectiveShape;
  exported: boolean;
};

/** Facts of a JavaScript or TypeScript file. */
type ScriptFacts = {
  schema: typeof FACTS_SCHEMA;
  kind: 'script';
  isTest: boolean;
  /** `angular.module('name', [requires])` definitions (`requires` present) and getters (`requires` absent). */
  modules: Array<{ name: string; requires?: string[]; at: Loc }>;
  registrations: Registration[];
  definitions: Definition[];
  imports: Array<{ source: string; local: string; imported: string }>;
  /** Names used from this file: directives in inline templates, filters through `$filter('x')`, controllers and components named by routes. */
  uses: { directives: string[]; filters: string[]; controllers: string[] };
  /** Findings per rule id and per `rule/variant` in this file, and other counts (`inlineTemplates`). */
  counts: Record<string, number>;
};

/** Facts of an HTML template (or of the inline templates of a script, merged into its `uses`). */
type TemplateFacts = {
  schema: typeof FACTS_SCHEMA;
  kind: 'template';
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

export type { AngularJsFacts, DirectiveShape, Definition, Loc, Registration, RegistrationKind, RegistrationTarget, ScriptFacts, TemplateFacts };
export { FACTS_SCHEMA, MAX_NAMES };
