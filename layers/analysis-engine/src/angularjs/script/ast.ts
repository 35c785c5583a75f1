/**
 * Shape-neutral access to the two syntax trees the script scanner reads: ESTree from meriyah and Babel's AST (which
 * names string literals, object members and optional chains differently). Everything the scanner asks of a node goes
 * through these helpers, so one scanner serves both parsers.
 */

/** A syntax-tree node of either parser. */
type AstNode = { type: string; loc?: { start: { line: number; column: number } } | null; [key: string]: unknown };

/** 1-based line and column. */
type Position = { line: number; column: number };

/** One member of an object literal: its static key (when it has one) and its value node. */
type ObjectMember = { key: string | undefined; value: AstNode; node: AstNode };

const isNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** Keys that never lead to code the scanner looks at (positions, comments, TypeScript types). */
const SKIPPED_KEYS = new Set([
  'loc',
  'range',
  'start',
  'end',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'comments',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeParameters',
]);

/** Calls `visit` for each direct child node, in source order. */
const forEachChild = (node: AstNode, visit: (child: AstNode) => void): void => {
  for (const key in node) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
};

/**
 * Visits `root` and its descendants in source order (pre-order), depth first, with an explicit stack: a chain of
 * 10,000 `+` is a tree 10,000 deep, which a recursive walk cannot descend on a 1 MB stack. `enter` returns `false`
 * to leave a node's children out.
 *
 * @example
 * walk(program, (node) => (isFunction(node) ? false : undefined));
 */
const walk = (root: AstNode, enter: (node: AstNode) => boolean | void): void => {
  const stack: AstNode[] = [root];
  const children: AstNode[] = [];
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (enter(node) === false) continue;
    forEachChild(node, (child) => {
      children.push(child);
    });
    // Reversed onto the stack, so the first child is visited next.
    while (children.length > 0) stack.push(children.pop() as AstNode);
  }
};

/** Strips wrappers that do not change what an expression is (TypeScript assertions, parentheses, optional chains). */
const unwrap = (node: AstNode | undefined | null): AstNode | undefined => {
  let current = node ?? undefined;
  while (current !== undefined) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
      case 'ChainExpression':
        current = current.expression as AstNode;
        break;
      default:
        return current;
    }
  }
  return current;
};

/** The value of a string literal (or of a template literal without substitutions). */
const stringValue = (node: AstNode | undefined | null): string | undefined => {
  const target = unwrap(node);
  if (target === undefined) return undefined;
  if ((target.type === 'Literal' || target.type === 'StringLiteral') && typeof target.value === 'string') return target.value;
  if (target.type === 'TemplateLiteral') {
    const quasis = target.quasis as AstNode[];
    if ((target.expressions as unknown[]).length === 0 && quasis.length === 1) {
      const cooked = (quasis[0].value as { cooked?: string | null }).cooked;
      return typeof cooked === 'string' ? cooked : undefined;
    }
  }
  return undefined;
};

/** The value of a boolean literal. */
const booleanValue = (node: AstNode | undefined | null): boolean | undefined => {
  const target = unwrap(node);
  if (target === undefined) return undefined;
  if ((target.type === 'Literal' || target.type === 'BooleanLiteral') && typeof target.value === 'boolean') return target.value;
  return undefined;
};

const isCallExpression = (node: AstNode): boolean => node.type === 'CallExpression' || node.type === 'OptionalCallExpression';

const isMemberExpression = (node: AstNode): boolean => node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';

/** The statically known property name of a member expression (`a.b`, `a['b']`), else `undefined`. */
const memberName = (node: AstNode): string | undefined => {
  if (!isMemberExpression(node)) return undefined;
  const property = node.property as AstNode;
  if (node.computed === true) return stringValue(property);
  return property.type === 'Identifier' || property.type === 'PrivateName' ? (property.name as string) : undefined;
};

const memberObject = (node: AstNode): AstNode | undefined => unwrap(node.object as AstNode);

const identifierName = (node: AstNode | undefined | null): string | undefined => {
  const target = unwrap(node);
  return target?.type === 'Identifier' ? (target.name as string) : undefined;
};

const FUNCTION_TYPES = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod']);

const isFunction = (node: AstNode | undefined): boolean => node !== undefined && FUNCTION_TYPES.has(node.type);

const isClass = (node: AstNode | undefined): boolean => node !== undefined && (node.type === 'ClassExpression' || node.type === 'ClassDeclaration');

/** Members of an object literal with static keys resolved; spread members are left out. */
const objectMembers = (node: AstNode): ObjectMember[] => {
  const members: ObjectMember[] = [];
  for (const member of node.properties as AstNode[]) {
    if (member.type !== 'Property' && member.type !== 'ObjectProperty' && member.type !== 'ObjectMethod') continue;
    const keyNode = member.key as AstNode;
    const key = member.computed === true ? stringValue(keyNode) : keyNode.type === 'Identifier' ? (keyNode.name as string) : stringValue(keyNode);
    // Babel's ObjectMethod is the function itself; ESTree wraps it in a Property.
    const value = member.type === 'ObjectMethod' ? member : (member.value as AstNode);
    members.push({ key, value, node: member });
  }
  return members;
};

/** Parameter names of a function, in order (destructured and other non-identifier parameters give `undefined`). */
const parameterNames = (fn: AstNode): Array<{ name: string | undefined; node: AstNode }> =>
  (fn.params as AstNode[]).map((param) => {
    // TypeScript parameter properties (`constructor(private $http)`) wrap the identifier.
    const target = param.type === 'TSParameterProperty' ? (param.parameter as AstNode) : param;
    const base = target.type === 'AssignmentPattern' ? (target.left as AstNode) : target;
    return { name: base.type === 'Identifier' ? (base.name as string) : undefined, node: base };
  });

/** 1-based position of a node (both parsers give 1-based lines and 0-based columns). */
const positionOf = (node: AstNode): Position => {
  const start = node.loc?.start;
  return start === undefined ? { line: 1, column: 1 } : { line: start.line, column: start.column + 1 };
};

export type { AstNode, ObjectMember, Position };
export {
  booleanValue,
  forEachChild,
  identifierName,
  isCallExpression,
  isClass,
  isFunction,
  isMemberExpression,
  isNode,
  memberName,
  memberObject,
  objectMembers,
  parameterNames,
  positionOf,
  stringValue,
  unwrap,
  walk,
};
