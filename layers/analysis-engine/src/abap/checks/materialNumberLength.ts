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
  /** A material number assigned to a field or record slot of the old length (`ls_record-code = ls_mara-matnr`). */
  MOVE_TRUNCATION: 'move-truncation',
} as const;

/** Configuration of the check. */
type MaterialNumberLengthConfig = {
  /** Case-insensitive regular expression a field name must match to be taken for a material number. */
  namePattern: string;
  /** The pre-S/4HANA length of MATNR. */
  legacyLength: number;
  /** The S/4HANA length of MATNR. */
  newLength: number;
  /** Dictionary types with exactly the legacy length, upper case (declaring a material number with them truncates it). */
  legacyTypeNames: readonly string[];
  /** Data elements that carry a material number at its full length (fields typed with them are material numbers). */
  dataElements: readonly string[];
};

/** Character-like built-in types whose explicit length matters (`TYPE c LENGTH 18`, `(18) TYPE n`). */
const CHARACTER_TYPES = new Set(['C', 'N']);

const DECLARATION_NAMES = [Expressions.DefinitionName, Expressions.NamespaceSimpleName, Expressions.FieldSub, Expressions.MethodParamName, Expressions.FormParamName];

/** Statements that open or close a structure (BEGIN OF / END OF), whose components are named `structure-component`. */
const BEGIN_STATEMENTS = [Statements.DataBegin, Statements.TypeBegin, Statements.ClassDataBegin, Statements.StaticBegin];
const END_STATEMENTS = [Statements.DataEnd, Statements.TypeEnd, Statements.ClassDataEnd, Statements.StaticEnd];

const integerChild = (node: Nodes.ExpressionNode | undefined): number | undefined => {
  const text = node?.findFirstExpression(Expressions.Integer)?.concatTokens();
  return text === undefined ? undefined : Number(text);
};

/** The nodes of a statement that declare one field each: the statement itself or its DataDefinition / MethodParam / FormParam parts. */
const declarationNodes = (statement: Nodes.StatementNode): (Nodes.StatementNode | Nodes.ExpressionNode)[] => {
  const type = statement.get();
  if (type instanceof Statements.Parameter || type instanceof Statements.Static || type instanceof Statements.Type || type instanceof Statements.Constant) {
    return [statement];
  }
  if (type instanceof Statements.Data || type instanceof Statements.ClassData || type instanceof Statements.MethodDef) {
    return [...statement.findAllExpressions(Expressions.DataDefinition), ...statement.findAllExpressions(Expressions.MethodParam)];
  }
  if (type instanceof Statements.Form) return [...statement.findAllExpressions(Expressions.FormParam)];
  return [];
};

const nameOf = (node: Nodes.StatementNode | Nodes.ExpressionNode): Nodes.ExpressionNode | undefined =>
  DECLARATION_NAMES.map((expression) => node.findDirectExpression(expression)).find((found) => found !== undefined);

/** Upper-case text of a field reference without blanks: `LS_REC-CODE`, `<LS_REC>-CODE`. */
const referenceText = (node: Nodes.ExpressionNode): string => node.concatTokens().replace(/\s+/g, '').toUpperCase();

/** What the declarations visible at a statement say: one scope for the file, one for the procedure being read. */
type Scope = {
  /** Fields and structure components declared with the legacy length (`LV_CODE`, `LS_REC-CODE`), by upper-case name. */
  legacyFields: Set<string>;
  /** Fields typed with a material-number data element. */
  materialFields: Set<string>;
  /** TYPES aliases of the legacy length. */
  aliases: Set<string>;
  /** Structured TYPES: type name → its legacy-length component paths. */
  typeComponents: Map<string, string[]>;
};

const newScope = (): Scope => ({ legacyFields: new Set(), materialFields: new Set(), aliases: new Set(), typeComponents: new Map() });

/** The declarations visible at a statement: the procedure's own, then the file's. */
type Symbols = {
  isLegacyField(name: string): boolean;
  isMaterialField(name: string): boolean;
  isAlias(typeName: string): boolean;
  componentsOf(typeName: string): readonly string[];
};

const PROCEDURE_STARTS = [Statements.MethodImplementation, Statements.Form, Statements.FunctionModule, Statements.Module];
const PROCEDURE_ENDS = [Statements.EndMethod, Statements.EndForm, Statements.EndFunction, Statements.EndModule];

/**
 * Finds code that assumes the ECC material number length of 18 characters, which S/4HANA extends to 40 (SAP note
 * 2215424), from the parsed statements of one file:
 *
 * - declaration: a field whose name says material number, declared as `c`/`n` of the old length or with an
 *   old-length dictionary type; fields typed with the data element MATNR follow the extension and are not reported;
 * - offset-length: an offset/length access `(18)` on such a field, or on a field typed with MATNR in the file;
 * - move-truncation: a material number (a field named like one, or typed with MATNR) assigned with `=`, `MOVE … TO`
 *   or `WRITE … TO` to a field or structure component declared in the file with the old length, or to an
 *   offset/length slot `+n(18)` of a record.
 *
 * Names are resolved within the file, in statement order, with a procedure's own declarations (METHOD, FORM,
 * FUNCTION, MODULE) visible only inside it: structures declared with BEGIN OF, structured TYPES and data objects typed
 * with them (one level), and TYPES aliases of the old length. A material number moved into a field with another name
 * declared in another object, or through a method call, is not followed.
 *
 * @example
 * materialNumberLengthCheck({ namePattern: 'matnr', legacyLength: 18, newLength: 40, legacyTypeNames: ['CHAR18'], dataElements: ['MATNR'] })
 *   .abap?.(abapFile, context);
 */
