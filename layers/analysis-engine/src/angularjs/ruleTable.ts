/**
 * THE table of the AngularJS → Angular rule pack: every rule (and variant) with its severity, the remediation effort
 * per finding as a low/high range in minutes, the message (what to do in Angular, never source text) and why it
 * matters for the migration.
 *
 * Everything in this file is hashed into the rule-pack version (with the parser versions), so any change here
 * invalidates cached findings.
 *
 * Effort figures are minutes per finding for a developer who knows both frameworks: locate, rewrite, test. A finding's
 * `effortMinutes` is the midpoint of its range, rounded to the minute. They are planning estimates, not measurements; projects calibrate them
 * by passing a modified table to `createAngularJsAnalyzers({ rules })`.
 *
 * Rule id prefixes: `ng_` JavaScript/TypeScript, `tpl_` templates (HTML files and inline `template:` strings), `cb_`
 * the code-base phase (facts joined across files), `parse_error` a file the parser could not read.
 */
import type { EffortClass, Severity } from '../types';

/** Severity, effort range, message and reason of a rule or of one of its variants. */
type NgRuleOutcome = {
  severity: Severity;
  /** Remediation effort per finding, minutes: low and high estimate. */
  effort: { low: number; high: number };
  /**
   * Whether the work is required for the migration or recommended clean-up. Moving to Angular replaces the framework,
   * so every AngularJS construct must change: only dead code is clean-up (deleting it beats migrating it).
   * @default 'required'
   */
  effortClass?: EffortClass;
  /** Finding message: what is wrong and what to do in Angular, no source text and no customer identifiers. */
  message: string;
  /** Why this matters for the migration (documentation: README and report legend). */
  why: string;
};

/** Where a rule looks. */
type NgRuleScope = 'script' | 'template' | 'codebase' | 'any';

/** One row of the rule table. */
type NgRuleDefinition = NgRuleOutcome & {
  /** Rule id reported in findings; unique in the table. */
  id: string;
  /** Report grouping. */
  category: string;
  scope: NgRuleScope;
  /** Overrides per variant; the check that reports a hit chooses the variant. */
  variants?: Record<string, Partial<NgRuleOutcome>>;
};

/** Id and semver of the pack this table defines. Bump the semver for changes a reader should notice. */
const ANGULARJS_RULE_PACK = { id: 'angularjs-angular', semver: '1.1.0' } as const;

const range = (low: number, high: number): { low: number; high: number } => ({ low, high });

