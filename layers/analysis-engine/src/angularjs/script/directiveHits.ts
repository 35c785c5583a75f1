/** Rule hits of one directive from its definition shape; shared by the file scan and the code-base phase. */
import type { DirectiveShape, Loc } from '../facts';
import type { RuleHit } from '../hits';
import { isComponentStyle } from './directiveShape';

const hitAt = (ruleId: string, [line, column]: Loc, variant?: string): RuleHit => ({ ruleId, line, column, ...(variant === undefined ? {} : { variant }) });

/**
 * Variant of `ng_directive` for a shape: `component-style`, `attribute`, or the default (`undefined`, also when the
 * shape is unknown because the factory could not be read).
 */
const directiveVariant = (shape: DirectiveShape | undefined): string | undefined => {
  if (shape === undefined) return undefined;
  if (isComponentStyle(shape)) return 'component-style';
  if (shape.restrict === 'A') return 'attribute';
  return undefined;
};

/**
 * The `ng_directive_*` hits of a directive: one per feature that decides its migration, at the member that sets it.
 * Scope inheritance counts when the directive asks for a child scope, or shares its parent's scope while rendering a
 * template of its own (its template then reads the parent scope implicitly).
 *
 * @example
 * directiveFeatureHits(shape).map((hit) => hit.ruleId); // ['ng_directive_compile', 'ng_directive_link']
 */
const directiveFeatureHits = (shape: DirectiveShape): RuleHit[] => {
  const hits: RuleHit[] = [];
  if (shape.compile !== undefined) hits.push(hitAt('ng_directive_compile', shape.compile));
  if (shape.replace !== undefined) hits.push(hitAt('ng_directive_replace', shape.replace));
  if (shape.priority !== undefined) hits.push(hitAt('ng_directive_priority_terminal', shape.priority));
  if (shape.terminal !== undefined) hits.push(hitAt('ng_directive_priority_terminal', shape.terminal));
  if (shape.transclude !== undefined) hits.push(hitAt('ng_directive_transclude', shape.transclude));
  if (shape.require !== undefined) hits.push(hitAt('ng_directive_require', shape.require));
  if (shape.link !== undefined) hits.push(hitAt('ng_directive_link', shape.link));
  const inherits = shape.scope === 'child' || (shape.scope === 'shared' && !shape.bindToController && shape.template);
  if (inherits) hits.push(hitAt('ng_directive_inherited_scope', shape.scopeAt));
  return hits;
};

export { directiveFeatureHits, directiveVariant };