const materialNumberLengthCheck = (config: MaterialNumberLengthConfig): AbapCheck => {
  const namePattern = new RegExp(config.namePattern, 'i');
  const legacyTypes = new Set(config.legacyTypeNames.map((name) => name.toUpperCase()));
  const dataElements = new Set(config.dataElements.map((name) => name.toUpperCase()));
  const lengthText = String(config.legacyLength);

  /** Declared with the legacy length: `c LENGTH 18`, `(18)`, `TYPE char18`, or a TYPES alias of those. */
  const legacyDeclaration = (node: Nodes.StatementNode | Nodes.ExpressionNode, symbols: Symbols): boolean => {
    const typeName = node.findFirstExpression(Expressions.TypeName)?.concatTokens().toUpperCase();
    if (node.findFirstExpression(Expressions.TypeTable) !== undefined && typeName !== undefined) return legacyTypes.has(typeName) || symbols.isAlias(typeName);
    if (typeName !== undefined && (legacyTypes.has(typeName) || symbols.isAlias(typeName))) return true;
    // No TYPE addition means type c; `(n)` or `LENGTH n` gives the length.
    if (typeName !== undefined && !CHARACTER_TYPES.has(typeName)) return false;
    if (node.findFirstExpression(Expressions.TypeTable) !== undefined) return false;
    const length =
      integerChild(node.findDirectExpression(Expressions.ConstantFieldLength)) ?? integerChild(node.findDirectExpression(Expressions.Length));
    return length === config.legacyLength;
  };

  const declarationDetail = `a material number field declared with ${config.legacyLength} characters truncates ${config.newLength}-character material numbers; type it with data element MATNR`;

  /**
   * Records the declarations of one statement in the innermost scope (reporting material numbers declared with the
   * legacy length). `prefix` holds the open BEGIN OF structures, `typePrefix` the outermost open TYPES structure.
   */
  const declare = (statement: Nodes.StatementNode, scope: Scope, symbols: Symbols, nesting: { prefix: string[]; typePrefix?: string }, hits: CheckHit[]): void => {
    const type = statement.get();
    const { prefix } = nesting;
    if (BEGIN_STATEMENTS.some((kind) => type instanceof kind)) {
      const name = (statement.findFirstExpression(Expressions.DefinitionName) ?? statement.findFirstExpression(Expressions.NamespaceSimpleName))?.concatTokens().toUpperCase() ?? '';
      if (type instanceof Statements.TypeBegin && prefix.length === 0) nesting.typePrefix = name;
      prefix.push(name);
      return;
    }
    if (END_STATEMENTS.some((kind) => type instanceof kind)) {
      prefix.pop();
      if (prefix.length === 0) nesting.typePrefix = undefined;
      return;
    }
    for (const node of declarationNodes(statement)) {
      const name = nameOf(node);
      if (name === undefined) continue;
      const upper = name.concatTokens().toUpperCase();
      const path = [...prefix, upper].join('-');
      const typeName = node.findFirstExpression(Expressions.TypeName)?.concatTokens().toUpperCase();
      if (typeName !== undefined && dataElements.has(typeName)) scope.materialFields.add(path);
      const legacy = legacyDeclaration(node, symbols);
      if (legacy && namePattern.test(upper)) hits.push({ ...at(name.getFirstToken()), variant: MaterialNumberVariants.DECLARATION, detail: declarationDetail });
      if (legacy) {
        const { typePrefix } = nesting;
        if (typePrefix !== undefined) scope.typeComponents.set(typePrefix, [...(scope.typeComponents.get(typePrefix) ?? []), prefix.slice(1).concat(upper).join('-')]);
        else if (type instanceof Statements.Type) scope.aliases.add(upper);
        else scope.legacyFields.add(path);
        continue;
      }
      // A data object typed with a structured type in scope gets that type's legacy components, one level deep.
      if (type instanceof Statements.Type || typeName === undefined) continue;
      for (const component of symbols.componentsOf(typeName)) scope.legacyFields.add(`${path}-${component}`);
    }
    if (type instanceof Statements.FieldSymbol) {
      const name = statement.findFirstExpression(Expressions.FieldSymbol)?.concatTokens().toUpperCase();
      const typeName = statement.findFirstExpression(Expressions.TypeName)?.concatTokens().toUpperCase();
      if (name !== undefined && typeName !== undefined) for (const component of symbols.componentsOf(typeName)) scope.legacyFields.add(`${name}-${component}`);
    }
  };

  /** Offset/length hits `(18)` on a material-number field within one statement. */
  const offsetLengthHits = (statement: Nodes.StatementNode, symbols: Symbols, hits: CheckHit[]): boolean => {
    let found = false;
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
        if (accessed === undefined) return;
        // The accessed name alone (`matnr` of `ls_mara-matnr`), or the whole reference when typed with MATNR in the file.
        const whole = children.slice(0, index).filter((previous) => !(previous instanceof Nodes.ExpressionNode && previous.get() instanceof Expressions.FieldOffset));
        const reference = whole.map((previous) => previous.concatTokens()).join('').replace(/\s+/g, '').toUpperCase();
        if (!namePattern.test(accessed.concatTokens()) && !symbols.isMaterialField(reference)) return;
        found = true;
        hits.push({
          ...at(child.getFirstToken()),
          variant: MaterialNumberVariants.OFFSET_LENGTH,
          detail: `an offset/length access of ${config.legacyLength} characters cuts ${config.newLength}-character material numbers`,
        });
      });
    });
    return found;
  };

  /** `target = source`, `MOVE source TO target`, `WRITE source TO target`: source and target, when both are plain. */
  const assignment = (statement: Nodes.StatementNode): { source: Nodes.ExpressionNode; target: Nodes.ExpressionNode } | undefined => {
    const type = statement.get();
    if (!(type instanceof Statements.Move) && !(type instanceof Statements.Write && statement.findDirectTokenByText('TO') !== undefined)) return undefined;
    const source = statement.findDirectExpression(Expressions.Source);
    const target = statement.findDirectExpression(Expressions.Target);
    // Only a plain field as source: an expression (concatenation, method call) is not a material number moved as is.
    if (source === undefined || target === undefined || source.getChildren().length !== 1 || !(source.getFirstChild()?.get() instanceof Expressions.FieldChain)) return undefined;
    return { source, target };
  };

  const isMaterialSource = (source: Nodes.ExpressionNode, symbols: Symbols): boolean => {
    const chain = source.getFirstChild() as Nodes.ExpressionNode;
    const last = chain.getChildren()[chain.getChildren().length - 1];
    const lastName = last instanceof Nodes.ExpressionNode ? last.concatTokens() : '';
    return namePattern.test(lastName) || symbols.isMaterialField(referenceText(source));
  };

  const moveHit = (statement: Nodes.StatementNode, symbols: Symbols, hits: CheckHit[]): void => {
    const parts = assignment(statement);
    if (parts === undefined || !isMaterialSource(parts.source, symbols)) return;
    const { target } = parts;
    const slot = target.findDirectExpression(Expressions.FieldLength);
    const slotLength = slot === undefined ? undefined : Number(slot.concatTokens().replace(/[()\s]/g, ''));
    const field = referenceText(target);
    // A target named like a material number was already reported where it is declared.
    const declaredLegacy = slot === undefined && symbols.isLegacyField(field) && !namePattern.test(field.slice(field.lastIndexOf('-') + 1));
    if (slotLength !== config.legacyLength && !declaredLegacy) return;
    hits.push({
      ...at(target.getFirstToken()),
      variant: MaterialNumberVariants.MOVE_TRUNCATION,
      detail: `a material number is moved into ${slot === undefined ? 'a field' : 'an offset/length slot'} of ${config.legacyLength} characters and loses characters ${config.legacyLength + 1} to ${config.newLength}`,
    });
  };

  const abap = (file: ABAPFile): CheckHit[] => {
    const hits: CheckHit[] = [];
    // Every variant needs the old length written somewhere in the file (a length, an offset length or CHAR18).
    if (!file.getRaw().includes(lengthText)) return hits;
    const global = newScope();
    let local: Scope | undefined;
    const symbols: Symbols = {
      isLegacyField: (name) => local?.legacyFields.has(name) === true || global.legacyFields.has(name),
      isMaterialField: (name) => local?.materialFields.has(name) === true || global.materialFields.has(name),
      isAlias: (typeName) => local?.aliases.has(typeName) === true || global.aliases.has(typeName),
      componentsOf: (typeName) => local?.typeComponents.get(typeName) ?? global.typeComponents.get(typeName) ?? [],
    };
    const nesting: { prefix: string[]; typePrefix?: string } = { prefix: [] };
    // One pass in statement order: ABAP declares before use, and a procedure's locals end with the procedure.
    for (const statement of file.getStatements()) {
      const type = statement.get();
      if (PROCEDURE_STARTS.some((kind) => type instanceof kind)) local = newScope();
      else if (PROCEDURE_ENDS.some((kind) => type instanceof kind)) local = undefined;
      declare(statement, local ?? global, symbols, nesting, hits);
      const cut = statement.getTokens().some((token) => token.getStr() === lengthText) && offsetLengthHits(statement, symbols, hits);
      if (!cut) moveHit(statement, symbols, hits);
    }
    return hits;
  };
  return { abap };
};

export type { MaterialNumberLengthConfig };
export { MaterialNumberVariants, materialNumberLengthCheck };
