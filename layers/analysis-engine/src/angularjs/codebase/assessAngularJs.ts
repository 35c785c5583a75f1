/**
 * The code-base phase of the AngularJS pack: joins the per-file facts of a whole code base.
 *
 * - AngularJS or not: a code base where no application file defines or uses an AngularJS module gets "no AngularJS
 *   found", no recommendation and no finding;
 * - what counts: end-to-end tests, tooling, generated and library files (see fileRole.ts) stay out of the size and
 *   every other factor, and are counted apart;
 * - registration ↔ definition: `.directive('x', xFactory)` with the factory in another file, found through an import
 *   (resolved like a bundler: relative paths with or without extension or `/index`, `.js` written for a `.ts` file,
 *   `@/` and `~/` aliases by a unique path suffix), through `export default x`, export lists and re-exports
 *   (`export { x } from`, `export * from`), or as a script global (a top-level definition of another classic script,
 *   never of an ES module); the directive's features are then reported where it is defined;
 * - directive or component ↔ templates: how many templates use each directive (custom elements and attributes,
 *   normalised as AngularJS does), so a directive that cannot be upgraded is weighed by its uses, and declarations no
 *   template or script uses are listed as dead code;
 * - modules ↔ libraries: module dependencies the code base does not define are AngularJS libraries to replace;
 * - metrics and the recommendation (see recommendation.ts).
 */
import { posix } from 'node:path';

import { Languages } from '../../constants';
import type { CodebaseAssessment, CodebaseFinding, CodebasePhase, CodebaseUnit } from '../../codebase/types';
import type { RulePackInfo } from '../../types';
import { ownValue } from '../../ownValue';
import { NOT_LIBRARIES, libraryModule, libraryPackage } from '../catalog/libraryModules';
import { FACTS_SCHEMA } from '../facts';
import type { Definition, DirectiveShape, Loc, Registration, ScriptFacts, TemplateFacts } from '../facts';
import { FileRoles, NOT_ASSESSED_ROLES, roleInCodebase } from '../fileRole';
import type { FileRole } from '../fileRole';
import { createFindingFactory } from '../findings';
import type { FindingFactory } from '../findings';
import { bump } from '../hits';
import type { RuleHit } from '../hits';
import { directiveFeatureHits } from '../script/directiveHits';
import { INJECTION_RULES } from '../script/scanScript';
import { isComponentStyle, isNotUpgradable } from '../script/directiveShape';
import { ANGULARJS_RULES } from '../ruleTable';
import type { NgRuleDefinition } from '../ruleTable';
import { recommend } from './recommendation';

type ScriptUnit = { unit: CodebaseUnit; facts: ScriptFacts };
type TemplateUnit = { unit: CodebaseUnit; facts: TemplateFacts };

const CODEBASE_RULE_IDS = ANGULARJS_RULES.filter((rule) => rule.scope === 'codebase').map((rule) => rule.id);

/** What an import may leave out of the file's path, tried in this order (bundlers and TypeScript resolve the same way). */
const SCRIPT_EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts', '/index.js', '/index.ts', '/index.jsx', '/index.tsx', '/index.mjs'];

/** `import x from './x.js'` in TypeScript names `./x.ts`. */
const TYPESCRIPT_FOR = /\.([cm]?)js(x?)$/;

