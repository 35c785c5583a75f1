/**
 * AngularJS directive name normalisation (the `$compile` guide, "Normalization"): strip an `x-` or `data-` prefix,
 * then turn `:`, `-` and `_` delimited names into camelCase. `data-ng-bind`, `ng:bind`, `ng_bind` and `x-ng-bind` all
 * name `ngBind`.
 */

const PREFIX = /^(?:x|data)[:\-_]/i;
const DELIMITED = /[:\-_]+(.)/g;

/**
 * The directive name an element or attribute name refers to.
 *
 * @example
 * normalizeDirectiveName('data-ng-controller'); // 'ngController'
 */
const normalizeDirectiveName = (name: string): string =>
  name
    .toLowerCase()
    .replace(PREFIX, '')
    .replace(DELIMITED, (_match: string, letter: string, offset: number) => (offset === 0 ? letter : letter.toUpperCase()));

export { normalizeDirectiveName };