/** The rule table. */
const ANGULARJS_RULES: readonly NgRuleDefinition[] = [
  {
    id: 'parse_error',
    category: 'syntax',
    scope: 'script',
    severity: 'major',
    effort: range(15, 60),
    message: 'File does not parse as JavaScript or TypeScript; rules saw only what could be recovered',
    why: 'Code that does not parse cannot be migrated mechanically and may hide AngularJS constructs the assessment cannot count.',
  },
  {
    id: 'ng_module',
    category: 'structure',
    scope: 'script',
    severity: 'minor',
    effort: range(30, 120),
    message: 'AngularJS module definition (angular.module with dependencies); map it to an Angular NgModule or to standalone providers and routes',
    why: 'Each module becomes a unit of the hybrid bootstrap (UpgradeModule) and later an NgModule or a set of standalone imports; its dependencies decide which libraries need an Angular replacement.',
  },
  {
    id: 'ng_controller',
    category: 'component',
    scope: 'script',
    severity: 'major',
    effort: range(120, 480),
    message: 'Controller registration; turn the controller and its template into a component (AngularJS .component first, then an Angular @Component)',
    why: 'Angular has no controllers: the upgrade guide asks for component directives before ngUpgrade, and ngMigration Assistant counts controllers against a hybrid upgrade.',
  },
  {
    id: 'ng_component',
    category: 'component',
    scope: 'script',
    severity: 'minor',
    effort: range(30, 120),
    message: 'Component registration (.component); already close to Angular: upgrade it with UpgradeComponent or rewrite it as an @Component with inputs and outputs',
    why: 'Components have isolate scope, bindings and lifecycle hooks that map almost one to one to Angular components.',
  },
  {
    id: 'ng_directive',
    category: 'directive',
    scope: 'script',
    severity: 'major',
    effort: range(120, 360),
    message: 'Directive registration; rewrite it as an Angular component or attribute directive',
    why: 'Directives carry the DOM logic of an AngularJS application; how much of it ports depends on the features it uses (see the ng_directive_* rules).',
    variants: {
      'component-style': {
        severity: 'minor',
        effort: range(60, 180),
        message: 'Component-style directive (element, isolate scope or bindToController, controller); upgradable with UpgradeComponent, then rewrite it as an @Component',
      },
      attribute: {
        severity: 'major',
        effort: range(90, 240),
        message: 'Attribute directive; rewrite it as an Angular @Directive with host bindings and listeners',
      },
    },
  },
  {
    id: 'ng_directive_compile',
    category: 'directive',
    scope: 'script',
    severity: 'critical',
    effort: range(240, 720),
    message: 'Directive compile function; Angular has no compile phase and UpgradeComponent cannot wrap it: redesign the directive',
    why: 'The upgrade guide: component directives must not use compile, which is not supported in Angular; template manipulation before linking has no equivalent.',
  },
  {
    id: 'ng_directive_replace',
    category: 'directive',
    scope: 'script',
    severity: 'major',
    effort: range(60, 240),
    message: 'Directive with replace: true; Angular never replaces the host element: move the root element\'s attributes and styles to the host',
    why: 'The upgrade guide: replace is deprecated in AngularJS and not supported in Angular or by UpgradeComponent.',
  },
  {
    id: 'ng_directive_priority_terminal',
    category: 'directive',
    scope: 'script',
    severity: 'major',
    effort: range(60, 240),
    message: 'Directive priority or terminal; Angular has no directive ordering: make the behaviour independent of other directives on the element',
    why: 'The upgrade guide: priority and terminal are not used in Angular and code must not rely on them.',
  },
  {
    id: 'ng_directive_transclude',
    category: 'directive',
    scope: 'script',
    severity: 'minor',
    effort: range(30, 120),
    message: 'Transclusion; use content projection (ng-content, with select for multi-slot transclusion)',
    why: 'Transclusion maps to content projection, but transclude functions called by hand ($transclude, transclude: "element") need a redesign.',
  },
  {
    id: 'ng_directive_inherited_scope',
    category: 'scope',
    scope: 'script',
    severity: 'major',
    effort: range(60, 240),
    message: 'Directive shares or inherits its parent scope (no isolate scope); make its inputs explicit as @Input bindings',
    why: 'Scope inheritance has no Angular equivalent: everything the directive reads from parent scopes must become an input or a service.',
  },
  {
    id: 'ng_directive_require',
    category: 'directive',
    scope: 'script',
    severity: 'minor',
    effort: range(30, 90),
    message: 'Directive requires another directive\'s controller; inject the parent component or directive instead (with @Host or @Optional)',
    why: 'require is supported by the upgrade path but each required controller becomes an injected dependency.',
  },
  {
    id: 'ng_directive_link',
    category: 'directive',
    scope: 'script',
    severity: 'major',
    effort: range(60, 240),
    message: 'Directive link function (DOM access through jqLite); move it to host listeners, ElementRef and Renderer2 in an Angular directive',
    why: 'Link functions manipulate the DOM directly and register scope watchers; Angular does this through bindings, host listeners and lifecycle hooks.',
  },
  {
    id: 'ng_service',
    category: 'service',
    scope: 'script',
    severity: 'minor',
    effort: range(30, 120),
    message: 'Service or factory registration; make it an @Injectable class (downgradeInjectable or upgrade provider during the hybrid phase)',
    why: 'Services port well; they can be shared in both directions in a hybrid application.',
    variants: {
      provider: {
        severity: 'major',
        effort: range(120, 360),
        message: 'Provider registration (configured in config blocks); replace it with an InjectionToken and a factory provider',
        why: 'Angular has no configuration phase: provider configuration moves to providers and injection tokens.',
      },
      value: {
        severity: 'info',
        effort: range(10, 30),
        message: 'Value or constant registration; provide it with an InjectionToken',
      },
      decorator: {
        severity: 'major',
        effort: range(120, 360),
        message: 'Service decorator; Angular has no decorators for providers: wrap or replace the service with a provider of your own',
      },
    },
  },
  {
    id: 'ng_filter',
    category: 'filter',
    scope: 'script',
    severity: 'minor',
    effort: range(30, 90),
    message: 'Filter registration; rewrite it as an Angular pipe (@Pipe), pure unless it depends on state',
    why: 'Filters map to pipes; stateful filters ($stateful) must become impure pipes or move into components.',
  },
  {
    id: 'ng_config_block',
    category: 'structure',
    scope: 'script',
    severity: 'minor',
    effort: range(30, 120),
    message: 'Config or run block; move its work to providers, provideAppInitializer or the root component',
    why: 'Angular has no configuration and run phases: provider configuration becomes providers, run-time setup becomes an initializer.',
  },
  {
    id: 'ng_scope',
    category: 'scope',
    scope: 'script',
    severity: 'major',
    effort: range(60, 240),
    message: '$scope injected; move state and functions to the controller instance (controllerAs), then to component fields',
    why: 'Angular has no scope object; ngMigration Assistant counts $scope in controllers against a hybrid upgrade.',
  },
  {
    id: 'ng_root_scope',
    category: 'scope',
    scope: 'script',
    severity: 'major',
    effort: range(120, 360),
    message: '$rootScope injected; move global state and events into a shared @Injectable service',
    why: 'Global scope state and root-scope events have no Angular equivalent; ngMigration Assistant asks to refactor $rootScope into services first.',
  },
  {
    id: 'ng_watch',
    category: 'change-detection',
    scope: 'script',
    severity: 'major',
    effort: range(30, 120),
    message: 'Scope watcher ($watch); use input setters, ngOnChanges, signals or observables',
    why: 'Angular change detection does not run watchers; each watch becomes explicit data flow.',
    variants: {
      deep: {
        effort: range(60, 180),
        message: 'Deep or collection watcher ($watch with object equality, $watchCollection, $watchGroup); make the data flow explicit (immutable updates, signals, observables)',
      },
    },
  },
  {
    id: 'ng_digest',
    category: 'change-detection',
    scope: 'script',
    severity: 'major',
    effort: range(30, 120),
    message: 'Manual digest ($apply, $digest, $evalAsync or $applyAsync); remove it: Angular change detection (zone.js or signals) runs on its own',
    why: 'Manual digests signal code that runs outside AngularJS; in Angular the same code needs NgZone or signals, and stray $apply calls break in a hybrid app.',
  },
  {
    id: 'ng_scope_event',
    category: 'events',
    scope: 'script',
    severity: 'major',
    effort: range(60, 180),
    message: 'Scope event ($broadcast or $emit); replace it with @Output events or a shared service with an observable',
    why: 'Scope events travel the scope tree, which Angular does not have.',
    variants: {
      listen: {
        effort: range(30, 120),
        message: 'Scope event listener ($on); subscribe to the replacing service observable or @Output instead',
      },
      destroy: {
        severity: 'minor',
        effort: range(10, 30),
        message: 'Scope destroy listener ($on("$destroy")); move the clean-up to ngOnDestroy or DestroyRef',
      },
      router: {
        effort: range(60, 180),
        message: 'Router event listener ($routeChange*, $stateChange*, $locationChange*); use Angular Router events or guards',
      },
    },
  },
  {
    id: 'ng_dynamic_template',
    category: 'templates',
    scope: 'script',
    severity: 'critical',
    effort: range(240, 960),
    message: '$compile injected: templates compiled at run time; Angular compiles ahead of time: use components created dynamically (ViewContainerRef) or redesign',
    why: 'Runtime template compilation does not exist in Angular; ngMigration Assistant asks to rewrite $compile to remove the dynamic templates.',
    variants: {
      parse: {
        severity: 'major',
        effort: range(60, 240),
        message: '$parse injected: expressions evaluated at run time; replace them with functions or property access',
      },
      interpolate: {
        severity: 'major',
        effort: range(60, 240),
        message: '$interpolate injected: strings interpolated at run time; replace them with template literals or a formatting function',
      },
    },
  },
  {
    id: 'ng_http',
    category: 'http',
    scope: 'script',
    severity: 'minor',
    effort: range(30, 120),
    message: '$http injected; use HttpClient (observables instead of promises, interceptors as functions)',
    why: 'HttpClient returns observables and configures interceptors differently; callers of promise-style success/error handlers change.',
    variants: {
      resource: {
        severity: 'major',
        effort: range(120, 240),
        message: '$resource injected; Angular has no ngResource: write a service on HttpClient for the resource',
      },
    },
  },
  {
    id: 'ng_q',
    category: 'async',
    scope: 'script',
    severity: 'minor',
    effort: range(15, 60),
    message: '$q injected; use native promises or observables (and no digest trigger is needed)',
    why: '$q promises resolve inside the digest cycle; native promises and observables rely on zone.js or signals instead.',
  },
  {
    id: 'ng_timer',
    category: 'async',
    scope: 'script',
    severity: 'minor',
    effort: range(15, 60),
    message: '$timeout injected; use setTimeout or an RxJS timer, cancelled in ngOnDestroy',
    why: '$timeout and $interval trigger digests and are flushed by ngMock in tests; their replacements need fakeAsync in Angular tests.',
    variants: {
      interval: { message: '$interval injected; use setInterval or an RxJS interval, unsubscribed in ngOnDestroy' },
    },
  },
  {
    id: 'ng_route',
    category: 'routing',
    scope: 'script',
    severity: 'major',
    effort: range(60, 180),
    message: 'Route definition (ngRoute $routeProvider.when); define it as an Angular Router route (resolve becomes a resolver, controller a component)',
    why: 'Routing changes framework: during a hybrid upgrade the AngularJS and Angular routers share the URL, so every route is planned.',
    variants: {
      'ui-router': {
        message: 'State definition (ui-router $stateProvider.state); move it to @uirouter/angular (hybrid) or the Angular Router',
      },
    },
  },
  {
    id: 'ng_router_service',
    category: 'routing',
    scope: 'script',
    severity: 'minor',
    effort: range(15, 60),
    message: 'Router service injected ($route or $routeParams); use ActivatedRoute and Router',
    why: 'Route parameters and navigation move to Angular Router services.',
    variants: {
      state: { message: 'ui-router service injected ($state, $stateParams or $transitions); use the @uirouter/angular services or ActivatedRoute and Router' },
      location: { message: '$location injected; use Location or Router' },
    },
  },
  {
    id: 'ng_unit_test',
    category: 'tests',
    scope: 'script',
    severity: 'minor',
    effort: range(60, 240),
    message: 'AngularJS unit test file (ngMock module/inject); port it to TestBed',
    why: 'Tests are the safety net of an incremental upgrade; ngMigration Assistant requires them before ngUpgrade. Their AngularJS-specific rules are not counted per use.',
  },
  {
    id: 'tpl_ng_controller',
    category: 'component',
    scope: 'template',
    severity: 'major',
    effort: range(60, 240),
    message: 'ng-controller in a template; replace the element with a component',
    why: 'The upgrade guide: applications built with ng-controller, ng-include and scope inheritance are much harder to migrate than component-based ones.',
  },
  {
    id: 'tpl_ng_include',
    category: 'templates',
    scope: 'template',
    severity: 'major',
    effort: range(60, 180),
    message: 'ng-include in a template; make the included template a child component with inputs',
    why: 'Included templates read their parent scope implicitly; Angular needs an explicit component interface.',
  },
  {
    id: 'tpl_ng_bind_html',
    category: 'security',
    scope: 'template',
    severity: 'major',
    effort: range(30, 120),
    message: 'ng-bind-html; bind [innerHTML] and review sanitizing ($sce trust becomes DomSanitizer)',
    why: 'Trusted HTML moves from $sce to DomSanitizer; each place is a security review.',
  },
  {
    id: 'tpl_filter',
    category: 'filter',
    scope: 'template',
    severity: 'minor',
    effort: range(10, 30),
    message: 'Custom filter used in a template expression; use the pipe that replaces the filter',
    why: 'Every use of a filter in an expression changes when filters become pipes.',
    variants: {
      builtin: {
        severity: 'info',
        effort: range(2, 10),
        message: 'Built-in filter with an Angular pipe (currency, date, json, lowercase, uppercase, number, limitTo); use the corresponding pipe',
      },
      'no-pipe': {
        severity: 'major',
        effort: range(60, 180),
        message: 'filter or orderBy filter; Angular has no such pipes: filter and sort in the component',
        why: 'Angular dropped the filter and orderBy pipes for performance: the list logic moves into the component.',
      },
    },
  },
  {
    id: 'cb_directive_not_upgradable_usage',
    category: 'directive',
    scope: 'codebase',
    severity: 'critical',
    effort: range(15, 60),
    message: 'Directive that cannot be upgraded (compile, replace, priority or terminal) is used from templates; each use changes when it is redesigned',
    why: 'The upgrade guide lists compile, replace, priority and terminal as unsupported; the wider such a directive is used, the more templates change. Effort is per template that uses it.',
  },
  {
    id: 'cb_unused_declaration',
    category: 'dead-code',
    scope: 'codebase',
    severity: 'info',
    effort: range(0, 5),
    effortClass: 'cleanup',
    message: 'Directive, component or filter not used by any template or script of the code base; delete it instead of migrating it',
    why: 'Dead code costs migration effort for nothing; it is listed so it can be dropped first.',
  },
  {
    id: 'cb_third_party_module',
    category: 'dependencies',
    scope: 'codebase',
    severity: 'major',
    effort: range(240, 960),
    message: 'Depends on an AngularJS library module that is not part of the code base; find an Angular replacement for it',
    why: 'Every AngularJS library needs an Angular counterpart (or a wrapper) before the code that uses it can move.',
  },
  {
    id: 'cb_unresolved_registration',
    category: 'structure',
    scope: 'codebase',
    severity: 'info',
    effort: range(0, 0),
    message: 'Registration refers to a definition not found in the code base; its features are not assessed',
    why: 'Definitions outside the archive (libraries, generated code) cannot be assessed; the count tells how complete the assessment is.',
  },
];

export type { NgRuleDefinition, NgRuleOutcome, NgRuleScope };
export { ANGULARJS_RULE_PACK, ANGULARJS_RULES };
