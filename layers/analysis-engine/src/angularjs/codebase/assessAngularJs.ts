/**
 * The code-base phase of the AngularJS pack: joins the per-file facts of a whole code base.
 *
 * - registration ↔ definition: `.directive('x', xFactory)` with the factory in another file, found through an import
 *   (relative path resolved like a bundler: exact, `.js`, `.ts`, `/index.js`, `/index.ts`) or as a script global
 *   (a top-level function of another classic script); the directive's features are then reported where it is defined;
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
import { NOT_LIBRARIES, libraryModule } from '../catalog/libraryModules';
import { FACTS_SCHEMA } from '../facts';
import type { Definition, DirectiveShape, Loc, Registration, ScriptFacts, TemplateFacts } from '../facts';
import { createFindingFactory } from '../findings';
import type { FindingFactory } from '../findings';
import type { RuleHit } from '../hits';
import { directiveFeatureHits } from '../script/directiveHits';
import { isComponentStyle, isNotUpgradable } from '../script/directiveShape';
import { ANGULARJS_RULES } from '../ruleTable';
import type { NgRuleDefinition } from '../ruleTable';
import { recommend } from './recommendation';

type ScriptUnit = { unit: CodebaseUnit; facts: ScriptFacts };
type TemplateUnit = { unit: CodebaseUnit; facts: TemplateFacts };

const CODEBASE_RULE_IDS = ANGULARJS_RULES.filter((rule) => rule.scope === 'codebase').map((rule) => rule.id);
const SCRIPT_EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '/index.js', '/index.ts'];

const isFacts = (value: unknown): value is ScriptFacts | TemplateFacts =>
  typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === FACTS_SCHEMA;

const hitAt = (ruleId: string, [line, column]: Loc): RuleHit => ({ ruleId, line, column });

/** Sums a count over facts. */
const total = (facts: ReadonlyArray<{ counts: Record<string, number> }>, key: string): number =>
  facts.reduce((sum, item) => sum + (ownValue(item.counts, key) ?? 0), 0);

/** The definition an import or a script global refers to, found in the other files' facts. */
const createDefinitionResolver = (scripts: readonly ScriptUnit[]) => {
  const byPath = new Map(scripts.map((script) => [script.unit.path.replace(/^\/+/, ''), script]));
  const globals = new Map<string, { script: ScriptUnit; definition: Definition }>();
  for (const script of scripts) {
    for (const definition of script.facts.definitions) {
      if (!definition.exported && !globals.has(definition.name)) globals.set(definition.name, { script, definition });
    }
  }
  return (from: ScriptUnit, registration: Registration): { script: ScriptUnit; definition: Definition } | undefined => {
    const target = registration.target;
    if (target.inline) return undefined;
    if (target.source === 'global') return globals.get(target.ref);
    if (target.source !== 'import') return undefined;
    const entry = from.facts.imports.find((item) => item.local === target.ref);
    if (entry === undefined || !entry.source.startsWith('.')) return undefined;
    const base = posix.normalize(posix.join(posix.dirname(from.unit.path), entry.source)).replace(/^\/+/, '');
    for (const extension of SCRIPT_EXTENSIONS) {
      const script = byPath.get(`${base}${extension}`);
      if (script === undefined) continue;
      const definition = script.facts.definitions.find((item) => item.exported && item.name === entry.imported);
      return definition === undefined ? undefined : { script, definition };
    }
    return undefined;
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
    const scripts: ScriptUnit[] = [];
    const templates: TemplateUnit[] = [];
    let unitsWithoutFacts = 0;
    for (const unit of units) {
      if (!isFacts(unit.facts)) unitsWithoutFacts += 1;
      else if (unit.facts.kind === 'script') scripts.push({ unit, facts: unit.facts });
      else templates.push({ unit, facts: unit.facts });
    }
    const appScripts = scripts.filter((script) => !script.facts.isTest);
    const resolveDefinition = createDefinitionResolver(appScripts);

    // ---- Registrations joined to their definitions. ----
    type Declared = { script: ScriptUnit; registration: Registration; shape?: DirectiveShape; injects?: string[] };
    const declared: Declared[] = [];
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
        // Defined elsewhere: the defining file could not know it was a directive, so its features are reported here.
        if (shape !== undefined) for (const hit of directiveFeatureHits(shape)) add(found.script.unit, hit);
        declared.push({ script, registration, shape, injects: found.definition.injects });
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
    for (const script of appScripts) {
      for (const module of script.facts.modules) {
        for (const dependency of module.requires ?? []) {
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
    const allFacts = [...appScripts.map((script) => script.facts), ...templates.map((template) => template.facts)];
    const kinds = (...wanted: string[]): number => declared.filter((item) => wanted.includes(item.registration.kind)).length;
    const directives = declared.filter((item) => item.registration.kind === 'directive');
    const controllers = declared.filter((item) => item.registration.kind === 'controller');
    const metrics: Record<string, number> = {
      loc: units.reduce((sum, unit) => sum + unit.loc, 0),
      units: units.length,
      jsFiles: units.filter((unit) => unit.language === Languages.JAVASCRIPT).length,
      tsFiles: units.filter((unit) => unit.language === Languages.TYPESCRIPT).length,
      htmlFiles: units.filter((unit) => unit.language === Languages.HTML).length,
      testFiles: scripts.length - appScripts.length,
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
      unitsWithoutFacts,
    };
    findings.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.line - b.line || a.column - b.column));
    return { rulePack, findings, recommendation: recommend(metrics), metrics };
  };

  return { rulePack, languages: [Languages.JAVASCRIPT, Languages.TYPESCRIPT, Languages.HTML], assess };
};

export { createAngularJsCodebasePhase };
