/**
 * Scans one JavaScript or TypeScript file of an AngularJS application: one walk over the syntax tree collects calls,
 * functions, annotations and declarations; resolution afterwards turns them into rule hits and the file's facts.
 *
 * What counts is decided from the tree, never from text: `$scope` in a comment or a string is not an injection, a
 * function merely named like a service is not a registration, an object with a `controller` key is not a controller
 * unless it is a route or directive configuration.
 */
import { MAX_NAMES, emptyScriptFacts } from '../facts';
import type { Definition, DirectiveShape, Loc, Registration, RegistrationKind, RegistrationTarget, ScriptFacts } from '../facts';
import { FileRoles, isTestName } from '../fileRole';
import { addName, bump } from '../hits';
import type { RuleHit } from '../hits';
import {
  identifierName,
  isCallExpression,
  isClass,
  isFunction,
  isMemberExpression,
  memberName,
  memberObject,
  objectMembers,
  parameterNames,
  positionOf,
  stringValue,
  unwrap,
  walk,
} from './ast';
import type { AstNode, Position } from './ast';
import { directiveFeatureHits, directiveVariant } from './directiveHits';
import { classDirectiveShapeOf, definitionObjectOf, directiveShapeOf, returnedValues } from './directiveShape';
import { parseSource } from './parseScript';

/**
 * A template written inline in a script (`template: '…'`, or string literals joined with `+`), to be scanned as a
 * template; `parts` locate each literal's text for positions.
 */
type InlineTemplate = { text: string; line: number; column: number; parts?: Array<{ offset: number; line: number; column: number }> };

/** What {@link scanScript} returns. */
type ScriptScan = {
  hits: RuleHit[];
  facts: ScriptFacts;
  inlineTemplates: InlineTemplate[];
  /** Where parsing failed (also reported as a `parse_error` hit). */
  parseError?: Position;
};

/** Options of {@link scanScript}. */
type ScanScriptOptions = {
  /** Path of the file: its name decides JSX and test files. */
  path: string;
  /** Parse as TypeScript (the unit's language). */
  typescript: boolean;
};

/** Module methods that register something, by the kind they register. */
const REGISTRATION_METHODS: ReadonlySet<string> = new Set<RegistrationKind>([
  'controller',
  'component',
  'directive',
  'service',
  'factory',
  'provider',
  'value',
  'constant',
  'filter',
  'config',
  'run',
  'decorator',
  'animation',
]);

/**
 * Registration methods of injectable providers, usable in config blocks (`$provide.factory(…)`). Maps, not object
 * literals: the keys are names read from customer code, and `toString` or `constructor` must find nothing.
 */
const PROVIDER_RECEIVERS: ReadonlyMap<string, ReadonlyMap<string, RegistrationKind>> = new Map([
  [
    '$provide',
    new Map<string, RegistrationKind>([
      ['service', 'service'],
      ['factory', 'factory'],
      ['provider', 'provider'],
      ['value', 'value'],
      ['constant', 'constant'],
      ['decorator', 'decorator'],
    ]),
  ],
  [
    '$compileProvider',
    new Map<string, RegistrationKind>([
      ['directive', 'directive'],
      ['component', 'component'],
    ]),
  ],
  ['$controllerProvider', new Map<string, RegistrationKind>([['register', 'controller']])],
  ['$filterProvider', new Map<string, RegistrationKind>([['register', 'filter']])],
]);

/** Injected AngularJS services that are findings, with their rule and variant (a Map: keys come from customer code). */
const INJECTION_RULES: ReadonlyMap<string, { ruleId: string; variant?: string }> = new Map([
  ['$scope', { ruleId: 'ng_scope' }],
  ['$rootScope', { ruleId: 'ng_root_scope' }],
  ['$compile', { ruleId: 'ng_dynamic_template' }],
  ['$parse', { ruleId: 'ng_dynamic_template', variant: 'parse' }],
  ['$interpolate', { ruleId: 'ng_dynamic_template', variant: 'interpolate' }],
  ['$http', { ruleId: 'ng_http' }],
  ['$resource', { ruleId: 'ng_http', variant: 'resource' }],
  ['$q', { ruleId: 'ng_q' }],
  ['$timeout', { ruleId: 'ng_timer' }],
  ['$interval', { ruleId: 'ng_timer', variant: 'interval' }],
  ['$route', { ruleId: 'ng_router_service' }],
  ['$routeParams', { ruleId: 'ng_router_service' }],
  ['$state', { ruleId: 'ng_router_service', variant: 'state' }],
  ['$stateParams', { ruleId: 'ng_router_service', variant: 'state' }],
  ['$transitions', { ruleId: 'ng_router_service', variant: 'state' }],
  ['$location', { ruleId: 'ng_router_service', variant: 'location' }],
]);

/** Scope methods, by the rule (and variant) a call reports (a Map: method names come from customer code). */
const SCOPE_METHODS: ReadonlyMap<string, { ruleId: string; variant?: string }> = new Map([
  ['$watch', { ruleId: 'ng_watch' }],
  ['$watchCollection', { ruleId: 'ng_watch', variant: 'deep' }],
  ['$watchGroup', { ruleId: 'ng_watch', variant: 'deep' }],
  ['$apply', { ruleId: 'ng_digest' }],
  ['$digest', { ruleId: 'ng_digest' }],
  ['$evalAsync', { ruleId: 'ng_digest' }],
  ['$applyAsync', { ruleId: 'ng_digest' }],
  ['$broadcast', { ruleId: 'ng_scope_event' }],
  ['$emit', { ruleId: 'ng_scope_event' }],
  ['$on', { ruleId: 'ng_scope_event', variant: 'listen' }],
]);

const ROUTER_EVENT = /^\$(?:route|state|location)Change|^\$stateNotFound$|^\$routeUpdate$/;

