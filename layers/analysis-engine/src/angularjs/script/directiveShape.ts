/**
 * Reads a directive definition object (DDO): the object a directive factory returns. The upgrade guide sorts
 * directives by it: component-style (element, isolate scope or bindToController, controller, template) upgrade with
 * UpgradeComponent; compile, replace, priority and terminal do not.
 */
import type { DirectiveShape, Loc } from '../facts';
import { booleanValue, forEachChild, identifierName, isFunction, isMemberExpression, memberName, objectMembers, positionOf, stringValue, unwrap, walk } from './ast';
import type { AstNode, ObjectMember } from './ast';

const DDO_KEYS = new Set([
  'restrict',
  'scope',
  'bindToController',
  'controller',
  'controllerAs',
  'template',
  'templateUrl',
  'compile',
  'link',
  'replace',
  'priority',
  'terminal',
  'transclude',
  'require',
  'multiElement',
]);

const locOf = (node: AstNode): Loc => {
  const { line, column } = positionOf(node);
  return [line, column];
};

/** Return statements of a function body, not descending into nested functions or classes. */
const returnedValues = (fn: AstNode): AstNode[] => {
  const body = fn.body as AstNode | undefined;
  if (body === undefined) return [];
  if (body.type !== 'BlockStatement') return [body];
  const values: AstNode[] = [];
  forEachChild(body, (child) =>
    walk(child, (node) => {
      if (node.type === 'ReturnStatement') {
        if (node.argument !== null && node.argument !== undefined) values.push(node.argument as AstNode);
        return false;
      }
      return !(isFunction(node) || node.type === 'ClassExpression' || node.type === 'ClassDeclaration');
    }),
  );
  return values;
};

/** Object literals a variable of the function is initialised with, by name. */
const localObjects = (fn: AstNode): Map<string, AstNode> => {
  const objects = new Map<string, AstNode>();
  const body = fn.body as AstNode | undefined;
  if (body === undefined || body.type !== 'BlockStatement') return objects;
  forEachChild(body, (child) =>
    walk(child, (node) => {
      if (node.type === 'VariableDeclarator') {
        const name = identifierName(node.id as AstNode);
        const init = unwrap(node.init as AstNode | null);
        if (name !== undefined && init?.type === 'ObjectExpression') objects.set(name, init);
      }
      return !isFunction(node);
    }),
  );
  return objects;
};

/**
 * The directive definition object a factory function returns (`return { … }`, or `return ddo` with `var ddo = { … }`),
 * when it returns an object literal with at least one directive definition key.
 */
const definitionObjectOf = (factory: AstNode): AstNode | undefined => {
  let objects: Map<string, AstNode> | undefined;
  for (const value of returnedValues(factory)) {
    let candidate = unwrap(value);
    const name = identifierName(candidate);
    if (name !== undefined) {
      objects ??= localObjects(factory);
      candidate = objects.get(name);
    }
    if (candidate?.type === 'ObjectExpression' && objectMembers(candidate).some((member) => member.key !== undefined && DDO_KEYS.has(member.key))) return candidate;
  }
  return undefined;
};

const isTruthyLiteral = (node: AstNode): boolean => {
  const target = unwrap(node);
  if (target === undefined) return false;
  const bool = booleanValue(target);
  if (bool !== undefined) return bool;
  if ((target.type === 'Literal' || target.type === 'NumericLiteral') && typeof target.value === 'number') return target.value !== 0;
  if (target.type === 'Literal' && target.value === null) return false;
  if (target.type === 'Identifier' && target.name === 'undefined') return false;
  // Strings ('element'), objects (multi-slot), variables: treat as set.
  return true;
};

/**
 * The shape of a directive definition object.
 *
 * @example
 * const shape = directiveShapeOf(ddoNode); // { scope: 'isolate', compile: [12, 7], … }
 */
const directiveShapeOf = (ddo: AstNode): DirectiveShape => shapeOfMembers(ddo, objectMembers(ddo));

/**
 * What a class configures as a directive definition when it is instantiated as one (AngularJS 1.5+ instantiates a
 * class passed as a directive factory, and the ES2015 `register.directive(name, Class)` helpers do the same): fields
 * (`restrict = 'E'`), members set in the constructor (`this.replace = true`) and `compile`/`link` methods. Undefined
 * when the class configures no directive definition key.
 *
 * @example
 * classDirectiveShapeOf(classNode); // { restrict: 'E', replace: [9, 5], … } for `constructor() { this.restrict = 'E'; this.replace = true; }`
 */
