import { Expressions, Nodes, Statements } from '@abaplint/core';
import type { ABAPFile } from '@abaplint/core';

import { at, walkExpressions } from './syntaxHelpers';
import type { AbapCheck, CheckHit } from './types';

/** Variants of `s4_material_number_length`; their severity and effort are in the rule table. */
const MaterialNumberVariants = {
  /** A material-number field declared with the old fixed length. */
  DECLARATION: 'declaration',
  /** Offset/length access cutting a material number at the old length (`lv_matnr+0(18)`). */
  OFFSET_LENGTH: 'offset-length',
} as const;

/** Configuration of the check. */
type MaterialNumberLengthConfig = {
  /** Case-insensitive regular expression a field name must match to be taken for a material number. */
  namePattern: string;
  /** The pre-S/4HANA length of MATNR. */
  legacyLength: number;
  /** Dictionary types with exactly that length, upper case (declaring a material number with them truncates it). */
  legacyTypeNames: readonly string[];
};

/** Character-like built-in types whose explicit length matters (`TYPE c LENGTH 18`, `(18) TYPE n`). */
const CHARACTER_TYPES = new Set(['C', 'N']);

const DECLARATION_NAMES = [Expressions.DefinitionName, Expressions.NamespaceSimpleName, Expressions.FieldSub, Expressions.MethodParamName];

const integerChild = (node: Nodes.ExpressionNode | undefined): number | undefined => {
  const text = node?.findFirstExpression(Expressions.Integer)?.concatTokens();
  return text === undefined ? undefined : Number(text);
};

/** The nodes of a statement that declare one field each: the statement itself or its DataDefinition / MethodParam parts. */
const declarationNodes = (statement: Nodes.StatementNode): (Nodes.StatementNode | Nodes.ExpressionNode)[] => {
  const type = statement.get();
  if (type instanceof Statements.Parameter || type instanceof Statements.Static || type instanceof Statements.Type || type instanceof Statements.Constant) {
    return [statement];
  }
  if (type instanceof Statements.Data || type instanceof Statements.ClassData || type instanceof Statements.MethodDef) {
    return [...statement.findAllExpressions(Expressions.DataDefinition), ...statement.findAllExpressions(Expressions.MethodParam)];
  }
  return [];
};

/**
 * Finds code that assumes the ECC material number length of 18 characters, which S/4HANA extends to 40 (SAP note
 * 2215424): fields whose name says material number but that are declared as `c`/`n` of length 18 or with an
 * 18-character dictionary type, and offset/length accesses `(18)` on such fields. Fields typed with the data element
 * MATNR follow the extension automatically and are not reported.
 *
 * @example
 * materialNumberLengthCheck({ namePattern: 'matnr', legacyLength: 18, legacyTypeNames: ['CHAR18'] }).abap?.(abapFile);
 */
const materialNumberLengthCheck = (config: MaterialNumberLengthConfig): AbapCheck => {
  const namePattern = new RegExp(config.namePattern, 'i');
  const legacyTypes = new Set(config.legacyTypeNames.map((name) => name.toUpperCase()));

  const legacyDeclaration = (node: Nodes.StatementNode | Nodes.ExpressionNode): boolean => {
    const typeName = node.findFirstExpression(Expressions.TypeName)?.concatTokens().toUpperCase();
    if (typeName !== undefined && legacyTypes.has(typeName)) return true;
    // No TYPE addition means type c; `(n)` or `LENGTH n` gives the length.
    if (typeName !== undefined && !CHARACTER_TYPES.has(typeName)) return false;
    if (node.findFirstExpression(Expressions.TypeTable) !== undefined) return false;
    const length =
      integerChild(node.findDirectExpression(Expressions.ConstantFieldLength)) ?? integerChild(node.findDirectExpression(Expressions.Length));
    return length === config.legacyLength;
  };

  const abap = (file: ABAPFile): CheckHit[] => {
    const hits: CheckHit[] = [];
    if (!namePattern.test(file.getRaw())) return hits;
    for (const statement of file.getStatements()) {
      // Most statements name no material number at all: a look at the flat token list spares the tree walks.
      if (!statement.getTokens().some((token) => namePattern.test(token.getStr()))) continue;
      for (const node of declarationNodes(statement)) {
        const name = DECLARATION_NAMES.map((expression) => node.findDirectExpression(expression)).find((found) => found !== undefined);
        if (name === undefined || !namePattern.test(name.concatTokens()) || !legacyDeclaration(node)) continue;
        hits.push({
          ...at(name.getFirstToken()),
          variant: MaterialNumberVariants.DECLARATION,
          detail: `a material number field declared with ${config.legacyLength} characters truncates 40-character material numbers; type it with data element MATNR`,
        });
      }
      walkExpressions(statement, (node) => {
        const children = node.getChildren();
        children.forEach((child, index) => {
          if (!(child instanceof Nodes.ExpressionNode) || !(child.get() instanceof Expressions.FieldLength)) return;
          const length = Number(child.concatTokens().replace(/[()\s]/g, ''));
          if (length !== config.legacyLength) return;
          // The accessed field is the name just before the offset/length: a component, a field or a field symbol.
          const accessed = children
            .slice(0, index)
            .reverse()
            .find((previous) => previous instanceof Nodes.ExpressionNode && !(previous.get() instanceof Expressions.FieldOffset));
          if (accessed === undefined || !namePattern.test(accessed.concatTokens())) return;
          hits.push({
            ...at(child.getFirstToken()),
            variant: MaterialNumberVariants.OFFSET_LENGTH,
            detail: `an offset/length access of ${config.legacyLength} characters cuts 40-character material numbers`,
          });
        });
      });
    }
    return hits;
  };
  return { abap };
};

export type { MaterialNumberLengthConfig };
export { MaterialNumberVariants, materialNumberLengthCheck };