/** Packages of browser automation: a file that imports one is an end-to-end test (or its support), not a unit test. */
const E2E_PACKAGE = /^(?:@playwright\/test|playwright(?:-core)?|protractor|cypress|puppeteer(?:-core)?|selenium-webdriver|webdriverio|@wdio\/[\w-]+|nightwatch|testcafe)$/;

/** Protractor's global locators (`element(by.model('q'))`): a file that calls them is an end-to-end test. */
const PROTRACTOR_LOCATORS = new Set(['model', 'binding', 'exactBinding', 'repeater', 'exactRepeater', 'buttonText', 'partialButtonText', 'cssContainingText', 'options', 'deepCss', 'css', 'id', 'xpath', 'linkText', 'partialLinkText', 'tagName', 'className', 'name']);

/** The package of an import specifier that names an npm package (`@scope/name` or `name`, then an optional subpath). */
const NPM_PACKAGE = /^((?:@[\w.-]+\/)?[\w][\w.-]*)(?:\/.*)?$/;

/** Packages of AngularJS itself and ngMock: a test that imports one depends on AngularJS. */
const ANGULARJS_PACKAGE = /(?:^|\/)angular(?:-mocks)?(?:\/[\w.-]+)?(?:\.js)?$/;


const locOf = (node: AstNode): Loc => {
  const { line, column } = positionOf(node);
  return [line, column];
};

/** One injected name, where it is written. */
type Injection = { name: string; node: AstNode };

/** A candidate registration call, resolved after the walk (aliases may be declared after their first use). */
type CandidateCall = { call: AstNode; method: string; receiver: AstNode };

/**
 * Scans one script.
 *
 * @example
 * const { hits, facts } = scanScript("angular.module('a', []).controller('Main', function ($scope) {});", { path: 'a.js', typescript: false });
 * hits.map((hit) => hit.ruleId); // ['ng_module', 'ng_controller', 'ng_scope']
 */