const classDirectiveShapeOf = (cls: AstNode): DirectiveShape | undefined => {
  const members: ObjectMember[] = [];
  for (const member of ((cls.body as AstNode).body as AstNode[]) ?? []) {
    if (member.static === true || member.computed === true) continue;
    const key = identifierName(member.key as AstNode) ?? stringValue(member.key as AstNode);
    const isField = member.type === 'PropertyDefinition' || member.type === 'ClassProperty';
    const isMethod = member.type === 'MethodDefinition' || member.type === 'ClassMethod';
    if (isField && key !== undefined && member.value !== null && member.value !== undefined) members.push({ key, value: member.value as AstNode, node: member });
    else if (isMethod && member.kind === 'method' && (key === 'compile' || key === 'link')) members.push({ key, value: member, node: member });
    else if (isMethod && member.kind === 'constructor') members.push(...thisAssignments(member.type === 'ClassMethod' ? member : (member.value as AstNode)));
  }
  return members.some((member) => member.key !== undefined && DDO_KEYS.has(member.key)) ? shapeOfMembers(cls, members) : undefined;
};

/** `this.key = value` statements directly in a constructor's body. */
const thisAssignments = (constructor: AstNode): ObjectMember[] => {
  const members: ObjectMember[] = [];
  const body = constructor.body as AstNode | undefined;
  for (const statement of (body?.body as AstNode[] | undefined) ?? []) {
    const expression = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as AstNode) : undefined;
    if (expression?.type !== 'AssignmentExpression' || expression.operator !== '=') continue;
    const left = unwrap(expression.left as AstNode);
    if (left === undefined || !isMemberExpression(left) || unwrap(left.object as AstNode)?.type !== 'ThisExpression') continue;
    const key = memberName(left);
    if (key !== undefined) members.push({ key, value: expression.right as AstNode, node: statement });
  }
  return members;
};

const shapeOfMembers = (at: AstNode, members: readonly ObjectMember[]): DirectiveShape => {
  const shape: DirectiveShape = {
    at: locOf(at),
    scope: 'shared',
    bindToController: false,
    controller: false,
    controllerAs: false,
    template: false,
    scopeAt: locOf(at),
  };
  for (const member of members) {
    const value = unwrap(member.value) ?? member.value;
    const at = locOf(member.node);
    switch (member.key) {
      case 'restrict': {
        const restrict = stringValue(value);
        if (restrict !== undefined) shape.restrict = restrict;
        break;
      }
      case 'scope':
        shape.scopeAt = at;
        if (value.type === 'ObjectExpression') shape.scope = 'isolate';
        else if (booleanValue(value) === true) shape.scope = 'child';
        else if (booleanValue(value) === undefined) shape.scope = 'isolate';
        break;
      case 'bindToController':
        shape.bindToController = value.type === 'ObjectExpression' || booleanValue(value) === true;
        break;
      case 'controller':
        shape.controller = true;
        break;
      case 'controllerAs':
        shape.controllerAs = true;
        break;
      case 'template':
      case 'templateUrl':
        shape.template = true;
        break;
      case 'compile':
        shape.compile = at;
        break;
      case 'link':
        shape.link = at;
        break;
      case 'replace':
        if (isTruthyLiteral(value)) shape.replace = at;
        break;
      case 'priority':
        if (isTruthyLiteral(value)) shape.priority = at;
        break;
      case 'terminal':
        if (isTruthyLiteral(value)) shape.terminal = at;
        break;
      case 'transclude':
        if (isTruthyLiteral(value)) shape.transclude = at;
        break;
      case 'require':
        shape.require = at;
        break;
      default:
        break;
    }
  }
  return shape;
};

/** Whether a directive can be upgraded as a component (the upgrade guide's component directive). */
const isComponentStyle = (shape: DirectiveShape): boolean =>
  shape.restrict === 'E' &&
  (shape.scope === 'isolate' || shape.bindToController) &&
  shape.controller &&
  shape.template &&
  !isNotUpgradable(shape);

/** Whether a directive uses what UpgradeComponent and Angular do not support. */
const isNotUpgradable = (shape: DirectiveShape): boolean =>
  shape.compile !== undefined || shape.replace !== undefined || shape.priority !== undefined || shape.terminal !== undefined;

export { classDirectiveShapeOf, definitionObjectOf, directiveShapeOf, isComponentStyle, isNotUpgradable, returnedValues };