/** Prefixes of bundler and TypeScript path aliases (`@/widgets/tip`, `~/widgets/tip`): the rest is matched as a path suffix. */
const ALIAS_PREFIX = /^(?:@|~|#)\//;

const isFacts = (value: unknown): value is ScriptFacts | TemplateFacts =>
  typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === FACTS_SCHEMA;

const hitAt = (ruleId: string, [line, column]: Loc): RuleHit => ({ ruleId, line, column });

/** Sums a count over facts. */
const total = (facts: ReadonlyArray<{ counts: Record<string, number> }>, key: string): number =>
  facts.reduce((sum, item) => sum + (ownValue(item.counts, key) ?? 0), 0);

const normalizePath = (path: string): string => posix.normalize(path).replace(/^\/+/, '');

type Found = { script: ScriptUnit; definition: Definition };

/**
 * Resolves a registration to its definition in another file: through the file's imports, the other files' exports
 * and re-exports, or the top-level definitions of classic scripts (script globals).
 */
const createDefinitionResolver = (scripts: readonly ScriptUnit[]) => {
  const byPath = new Map(scripts.map((script) => [normalizePath(script.unit.path), script]));
  const globals = new Map<string, Found>();
  for (const script of scripts) {
    if (script.facts.esModule) continue;
    for (const definition of script.facts.definitions) {
      if (!definition.exported && !globals.has(definition.name)) globals.set(definition.name, { script, definition });
    }
  }
  let bySuffix: Map<string, ScriptUnit[]> | undefined;
  /** Files by every trailing part of their path (`a/b/c.js` → `a/b/c.js`, `b/c.js`, `c.js`), for aliased imports. */
  const suffixIndex = (): Map<string, ScriptUnit[]> => {
    if (bySuffix !== undefined) return bySuffix;
    bySuffix = new Map();
    for (const [path, script] of byPath) {
      for (let at = 0; at !== -1; at = path.indexOf('/', at) + 1 || -1) {
        const suffix = path.slice(at);
        const scriptsWithSuffix = bySuffix.get(suffix);
        if (scriptsWithSuffix === undefined) bySuffix.set(suffix, [script]);
        else scriptsWithSuffix.push(script);
      }
    }
    return bySuffix;
  };
  /** The file an import specifier names, from the importing file's path. */
  const fileOf = (fromPath: string, specifier: string): ScriptUnit | undefined => {
    const relative = specifier.startsWith('.');
    const base = relative ? normalizePath(posix.join(posix.dirname(fromPath), specifier)) : specifier.replace(ALIAS_PREFIX, '');
    const candidates = SCRIPT_EXTENSIONS.map((extension) => `${base}${extension}`);
    if (TYPESCRIPT_FOR.test(base)) candidates.push(base.replace(TYPESCRIPT_FOR, '.$1ts$2'));
    for (const candidate of candidates) {
      if (relative) {
        const script = byPath.get(candidate);
        if (script !== undefined) return script;
      } else {
        // A package name matches no file of the code base; an alias matches one file, or it is ambiguous.
        const matches = suffixIndex().get(candidate);
        if (matches !== undefined) return matches.length === 1 ? matches[0] : undefined;
      }
    }
    return undefined;
  };
  /** The definition a file exports under `name`, following re-exports (cycles end as not found). */
  const exported = (script: ScriptUnit, name: string, seen: Set<string>): Found | undefined => {
    const key = `${script.unit.path}#${name}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const definition = script.facts.definitions.find((item) => item.exported && item.name === name);
    if (definition !== undefined) return { script, definition };
    for (const reexport of script.facts.reexports) {
      if (reexport.exported !== name || reexport.imported === '*') continue;
      const target = fileOf(script.unit.path, reexport.source);
      const found = target === undefined ? undefined : exported(target, reexport.imported, seen);
      if (found !== undefined) return found;
    }
    // `export * from './x'` passes on every name but the default.
    if (name === 'default') return undefined;
    for (const reexport of script.facts.reexports) {
      if (reexport.exported !== '*') continue;
      const target = fileOf(script.unit.path, reexport.source);
      const found = target === undefined ? undefined : exported(target, name, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return (from: ScriptUnit, registration: Registration): Found | undefined => {
    const target = registration.target;
    if (target.inline) return undefined;
    if (target.source === 'global') return globals.get(target.ref);
    if (target.source !== 'import') return undefined;
    const entry = from.facts.imports.find((item) => item.local === target.ref);
    if (entry === undefined) return undefined;
    const name = entry.imported === '*' ? target.member : entry.imported;
    const file = name === undefined ? undefined : fileOf(from.unit.path, entry.source);
    return file === undefined || name === undefined ? undefined : exported(file, name, new Set());
  };
};

/**
 * Builds the AngularJS code-base phase.
 *
 * @example
 * const phase = createAngularJsCodebasePhase(rulePack);
 * const { recommendation } = phase.assess(units);
 */
const createAngularJsCodebasePhase = (rulePack: RulePackInfo, rules: readonly NgRuleDefinition[] = ANGULARJS_RULES): CodebasePhase => {
  const toFinding: FindingFactory = createFindingFactory(rules, CODEBASE_RULE_IDS);

  const assess = (units: readonly CodebaseUnit[]): CodebaseAssessment => {
    const findings: CodebaseFinding[] = [];
    const add = (unit: CodebaseUnit, hit: RuleHit, override?: Parameters<FindingFactory>[2]): void => {
      findings.push({ ...toFinding(hit, unit.path, override), unitId: unit.unitId });
    };
    const appScripts: ScriptUnit[] = [];
    /** Scripts of tests: not assessed as application code, yet application code may register what they define. */
    const testScripts: ScriptUnit[] = [];
    const templates: TemplateUnit[] = [];
    const roles = new Map<CodebaseUnit, FileRole>();
    let unitsWithoutFacts = 0;
    for (const unit of units) {
      if (!isFacts(unit.facts)) {
        unitsWithoutFacts += 1;
        roles.set(unit, roleInCodebase(unit.path, FileRoles.APP));
        continue;
      }
      const role = roleInCodebase(unit.path, unit.facts.role);
      roles.set(unit, role);
      if ((role === FileRoles.TEST || role === FileRoles.ANGULARJS_TEST) && unit.facts.kind === 'script') testScripts.push({ unit, facts: unit.facts });
      if (role !== FileRoles.APP) continue;
      if (unit.facts.kind === 'script') appScripts.push({ unit, facts: unit.facts });
      else templates.push({ unit, facts: unit.facts });
    }
    const count = (...wanted: FileRole[]): number => [...roles.values()].filter((role) => wanted.includes(role)).length;
    // End-to-end tests, tooling, generated and library files are not migrated with the application: they weigh nothing.
    const sized = units.filter((unit) => !NOT_ASSESSED_ROLES.has(roles.get(unit) ?? FileRoles.APP));
    const sizeMetrics = {
      loc: sized.reduce((sum, unit) => sum + unit.loc, 0),
      units: units.length,
      jsFiles: sized.filter((unit) => unit.language === Languages.JAVASCRIPT).length,
      tsFiles: sized.filter((unit) => unit.language === Languages.TYPESCRIPT).length,
      htmlFiles: sized.filter((unit) => unit.language === Languages.HTML).length,
      testFiles: count(FileRoles.ANGULARJS_TEST, FileRoles.TEST),
      angularJsTestFiles: count(FileRoles.ANGULARJS_TEST),
    };
    const notSizedMetrics = {
      e2eTestFiles: count(FileRoles.E2E_TEST),
      toolingFiles: count(FileRoles.TOOLING),
      generatedFiles: count(FileRoles.GENERATED),
      libraryFiles: count(FileRoles.LIBRARY),
      locNotSized: units.reduce((sum, unit) => sum + unit.loc, 0) - sizeMetrics.loc,
    };
    if (unitsWithoutFacts === 0 && !appScripts.some((script) => script.facts.modules.length > 0)) {
      // No AngularJS module defined or used anywhere: whatever else is here is not an AngularJS application. (Units
      // without facts could hold one, so then the phase goes on with what it knows.)
      const metrics = { ...sizeMetrics, modules: 0, ...notSizedMetrics, unitsWithoutFacts };
      const scriptCount = sizeMetrics.jsFiles + sizeMetrics.tsFiles;
      const where =
        scriptCount === 0
          ? 'the code base has no JavaScript or TypeScript application or test file'
          : scriptCount === 1
            ? 'its only JavaScript or TypeScript file does not define or use an AngularJS module (angular.module)'
            : `none of its ${scriptCount} JavaScript and TypeScript files defines or uses an AngularJS module (angular.module)`;
      return {
        rulePack,
        findings: [],
        notApplicable: `no AngularJS found: ${where}`,
        withdrawnUnitIds: units.map((unit) => unit.unitId),
        metrics,
      };
    }
    const resolveDefinition = createDefinitionResolver([...appScripts, ...testScripts]);

    // ---- Registrations joined to their definitions. ----
    type Declared = { script: ScriptUnit; registration: Registration; shape?: DirectiveShape; injects?: string[] };
    const declared: Declared[] = [];
    const reportedDefinitions = new Set<string>();
    /** Counts of what the join reports beyond the files' own counts (injections that only an annotation elsewhere names). */
    const crossFile = { counts: {} as Record<string, number> };
    let unresolved = 0;
    for (const script of appScripts) {
      for (const registration of script.facts.registrations) {
        const { target } = registration;
        if (target.inline) {
          declared.push({ script, registration, shape: target.directive, injects: target.injects });
          continue;
        }
        if (target.source === 'local') {
          declared.push({ script, registration, shape: target.directive, injects: target.injects });
          continue;
        }
        const found = resolveDefinition(script, registration);
        if (found === undefined) {
          unresolved += 1;
          add(script.unit, hitAt('cb_unresolved_registration', registration.at));
          declared.push({ script, registration });
          continue;
        }
        const shape = registration.kind === 'directive' ? found.definition.directive : undefined;
        // Defined elsewhere: the defining file could not know it was a directive, so its features are reported here
        // (once, however many registrations name the same definition).
        const definitionKey = `${found.script.unit.unitId}:${found.definition.at.join(':')}`;
        if (shape !== undefined && !reportedDefinitions.has(definitionKey)) {
          reportedDefinitions.add(definitionKey);
          for (const hit of directiveFeatureHits(shape)) add(found.script.unit, hit);
        }
        // `['$scope', CartController]` with the controller in another file: the annotation decides what is injected, and
        // the defining file, which cannot see it, reported only what its own parameters or `$inject` name.
        for (const name of target.injects ?? []) {
          const rule = INJECTION_RULES.get(name);
          if (rule === undefined || found.definition.injects.includes(name)) continue;
          add(script.unit, { ...hitAt(rule.ruleId, registration.at), ...(rule.variant === undefined ? {} : { variant: rule.variant }) });
          bump(crossFile.counts, rule.ruleId);
          if (rule.variant !== undefined) bump(crossFile.counts, `${rule.ruleId}/${rule.variant}`);
        }
        declared.push({ script, registration, shape, injects: target.injects ?? found.definition.injects });
      }
    }
    // ---- Uses of directives, components and filters. ----
    const templateUsers = new Map<string, Set<string>>();
    const usedNames = new Set<string>();
    const usedFilters = new Set<string>();
    const note = (map: Map<string, Set<string>>, name: string, unitId: string): void => {
      let users = map.get(name);
      if (users === undefined) map.set(name, (users = new Set()));
      users.add(unitId);
    };
    for (const template of templates) {
      for (const name of template.facts.directives) note(templateUsers, name, template.unit.unitId);
      for (const name of template.facts.filters) usedFilters.add(name);
      for (const name of template.facts.controllers) usedNames.add(name);
    }
    for (const script of appScripts) {
      for (const name of script.facts.uses.directives) note(templateUsers, name, script.unit.unitId);
      for (const name of script.facts.uses.filters) usedFilters.add(name);
      for (const name of script.facts.uses.controllers) usedNames.add(name);
    }
    const hasTemplates = templates.length > 0 || appScripts.some((script) => (script.facts.counts.inlineTemplates ?? 0) > 0);
    for (const { script, registration, shape } of declared) {
      const name = registration.name;
      if (name === undefined) continue;
      if (registration.kind === 'directive' || registration.kind === 'component') {
        const users = templateUsers.get(name)?.size ?? 0;
        if (shape !== undefined && isNotUpgradable(shape) && users > 0) {
          const rule = rules.find((row) => row.id === 'cb_directive_not_upgradable_usage');
          const effort = rule === undefined ? undefined : { low: rule.effort.low * users, high: rule.effort.high * users };
          add(script.unit, hitAt('cb_directive_not_upgradable_usage', registration.at), {
            message: `${rule?.message ?? ''} (${users} template${users === 1 ? '' : 's'})`,
            ...(effort === undefined ? {} : { effort }),
          });
        }
        const restrict = shape?.restrict ?? (registration.kind === 'component' ? 'E' : 'EA');
        const findable = !/[CM]/.test(restrict);
        if (hasTemplates && findable && users === 0 && !usedNames.has(name)) add(script.unit, hitAt('cb_unused_declaration', registration.at));
      } else if (registration.kind === 'filter' && hasTemplates && !usedFilters.has(name)) {
        add(script.unit, hitAt('cb_unused_declaration', registration.at));
      }
    }

    // ---- Modules and the libraries they depend on. ----
    const definedModules = new Set<string>();
    for (const script of appScripts) for (const module of script.facts.modules) if (module.requires !== undefined) definedModules.add(module.name);
    const reported = new Set<string>();
    // A "package" that is a folder of the code base is the code base's own (a TypeScript `baseUrl` import).
    const folders = new Set(units.flatMap((unit) => unit.path.split('/').slice(0, -1)));
    for (const script of appScripts) {
      for (const module of script.facts.modules) {
        const fromPackages = (module.packages ?? []).filter((name) => !folders.has(name)).map((name) => libraryPackage(name)?.module ?? `npm:${name}`);
        for (const dependency of [...(module.requires ?? []), ...fromPackages]) {
          if (definedModules.has(dependency) || NOT_LIBRARIES.has(dependency) || reported.has(dependency)) continue;
          reported.add(dependency);
          const known = libraryModule(dependency);
          const rule = rules.find((row) => row.id === 'cb_third_party_module');
          add(
            script.unit,
            hitAt('cb_third_party_module', module.at),
            known === undefined ? undefined : { message: `${rule?.message ?? ''}: ${known.module} (${known.library}) → ${known.replacement}`, effort: known.effort },
          );
        }
      }
    }

    // ---- Metrics. ----
    const allFacts = [...appScripts.map((script) => script.facts), ...templates.map((template) => template.facts), crossFile];
    const kinds = (...wanted: string[]): number => declared.filter((item) => wanted.includes(item.registration.kind)).length;
    const directives = declared.filter((item) => item.registration.kind === 'directive');
    const controllers = declared.filter((item) => item.registration.kind === 'controller');
    const metrics: Record<string, number> = {
      ...sizeMetrics,
      modules: definedModules.size,
      libraryModules: reported.size,
      controllers: controllers.length,
      controllersWithScope: controllers.filter((item) => item.injects?.includes('$scope') === true).length,
      components: kinds('component'),
      directives: directives.length,
      directivesComponentStyle: directives.filter((item) => item.shape !== undefined && isComponentStyle(item.shape)).length,
      directivesNotUpgradable: directives.filter((item) => item.shape !== undefined && isNotUpgradable(item.shape)).length,
      services: kinds('service', 'factory', 'provider', 'value', 'constant', 'decorator'),
      filters: kinds('filter'),
      routes: total(allFacts, 'ng_route'),
      scopeInjections: total(allFacts, 'ng_scope'),
      rootScopeInjections: total(allFacts, 'ng_root_scope'),
      compileUses:
        total(allFacts, 'ng_dynamic_template') - total(allFacts, 'ng_dynamic_template/parse') - total(allFacts, 'ng_dynamic_template/interpolate') +
        total(allFacts, 'ng_directive_compile') +
        directives.filter((item) => item.shape?.compile !== undefined && !item.registration.target.inline && item.registration.target.source !== 'local').length,
      watchers: total(allFacts, 'ng_watch'),
      manualDigests: total(allFacts, 'ng_digest'),
      scopeEvents: total(allFacts, 'ng_scope_event'),
      templateControllersAndIncludes: total(allFacts, 'tpl_ng_controller') + total(allFacts, 'tpl_ng_include'),
      unresolvedRegistrations: unresolved,
      ...notSizedMetrics,
      unitsWithoutFacts,
    };
    findings.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.line - b.line || a.column - b.column));
    // The file scan sees names only: a page in `e2e/` or a script in `gulp/` got findings the code base takes back.
    const notAssessed = units.filter((unit) => NOT_ASSESSED_ROLES.has(roles.get(unit) ?? FileRoles.APP)).map((unit) => unit.unitId);
    return { rulePack, findings, recommendation: recommend(metrics), metrics, ...(notAssessed.length === 0 ? {} : { withdrawnUnitIds: notAssessed }) };
  };

  return { rulePack, languages: [Languages.JAVASCRIPT, Languages.TYPESCRIPT, Languages.HTML], assess };
};

export { createAngularJsCodebasePhase };