const scanScript = (text: string, options: ScanScriptOptions): ScriptScan => {
  const hits: RuleHit[] = [];
  const inlineTemplates: InlineTemplate[] = [];
  const facts: ScriptFacts = emptyScriptFacts(FileRoles.APP);
  // The name, not the folders: the code-base phase reads those (a unit's analysis must not depend on where it sits).
  const testName = isTestName(options.path.slice(options.path.lastIndexOf('/') + 1));
  const seenUses = { filters: new Set<string>(), controllers: new Set<string>() };
  const parsed = parseSource(text, { typescript: options.typescript, jsx: /\.[jt]sx$/i.test(options.path) });
  const hit = (ruleId: string, node: AstNode | Loc, variant?: string): void => {
    const [line, column] = Array.isArray(node) ? node : locOf(node);
    hits.push({ ruleId, line, column, ...(variant === undefined ? {} : { variant }) });
    bump(facts.counts, ruleId);
    if (variant !== undefined) bump(facts.counts, `${ruleId}/${variant}`);
  };
  if (parsed.error !== undefined) hit('parse_error', [parsed.error.line, parsed.error.column]);
  const program = parsed.program;
  if (program === undefined) {
    if (testName) facts.role = FileRoles.TEST;
    return { hits, facts, inlineTemplates, ...(parsed.error === undefined ? {} : { parseError: parsed.error }) };
  }

  // ---- One walk: collect. ----
  const functions: AstNode[] = [];
  // Link and compile functions get positional arguments, not injections, whatever their parameters are called.
  const notInjected = new Set<AstNode>();
  const annotated = new Map<AstNode, Injection[]>();
  const injectByName = new Map<string, { array: AstNode; used: boolean }>();
  const classOfConstructor = new Map<AstNode, AstNode>();
  const declared = new Map<string, AstNode>();
  const moduleAliases = new Set<string>();
  const importedNames = new Set<string>();
  const diAlias = new Map<string, string>();
  const candidates: CandidateCall[] = [];
  const pendingAnnotations: Array<{ name: string; strings: Injection[] }> = [];
  const scopeCalls: Array<{ call: AstNode; method: string; property: AstNode }> = [];
  const routeCalls: Array<{ call: AstNode; method: string }> = [];
  const injectorCalls: AstNode[] = [];
  let firstDescribe: AstNode | undefined;
  /** `module(…)` or `inject(…)` called as globals: ngMock in a file with `describe`. */
  let callsNgMockGlobals = false;
  /** `angular.mock`, or the `angular` global or package used at all: AngularJS-dependent test code. */
  let usesAngularMock = false;
  let usesAngular = false;
  const importedSources = new Set<string>();
  const protractorCalls: AstNode[] = [];

  const stringsOf = (array: AstNode): Injection[] | undefined => {
    const injections: Injection[] = [];
    for (const element of array.elements as Array<AstNode | null>) {
      if (element === null) return undefined;
      const name = stringValue(element);
      if (name === undefined) return undefined;
      injections.push({ name, node: element });
    }
    return injections;
  };

  /** `angular.module(…)` itself. */
  const isAngularModuleCall = (node: AstNode): boolean => {
    if (!isCallExpression(node)) return false;
    const callee = unwrap(node.callee as AstNode);
    if (callee === undefined || memberName(callee) !== 'module') return false;
    const object = memberObject(callee);
    if (object === undefined) return false;
    if (identifierName(object) === 'angular') return true;
    return isMemberExpression(object) && memberName(object) === 'angular' && identifierName(memberObject(object)) === 'window';
  };

  /** A call chain that starts at `angular.module(…)` (`angular.module('a').controller(…).directive(…)`). */
  const moduleChainRoot = (node: AstNode | undefined): AstNode | undefined => {
    let current = unwrap(node);
    while (current !== undefined && isCallExpression(current)) {
      if (isAngularModuleCall(current)) return current;
      const callee = unwrap(current.callee as AstNode);
      if (callee === undefined || !REGISTRATION_METHODS.has(memberName(callee) ?? '')) return undefined;
      current = memberObject(callee);
    }
    return undefined;
  };

  const visit = (node: AstNode): void => {
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        functions.push(node);
        if (node.type === 'FunctionDeclaration' && node.id) declared.set((node.id as AstNode).name as string, node);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression': {
        if (node.type === 'ClassDeclaration' && node.id) declared.set((node.id as AstNode).name as string, node);
        for (const member of ((node.body as AstNode).body as AstNode[]) ?? []) {
          const isConstructor = (member.type === 'MethodDefinition' || member.type === 'ClassMethod') && member.kind === 'constructor';
          if (isConstructor) classOfConstructor.set(member.type === 'ClassMethod' ? member : (member.value as AstNode), node);
        }
        break;
      }
      case 'VariableDeclarator': {
        const name = identifierName(node.id as AstNode);
        if (name !== undefined && node.init) {
          declared.set(name, node.init as AstNode);
          if (moduleChainRoot(node.init as AstNode) !== undefined) moduleAliases.add(name);
        }
        break;
      }
      case 'AssignmentExpression': {
        const left = unwrap(node.left as AstNode);
        const right = unwrap(node.right as AstNode);
        if (left !== undefined && right !== undefined) {
          const leftName = identifierName(left);
          if (leftName !== undefined && moduleChainRoot(right) !== undefined) moduleAliases.add(leftName);
          if (isMemberExpression(left) && memberName(left) === '$inject' && right.type === 'ArrayExpression') {
            const owner = identifierName(memberObject(left));
            if (owner !== undefined) injectByName.set(owner, { array: right, used: false });
          }
        }
        break;
      }
      case 'Property':
      case 'ObjectProperty':
      case 'ObjectMethod': {
        const key = node.key as AstNode;
        const keyName = node.computed === true ? undefined : (identifierName(key) ?? stringValue(key));
        if (keyName === 'link' || keyName === 'compile' || keyName === 'pre' || keyName === 'post') {
          const value = node.type === 'ObjectMethod' ? node : unwrap(node.value as AstNode);
          if (value !== undefined && isFunction(value)) {
            notInjected.add(value);
            // A compile function returns the link function (or { pre, post }, covered by their keys).
            if (keyName === 'compile') for (const returned of returnedValues(value)) if (isFunction(unwrap(returned))) notInjected.add(unwrap(returned) as AstNode);
          }
        }
        if (node.type === 'ObjectMethod') functions.push(node);
        break;
      }
      case 'ClassMethod':
        // Babel's class methods are not function nodes; only the constructor receives injections.
        if (node.kind === 'constructor') functions.push(node);
        break;
      case 'MethodDefinition':
        // The same for ESTree, whose methods hold a function expression: a method (a class directive's `link`, say)
        // gets positional arguments, whatever its parameters are called.
        if (node.kind !== 'constructor' && node.value) notInjected.add(node.value as AstNode);
        break;
      case 'ArrayExpression': {
        const elements = node.elements as Array<AstNode | null>;
        const last = elements.length > 0 ? unwrap(elements[elements.length - 1]) : undefined;
        const lastName = identifierName(last);
        if (lastName !== undefined && elements.length > 1) {
          // ['$http', Orders]: the function is declared elsewhere in the file; resolved after the walk.
          const strings = stringsOf({ ...node, elements: elements.slice(0, -1) });
          if (strings !== undefined) pendingAnnotations.push({ name: lastName, strings });
        } else if (last !== undefined && (isFunction(last) || isClass(last))) {
          const strings = stringsOf({ ...node, elements: elements.slice(0, -1) });
          if (strings !== undefined) {
            const target = isClass(last) ? constructorOf(last) : last;
            if (target !== undefined) annotated.set(target, strings);
            // Minification-safe annotation: the parameter may be named differently from the service.
            if (target !== undefined) {
              parameterNames(target).forEach((parameter, index) => {
                if (parameter.name !== undefined && strings[index] !== undefined) diAlias.set(parameter.name, strings[index].name);
              });
            }
          }
        }
        break;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        if (!usesAngular && identifierName(node.object as AstNode) === 'angular') usesAngular = true;
        break;
      case 'ImportDeclaration': {
        const source = stringValue(node.source as AstNode) ?? '';
        facts.esModule = true;
        importedSources.add(source);
        for (const specifier of node.specifiers as AstNode[]) {
          const local = identifierName(specifier.local as AstNode) ?? '';
          const imported =
            specifier.type === 'ImportDefaultSpecifier' ? 'default' : specifier.type === 'ImportNamespaceSpecifier' ? '*' : (identifierName(specifier.imported as AstNode) ?? stringValue(specifier.imported as AstNode) ?? '');
          importedNames.add(local);
          if (facts.imports.length < MAX_NAMES) facts.imports.push({ source, local, imported });
        }
        break;
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = unwrap(node.callee as AstNode);
        if (callee === undefined) break;
        if (callee.type === 'Identifier') {
          const name = callee.name as string;
          if (name === 'describe' && firstDescribe === undefined) firstDescribe = node;
          else if ((name === 'inject' || name === 'module') && (node.arguments as AstNode[]).length > 0) callsNgMockGlobals = true;
          else if (name === 'require') {
            const source = stringValue((node.arguments as AstNode[])[0]);
            if (source !== undefined) importedSources.add(source);
          }
          else if ((diAlias.get(name) ?? name) === '$filter') {
            const filter = stringValue((node.arguments as AstNode[])[0]);
            if (filter !== undefined) addName(facts.uses.filters, seenUses.filters, filter, MAX_NAMES);
          }
          break;
        }
        const method = memberName(callee);
        if (method === undefined) break;
        const receiver = memberObject(callee);
        if (receiver === undefined) break;
        if (SCOPE_METHODS.has(method)) scopeCalls.push({ call: node, method, property: callee.property as AstNode });
        else if (method === 'when' || method === 'state' || method === 'register') routeCalls.push({ call: node, method });
        else if (method === 'get' && (diAlias.get(identifierName(receiver) ?? '') ?? identifierName(receiver)) === '$injector') injectorCalls.push(node);
        else if (method === 'mock' && identifierName(receiver) === 'angular') usesAngularMock = true;
        else if (PROTRACTOR_LOCATORS.has(method) && identifierName(receiver) === 'by') protractorCalls.push(node);
        if (REGISTRATION_METHODS.has(method) || method === 'register') candidates.push({ call: node, method, receiver });
        if (method === 'module' && isAngularModuleCall(node)) {
          const args = node.arguments as AstNode[];
          const name = stringValue(args[0]);
          if (name !== undefined) {
            const requiresNode = unwrap(args[1]);
            const elements = requiresNode?.type === 'ArrayExpression' ? (requiresNode.elements as Array<AstNode | null>) : undefined;
            const requires = elements?.flatMap((element) => stringValue(element) ?? []);
            const packages = elements?.flatMap((element) => packageNamed(element) ?? []) ?? [];
            if (facts.modules.length < MAX_NAMES) {
              facts.modules.push({ name, ...(requires === undefined ? {} : { requires }), ...(packages.length === 0 ? {} : { packages }), at: locOf(args[0]) });
            }
            if (requires !== undefined) hit('ng_module', args[0]);
          }
        }
        break;
      }
      default:
        break;
    }
  };

  /**
   * The npm package a module dependency names when it is not a string: an imported name (`uiRouter`, `ngAnimate.name`)
   * or `require('angular-animate')`. Relative and aliased imports are the application's own modules.
   */
  const packageNamed = (element: AstNode | null): string | undefined => {
    let target = unwrap(element);
    if (target !== undefined && isMemberExpression(target) && memberName(target) === 'name') target = memberObject(target);
    if (target === undefined) return undefined;
    const local = identifierName(target);
    const source = local !== undefined ? facts.imports.find((entry) => entry.local === local)?.source
      : isCallExpression(target) && identifierName(target.callee as AstNode) === 'require' ? stringValue((target.arguments as AstNode[])[0])
      : undefined;
    const match = source === undefined ? null : NPM_PACKAGE.exec(source);
    return match === null ? undefined : match[1];
  };

  const constructorOf = (cls: AstNode): AstNode | undefined => {
    for (const member of ((cls.body as AstNode).body as AstNode[]) ?? []) {
      if (member.type === 'ClassMethod' && member.kind === 'constructor') return member;
      if (member.type === 'MethodDefinition' && member.kind === 'constructor') return member.value as AstNode;
    }
    return undefined;
  };

  const staticInjectOf = (cls: AstNode): AstNode | undefined => {
    for (const member of ((cls.body as AstNode).body as AstNode[]) ?? []) {
      const isProperty = member.type === 'PropertyDefinition' || member.type === 'ClassProperty';
      const key = member.key as AstNode | undefined;
      if (isProperty && member.static === true && key !== undefined && identifierName(key) === '$inject') {
        const value = unwrap(member.value as AstNode | null);
        if (value?.type === 'ArrayExpression') return value;
      }
    }
    return undefined;
  };

  walk(program, visit);

  for (const { name, strings } of pendingAnnotations) {
    const declaration = unwrap(declared.get(name));
    const target = declaration === undefined ? undefined : isClass(declaration) ? constructorOf(declaration) : isFunction(declaration) ? declaration : undefined;
    if (target !== undefined && !annotated.has(target)) annotated.set(target, strings);
  }

  // ---- What the file is, from what it imports and calls. ----
  const role = roleOf();
  if (role !== FileRoles.APP) {
    // Tests are ported as a whole (ngMock → TestBed): one finding per AngularJS test file, nothing per use. Other
    // tests, end-to-end tests and generated files are not ported with the application: no findings.
    const keepParseError = parsed.error !== undefined && (role === FileRoles.ANGULARJS_TEST || role === FileRoles.TEST);
    hits.length = keepParseError ? 1 : 0;
    inlineTemplates.length = 0;
    const { esModule } = facts;
    Object.assign(facts, emptyScriptFacts(role), { esModule, counts: keepParseError ? { parse_error: 1 } : {} });
    if (role === FileRoles.ANGULARJS_TEST) hit('ng_unit_test', firstDescribe ?? ([1, 1] as Loc));
    return finish();
  }

  // ---- Injections: annotation array, then $inject by name or static $inject, then parameters. ----
  const nameOfFunction = (fn: AstNode, parentName?: string): string | undefined => {
    const cls = classOfConstructor.get(fn);
    if (cls !== undefined) return cls.id ? ((cls.id as AstNode).name as string) : parentName;
    if (fn.id) return (fn.id as AstNode).name as string;
    return parentName;
  };
  const variableNameOf = new Map<AstNode, string>();
  for (const [name, init] of declared) {
    const target = unwrap(init);
    if (target !== undefined && target !== init) variableNameOf.set(target, name);
    variableNameOf.set(init, name);
  }
  const injectionsOf = (fn: AstNode): Injection[] => {
    const explicit = annotated.get(fn);
    if (explicit !== undefined) return explicit;
    const cls = classOfConstructor.get(fn);
    if (cls !== undefined) {
      const staticInject = staticInjectOf(cls);
      if (staticInject !== undefined) return stringsOf(staticInject) ?? [];
    }
    const name = nameOfFunction(fn, variableNameOf.get(cls ?? fn));
    const byName = name === undefined ? undefined : injectByName.get(name);
    if (byName !== undefined) {
      byName.used = true;
      return stringsOf(byName.array) ?? [];
    }
    return parameterNames(fn).flatMap((parameter) => (parameter.name === undefined ? [] : [{ name: parameter.name, node: parameter.node }]));
  };
  const injectionCache = new Map<AstNode, Injection[]>();
  const cachedInjections = (fn: AstNode): Injection[] => {
    let injections = injectionCache.get(fn);
    if (injections === undefined) {
      injections = injectionsOf(fn);
      injectionCache.set(fn, injections);
    }
    return injections;
  };
  const reportInjections = (injections: readonly Injection[]): void => {
    for (const injection of injections) {
      const rule = INJECTION_RULES.get(injection.name);
      if (rule !== undefined) hit(rule.ruleId, injection.node, rule.variant);
    }
  };
  for (const fn of functions) if (!notInjected.has(fn)) reportInjections(cachedInjections(fn));
  for (const [, entry] of injectByName) if (!entry.used) reportInjections(stringsOf(entry.array) ?? []);
  for (const call of injectorCalls) {
    const arg = (call.arguments as AstNode[])[0];
    const name = stringValue(arg);
    if (name !== undefined && INJECTION_RULES.has(name)) reportInjections([{ name, node: arg }]);
  }

  // ---- Scope methods. ----
  for (const { call, method, property } of scopeCalls) {
    const rule = SCOPE_METHODS.get(method);
    if (rule === undefined) continue;
    let variant = rule.variant;
    const args = call.arguments as AstNode[];
    if (method === '$watch' && args.length >= 3 && unwrap(args[2])?.value === true) variant = 'deep';
    if (method === '$on') {
      const event = stringValue(args[0]);
      if (event === '$destroy') variant = 'destroy';
      else if (event !== undefined && ROUTER_EVENT.test(event)) variant = 'router';
    }
    hit(rule.ruleId, property, variant);
  }

  // ---- Definitions reachable by name, and directive shapes. ----
  const resolveFunction = (node: AstNode | undefined): AstNode | undefined => {
    const target = unwrap(node);
    if (target === undefined) return undefined;
    if (isFunction(target) || isClass(target)) return target;
    if (target.type === 'ArrayExpression') {
      const elements = target.elements as Array<AstNode | null>;
      return resolveFunction(elements[elements.length - 1] ?? undefined);
    }
    const name = identifierName(target);
    if (name !== undefined) {
      const local = declared.get(name);
      if (local !== undefined && local !== target) return resolveFunction(local);
    }
    return undefined;
  };
  const shapeOfFactory = (factory: AstNode | undefined): DirectiveShape | undefined => {
    const fn = resolveFunction(factory);
    if (fn !== undefined && isClass(fn)) return classDirectiveShapeOf(fn);
    if (fn === undefined || !isFunction(fn)) return undefined;
    const ddo = definitionObjectOf(fn);
    return ddo === undefined ? undefined : directiveShapeOf(ddo);
  };
  const scannedTemplates = new Set<AstNode>();
  const addInlineTemplate = (config: AstNode | undefined): void => {
    const target = unwrap(config);
    if (target?.type !== 'ObjectExpression' || scannedTemplates.has(target)) return;
    scannedTemplates.add(target);
    for (const member of objectMembers(target)) {
      if (member.key !== 'template') continue;
      const value = unwrap(member.value);
      const template = stringValue(value);
      if (value !== undefined && template !== undefined) {
        const { line, column } = positionOf(value);
        inlineTemplates.push({ text: template, line, column: column + 1 });
      } else if (value?.type === 'BinaryExpression') {
        // '<div>' + '<p>…</p>' + '</div>': the literals joined, each located where it is written.
        const literals = concatenatedLiterals(value);
        if (literals === undefined) continue;
        let text = '';
        const parts = literals.map((literal) => {
          const { line, column } = positionOf(literal.node);
          const part = { offset: text.length, line, column: column + 1 };
          text += literal.value;
          return part;
        });
        inlineTemplates.push({ text, line: parts[0].line, column: parts[0].column, parts });
      }
    }
  };

  /** String literals joined by `+`, in order; `undefined` when any operand is not a string literal. Iterative: a long chain is a deep tree. */
  const concatenatedLiterals = (node: AstNode): Array<{ value: string; node: AstNode }> | undefined => {
    const literals: Array<{ value: string; node: AstNode }> = [];
    const pending: AstNode[] = [node];
    while (pending.length > 0) {
      const target = unwrap(pending.pop());
      if (target === undefined) return undefined;
      if (target.type === 'BinaryExpression' && target.operator === '+') {
        pending.push(target.right as AstNode, target.left as AstNode);
        continue;
      }
      const value = stringValue(target);
      if (value === undefined) return undefined;
      literals.push({ value, node: target });
    }
    return literals;
  };

  // ---- Registrations. ----
  /**
   * The provider a call returns: `$provide.provider('$compile', $CompileProvider)` returns the registered provider,
   * `$compileProvider`, on which AngularJS's own source registers its directives (`….directive({ … })`).
   */
  const providerReturnedBy = (receiver: AstNode): string | undefined => {
    if (!isCallExpression(receiver)) return undefined;
    const callee = unwrap(receiver.callee as AstNode);
    const owner = callee === undefined || memberName(callee) !== 'provider' ? undefined : identifierName(memberObject(callee));
    const registered = stringValue((receiver.arguments as AstNode[])[0]);
    return owner !== undefined && registered !== undefined && (diAlias.get(owner) ?? owner) === '$provide' ? `${registered}Provider` : undefined;
  };
  const receiverKind = (receiver: AstNode, method: string): { kind: RegistrationKind; module?: string } | undefined => {
    const name = identifierName(receiver);
    if (name !== undefined) {
      const provider = PROVIDER_RECEIVERS.get(diAlias.get(name) ?? name);
      if (provider !== undefined) {
        const kind = provider.get(method);
        return kind === undefined ? undefined : { kind };
      }
    }
    const returned = providerReturnedBy(receiver);
    if (returned !== undefined) {
      const kind = PROVIDER_RECEIVERS.get(returned)?.get(method);
      return kind === undefined ? undefined : { kind };
    }
    if (!REGISTRATION_METHODS.has(method)) return undefined;
    const kind = method as RegistrationKind;
    const root = moduleChainRoot(receiver);
    if (root !== undefined) return { kind, module: stringValue((root.arguments as AstNode[])[0]) };
    // `register.controller('A', A).directive('b', B)`: a chain of registrations on one receiver.
    const base = name ?? identifierName(registrationChainBase(receiver));
    if (base === undefined) return undefined;
    if (moduleAliases.has(base)) return { kind };
    // A name bound here to something that is not a module is not a module; an import or a parameter may be one.
    if (declared.has(base) && !importedNames.has(base)) return undefined;
    return { kind, module: undefined };
  };
  /** What a chain of registration calls starts from (`m` of `m.controller(…).directive(…)`). */
  const registrationChainBase = (node: AstNode): AstNode | undefined => {
    let current: AstNode | undefined = node;
    while (current !== undefined && isCallExpression(current)) {
      const callee = unwrap(current.callee as AstNode);
      if (callee === undefined || !REGISTRATION_METHODS.has(memberName(callee) ?? '')) return undefined;
      current = memberObject(callee);
    }
    return current;
  };
  const isDefinitionArgument = (node: AstNode | undefined, kind: RegistrationKind): boolean => {
    const target = unwrap(node);
    if (target === undefined) return false;
    if (isFunction(target) || isClass(target) || target.type === 'Identifier' || isMemberExpression(target)) return true;
    if (target.type === 'ArrayExpression') {
      // An annotation: service names, then the function, class or its name.
      const elements = target.elements as Array<AstNode | null>;
      const last = unwrap(elements[elements.length - 1]);
      const annotation = stringsOf({ ...target, elements: elements.slice(0, -1) });
      return annotation !== undefined && last !== undefined && (isFunction(last) || isClass(last) || last.type === 'Identifier');
    }
    if (target.type === 'ObjectExpression') return kind === 'component';
    if (target.type === 'CallExpression') return true;
    return false;
  };
  const registrationShaped = (args: AstNode[], kind: RegistrationKind): boolean => {
    if (kind === 'config' || kind === 'run') return args.length === 1 && isDefinitionArgument(args[0], kind);
    if (kind === 'value' || kind === 'constant') return args.length === 2 && stringValue(args[0]) !== undefined;
    if (args.length === 1) return unwrap(args[0])?.type === 'ObjectExpression';
    return args.length === 2 && stringValue(args[0]) !== undefined && isDefinitionArgument(args[1], kind);
  };
  /** What a function or class gets injected; a class without a constructor gets nothing. */
  const injectedNames = (fn: AstNode): string[] => {
    const target = isClass(fn) ? constructorOf(fn) : fn;
    return target === undefined ? [] : cachedInjections(target).map((item) => item.name);
  };
  const namespaceImports = new Set(facts.imports.filter((entry) => entry.imported === '*').map((entry) => entry.local));
  const targetOf = (definition: AstNode | undefined, kind: RegistrationKind): RegistrationTarget => {
    const target = unwrap(definition);
    // `widgets.tooltip` with `import * as widgets from './widgets'`: an export of another file.
    const namespace = target !== undefined && isMemberExpression(target) ? identifierName(memberObject(target)) : undefined;
    const member = target !== undefined && namespace !== undefined ? memberName(target) : undefined;
    if (namespace !== undefined && member !== undefined && namespaceImports.has(namespace)) return { inline: false, ref: namespace, member, source: 'import' };
    // `['$scope', CartController]` with the controller imported or global: the annotation gives its injections.
    const elements = target?.type === 'ArrayExpression' ? (target.elements as Array<AstNode | null>) : undefined;
    const annotatedRef = elements === undefined || elements.length === 0 ? undefined : identifierName(elements[elements.length - 1]);
    if (elements !== undefined && annotatedRef !== undefined && (importedNames.has(annotatedRef) || !declared.has(annotatedRef))) {
      const injects = stringsOf({ ...(target as AstNode), elements: elements.slice(0, -1) })?.map((item) => item.name);
      return { inline: false, ref: annotatedRef, source: importedNames.has(annotatedRef) ? 'import' : 'global', ...(injects === undefined ? {} : { injects }) };
    }
    const ref = identifierName(target);
    if (ref !== undefined) {
      const local = declared.get(ref);
      if (local !== undefined && !importedNames.has(ref)) {
        const fn = resolveFunction(local);
        const injects = fn === undefined ? [] : injectedNames(fn);
        const directive = kind === 'directive' ? shapeOfFactory(local) : undefined;
        return { inline: false, ref, source: 'local', injects, ...(directive === undefined ? {} : { directive }) };
      }
      return { inline: false, ref, source: importedNames.has(ref) ? 'import' : 'global' };
    }
    const fn = resolveFunction(target);
    const injects = fn === undefined ? [] : injectedNames(fn);
    const directive = kind === 'directive' ? shapeOfFactory(target) : undefined;
    return { inline: true, injects, ...(directive === undefined ? {} : { directive }) };
  };
  const register = (kind: RegistrationKind, module: string | undefined, name: string | undefined, nameNode: AstNode, definition: AstNode | undefined): void => {
    const target = targetOf(definition, kind);
    const registration: Registration = { kind, ...(name === undefined ? {} : { name }), ...(module === undefined ? {} : { module }), at: locOf(nameNode), target };
    if (facts.registrations.length < MAX_NAMES) facts.registrations.push(registration);
    const at = nameNode;
    switch (kind) {
      case 'controller':
        hit('ng_controller', at);
        break;
      case 'component':
        hit('ng_component', at);
        addInlineTemplate(resolveObject(definition));
        break;
      case 'directive': {
        const shape = target.directive;
        hit('ng_directive', at, directiveVariant(shape));
        if (shape !== undefined) {
          for (const featureHit of directiveFeatureHits(shape)) hit(featureHit.ruleId, [featureHit.line, featureHit.column], featureHit.variant);
          const fn = resolveFunction(definition);
          const ddo = fn === undefined || !isFunction(fn) ? undefined : definitionObjectOf(fn);
          addInlineTemplate(ddo);
        }
        break;
      }
      case 'service':
      case 'factory':
        hit('ng_service', at);
        break;
      case 'provider':
        hit('ng_service', at, 'provider');
        break;
      case 'value':
      case 'constant':
        hit('ng_service', at, 'value');
        break;
      case 'decorator':
        hit('ng_service', at, 'decorator');
        break;
      case 'filter':
        hit('ng_filter', at);
        break;
      case 'config':
      case 'run':
        hit('ng_config_block', at);
        break;
      default:
        break;
    }
  };
  const resolveObject = (node: AstNode | undefined): AstNode | undefined => {
    const target = unwrap(node);
    const name = identifierName(target);
    if (name !== undefined) return unwrap(declared.get(name));
    return target;
  };
  for (const { call, method, receiver } of candidates) {
    const resolved = receiverKind(receiver, method);
    if (resolved === undefined) continue;
    const args = call.arguments as AstNode[];
    const sure = resolved.module !== undefined || moduleAliases.has(identifierName(receiver) ?? '') || PROVIDER_RECEIVERS.has(diAlias.get(identifierName(receiver) ?? '') ?? identifierName(receiver) ?? '');
    if (!sure && !registrationShaped(args, resolved.kind)) continue;
    const calleeProperty = (unwrap(call.callee as AstNode)?.property as AstNode) ?? call;
    if (resolved.kind === 'config' || resolved.kind === 'run') {
      register(resolved.kind, resolved.module, undefined, calleeProperty, args[0]);
      continue;
    }
    const first = unwrap(args[0]);
    if (first?.type === 'ObjectExpression' && args.length === 1) {
      for (const member of objectMembers(first)) if (member.key !== undefined) register(resolved.kind, resolved.module, member.key, member.node, member.value);
      continue;
    }
    const name = stringValue(first);
    if (name === undefined || first === undefined) continue;
    register(resolved.kind, resolved.module, name, first, args[1]);
  }

  // ---- Routes: $routeProvider.when(path, config) and $stateProvider.state(name, config) chains, ui-router 1's
  // $stateRegistryProvider.register(config); the configuration inline or in a variable. ----
  const chainRoot = (node: AstNode | undefined): string | undefined => {
    let current = unwrap(node);
    while (current !== undefined && isCallExpression(current)) {
      const callee = unwrap(current.callee as AstNode);
      if (callee === undefined || !isMemberExpression(callee)) return undefined;
      current = memberObject(callee);
    }
    const name = identifierName(current);
    return name === undefined ? undefined : (diAlias.get(name) ?? name);
  };
  const routeTargets = (config: AstNode | undefined): void => {
    const target = resolveObject(config);
    if (target?.type !== 'ObjectExpression') return;
    addInlineTemplate(target);
    for (const member of objectMembers(target)) {
      if (member.key === 'controller' || member.key === 'component') {
        const name = stringValue(member.value);
        if (name !== undefined) addName(facts.uses.controllers, seenUses.controllers, name.split(/\s+as\s+/)[0], MAX_NAMES);
      } else if (member.key === 'views' && unwrap(member.value)?.type === 'ObjectExpression') {
        for (const view of objectMembers(unwrap(member.value) as AstNode)) routeTargets(view.value);
      }
    }
  };
  for (const { call, method } of routeCalls) {
    const callee = unwrap(call.callee as AstNode) as AstNode;
    const root = chainRoot(memberObject(callee));
    const args = call.arguments as AstNode[];
    if (method === 'when' && root === '$routeProvider' && args.length >= 2) {
      hit('ng_route', callee.property as AstNode);
      routeTargets(args[1]);
    } else if (method === 'state' && root === '$stateProvider' && args.length >= 1) {
      hit('ng_route', callee.property as AstNode, 'ui-router');
      routeTargets(args.length >= 2 ? args[1] : args[0]);
    } else if (method === 'register' && root === '$stateRegistryProvider' && args.length === 1) {
      hit('ng_route', callee.property as AstNode, 'ui-router');
      routeTargets(args[0]);
    }
  }

  // ---- Top-level definitions and exports, for registrations in other files. ----
  /** Top-level names and what they are bound to (a function or class declaration, or a variable's initialiser). */
  const topLevel = new Map<string, AstNode>();
  const declarationsOf = (statement: AstNode): Array<[string, AstNode]> => {
    if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id) return [[(statement.id as AstNode).name as string, statement]];
    if (statement.type !== 'VariableDeclaration') return [];
    return (statement.declarations as AstNode[]).flatMap((declarator): Array<[string, AstNode]> => {
      const name = identifierName(declarator.id as AstNode);
      return name !== undefined && declarator.init ? [[name, declarator.init as AstNode]] : [];
    });
  };
  for (const statement of program.body as AstNode[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as AstNode | null) : statement;
    if (declaration) for (const [name, node] of declarationsOf(declaration)) if (!topLevel.has(name)) topLevel.set(name, node);
  }
  const addReexport = (source: string, imported: string, exported: string): void => {
    if (facts.reexports.length < MAX_NAMES) facts.reexports.push({ source, imported, exported });
  };
  /** Exports `name`, bound here to `node`: a definition, or a re-export when `node` is an imported name. */
  const addDefinition = (name: string, node: AstNode, exported: boolean, depth = 0): void => {
    const target = unwrap(node);
    if (target === undefined || facts.definitions.length >= MAX_NAMES) return;
    const local = identifierName(target);
    if (local !== undefined && depth < 4) {
      // `export default Foo;`, `export { Foo as Bar }`, `const Alias = Foo;`: what the name is bound to.
      const entry = importedNames.has(local) ? facts.imports.find((item) => item.local === local) : undefined;
      if (entry !== undefined) {
        if (exported) addReexport(entry.source, entry.imported, name);
        return;
      }
      const bound = topLevel.get(local);
      if (bound !== undefined && bound !== node) return addDefinition(name, bound, exported, depth + 1);
    }
    if (target.type === 'ArrayExpression' && depth < 4) {
      // ['$http', function (http) {…}] or ['$http', Orders]: the annotated function or class (annotations are already read).
      const elements = target.elements as Array<AstNode | null>;
      const last = unwrap(elements[elements.length - 1]);
      if (last !== undefined && (isFunction(last) || isClass(last) || identifierName(last) !== undefined)) return addDefinition(name, last, exported, depth + 1);
    }
    let definition: Definition;
    if (isFunction(target)) {
      const ddo = definitionObjectOf(target);
      definition = { name, kind: 'function', at: locOf(target), injects: cachedInjections(target).map((item) => item.name), exported, ...(ddo === undefined ? {} : { directive: directiveShapeOf(ddo) }) };
    } else if (isClass(target)) {
      const ctor = constructorOf(target);
      const directive = classDirectiveShapeOf(target);
      definition = { name, kind: 'class', at: locOf(target), injects: ctor === undefined ? [] : cachedInjections(ctor).map((item) => item.name), exported, ...(directive === undefined ? {} : { directive }) };
    } else if (target.type === 'ObjectExpression') {
      definition = { name, kind: 'object', at: locOf(target), injects: [], exported };
      // An exported configuration object is a component's, registered in another file: its template is scanned here.
      if (exported) addInlineTemplate(target);
    } else {
      definition = { name, kind: 'value', at: locOf(target), injects: [], exported };
    }
    facts.definitions.push(definition);
  };
  const exportName = (node: AstNode | null | undefined): string | undefined => identifierName(node) ?? stringValue(node);
  for (const statement of program.body as AstNode[]) {
    switch (statement.type) {
      case 'ExportNamedDeclaration': {
        facts.esModule = true;
        if (statement.declaration) {
          for (const [name, node] of declarationsOf(statement.declaration as AstNode)) addDefinition(name, node, true);
          break;
        }
        const source = stringValue(statement.source as AstNode | null);
        for (const specifier of (statement.specifiers as AstNode[] | undefined) ?? []) {
          const exported = exportName(specifier.exported as AstNode);
          // Babel's `export * as ns from './x'`.
          const imported = specifier.type === 'ExportNamespaceSpecifier' ? '*' : exportName(specifier.local as AstNode);
          if (exported === undefined || imported === undefined) continue;
          if (source !== undefined) addReexport(source, imported, exported);
          else if (importedNames.has(imported) || topLevel.has(imported)) addDefinition(exported, { type: 'Identifier', name: imported }, true);
        }
        break;
      }
      case 'ExportAllDeclaration': {
        // `export * from './x'`, and meriyah's `export * as ns from './x'`.
        facts.esModule = true;
        const source = stringValue(statement.source as AstNode);
        const exported = statement.exported ? exportName(statement.exported as AstNode) : '*';
        if (source !== undefined && exported !== undefined) addReexport(source, '*', exported);
        break;
      }
      case 'ExportDefaultDeclaration': {
        facts.esModule = true;
        const declaration = statement.declaration as AstNode;
        const name = declaration.id ? ((declaration.id as AstNode).name as string) : 'default';
        if (name !== 'default') addDefinition(name, declaration, true);
        addDefinition('default', declaration, true);
        break;
      }
      default:
        for (const [name, node] of declarationsOf(statement)) addDefinition(name, node, false);
    }
  }

  return finish();

  /**
   * The role of the file: generated (AngularJS's ngLocale data), tooling (a Node command-line script, `#!`), an
   * end-to-end test (imports a browser-automation package or calls Protractor's locators), an AngularJS test (a test
   * that uses ngMock or AngularJS), another test, or application code. A test is a file named like one, or one with
   * `describe` that uses ngMock.
   */
  function roleOf(): (typeof FileRoles)[keyof typeof FileRoles] {
    if (facts.modules.some((module) => module.name === 'ngLocale' && module.requires !== undefined)) return FileRoles.GENERATED;
    if (text.startsWith('#!')) return FileRoles.TOOLING;
    const sources = [...importedSources];
    const byIsGlobal = !declared.has('by') && !importedNames.has('by');
    if (sources.some((source) => E2E_PACKAGE.test(source)) || (protractorCalls.length > 0 && byIsGlobal && (testName || firstDescribe !== undefined))) {
      return FileRoles.E2E_TEST;
    }
    const usesNgMock = usesAngularMock || (firstDescribe !== undefined && callsNgMockGlobals);
    if (!testName && !(firstDescribe !== undefined && usesNgMock)) return FileRoles.APP;
    const dependsOnAngularJs = usesNgMock || usesAngular || sources.some((source) => ANGULARJS_PACKAGE.test(source));
    return dependsOnAngularJs ? FileRoles.ANGULARJS_TEST : FileRoles.TEST;
  }

  function finish(): ScriptScan {
    hits.sort((a, b) => a.line - b.line || a.column - b.column);
    bump(facts.counts, 'inlineTemplates', inlineTemplates.length);
    if (facts.counts.inlineTemplates === 0) delete facts.counts.inlineTemplates;
    return { hits, facts, inlineTemplates, ...(parsed.error === undefined ? {} : { parseError: parsed.error }) };
  }
};

export type { InlineTemplate, ScanScriptOptions, ScriptScan };
export { INJECTION_RULES, scanScript };
