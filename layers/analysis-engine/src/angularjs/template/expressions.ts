/**
 * Filters in AngularJS expressions. An expression's filter chain is `expr | name:arg | name2`; `||` is the logical
 * operator and AngularJS expressions have no bitwise `|` and no regular-expression literals, so a single `|` outside a
 * string literal always starts a filter.
 */

/** A filter application: its name and the offset of the name in the expression text. */
type FilterUse = { name: string; offset: number };

const isIdentifierStart = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;

const isIdentifierPart = (code: number): boolean => isIdentifierStart(code) || (code >= 48 && code <= 57);

/**
 * The filters an expression applies, in order.
 *
 * @example
 * filtersIn("items | filter:q | orderBy:'name' track by item.id"); // [{ name: 'filter', … }, { name: 'orderBy', … }]
 */
const filtersIn = (expression: string, start = 0, end = expression.length): FilterUse[] => {
  const uses: FilterUse[] = [];
  let index = start;
  while (index < end) {
    const code = expression.charCodeAt(index);
    if (code === 39 || code === 34) {
      // String literal: skip to the matching quote, honouring backslash escapes.
      index += 1;
      while (index < end && expression.charCodeAt(index) !== code) index += expression.charCodeAt(index) === 92 ? 2 : 1;
      index += 1;
    } else if (code === 124) {
      if (expression.charCodeAt(index + 1) === 124) {
        index += 2;
        continue;
      }
      index += 1;
      while (index < end && /\s/.test(expression[index])) index += 1;
      const nameStart = index;
      if (index < end && isIdentifierStart(expression.charCodeAt(index))) {
        index += 1;
        while (index < end && isIdentifierPart(expression.charCodeAt(index))) index += 1;
        uses.push({ name: expression.slice(nameStart, index), offset: nameStart });
      }
    } else {
      index += 1;
    }
  }
  return uses;
};

/** An interpolation `{{ … }}`: the offsets of its expression (between the braces). */
type Interpolation = { start: number; end: number };

/**
 * The interpolations of a text (default `{{`/`}}` symbols).
 *
 * @example
 * interpolationsIn('Total: {{ total | currency }}'); // [{ start: 9, end: 27 }]
 */
const interpolationsIn = (text: string, start = 0, end = text.length): Interpolation[] => {
  const found: Interpolation[] = [];
  let from = start;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open === -1 || open >= end) return found;
    const close = text.indexOf('}}', open + 2);
    if (close === -1 || close > end) return found;
    found.push({ start: open + 2, end: close });
    from = close + 2;
  }
};

export type { FilterUse, Interpolation };
export { filtersIn, interpolationsIn };
