import { ENGINE_VERSION } from '../constants';
import { fingerprint } from '../version';
import { ANGULARJS_RULE_PACK } from './ruleTable';
import type { NgRuleDefinition } from './ruleTable';
import { LIBRARY_MODULES } from './catalog/libraryModules';

/** meriyah's version, written into the layer bundle by its build (build.ts); absent when this runs from source. */
declare const __MERIYAH_VERSION__: string | undefined;

// Only @babel/parser exports its package.json; meriyah exports its version, but reading it would load the parser, which
// the rule-pack version (computed when the layer loads) must not: the layer build writes it in instead.
const meriyahVersion: string =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  typeof __MERIYAH_VERSION__ === 'string' ? __MERIYAH_VERSION__ : (require('meriyah') as typeof import('meriyah')).version;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const babelVersion = (require('@babel/parser/package.json') as { version: string }).version;

/**
 * htmlparser2 exports neither its version nor its package.json: its major version is written here and a test compares
 * it with the installed package, so an upgrade of the HTML parser changes the rule-pack version.
 */
const HTMLPARSER2_MAJOR = 10;

/** Parser versions that go into the rule-pack version: another parser can parse (and so report) differently. */
const PARSER_VERSIONS = { meriyah: meriyahVersion, babel: babelVersion, htmlparser2: `${HTMLPARSER2_MAJOR}` } as const;

/**
 * Version of the AngularJS rule pack: `<semver>-<hash>`, the hash over the engine version, the parser versions, the
 * rule table and the library-module catalog.
 *
 * @example
 * angularJsRulePackVersion(ANGULARJS_RULES); // '1.0.0-4b1f0a9c2e7d'
 */
const angularJsRulePackVersion = (rules: readonly NgRuleDefinition[]): string =>
  `${ANGULARJS_RULE_PACK.semver}-${fingerprint({ engine: ENGINE_VERSION, parsers: PARSER_VERSIONS, rules, libraries: LIBRARY_MODULES })}`;

export { HTMLPARSER2_MAJOR, PARSER_VERSIONS, angularJsRulePackVersion };
