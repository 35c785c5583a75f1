import type { Version } from '@abaplint/core';

import { ENGINE_VERSION, Languages } from '../constants';
import type { RulePackInfo } from '../types';
import { fingerprint } from '../version';
import { ABAP_RULE_PACK } from './ruleTable';
import type { AbapRuleDefinition } from './ruleTable';

/** An ABAP release as abaplint names it (`v702` … `v758`, `v816`, `Cloud`, …). */
type AbapRelease = `${Version}`;

/** Inputs of the ABAP rule-pack version. */
type AbapRulePackVersionInput = {
  rules: readonly AbapRuleDefinition[];
  release: AbapRelease;
  /** Version of @abaplint/core: a new parser can parse or report differently. */
  abaplintVersion: string;
};

/**
 * Version of an ABAP rule pack: `<semver>-abaplint.<abaplint version>-<hash>`, the hash covering the engine version,
 * the release and the whole rule table (configuration, catalogs, severities, efforts, messages).
 *
 * @example
 * abapRulePackVersion({ rules: ABAP_RULES, release: 'v758', abaplintVersion: '2.120.19' });
 * // '1.0.0-abaplint.2.120.19-1c0f3e5a9b2d'
 */
const abapRulePackVersion = (input: AbapRulePackVersionInput): string =>
  `${ABAP_RULE_PACK.semver}-abaplint.${input.abaplintVersion}-${fingerprint({ engine: ENGINE_VERSION, release: input.release, rules: input.rules })}`;

/**
 * The ABAP release the parser accepts by default. The target is on-premise S/4HANA: 7.58 is S/4HANA 2023 (see
 * AbapAnalyzerOptions.release). Written as abaplint's `Version.v758` value, so that naming it does not load abaplint.
 */
const DEFAULT_ABAP_RELEASE: AbapRelease = 'v758';

/**
 * The installed @abaplint/core's version (what `Registry.abaplintVersion()` answers), read from its package.json so that
 * the rule-pack version, computed when the layer loads, does not load the parser.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ABAPLINT_VERSION: string = (require('@abaplint/core/package.json') as { version: string }).version;

/**
 * The rule pack of an ABAP analyzer with these rules and this release, without building the analyzer.
 *
 * @example
 * abapRulePackInfo(ABAP_RULES, 'v758').version; // '2.0.0-abaplint.2.120.19-…'
 */
const abapRulePackInfo = (rules: readonly AbapRuleDefinition[], release: AbapRelease): RulePackInfo => ({
  id: ABAP_RULE_PACK.id,
  version: abapRulePackVersion({ rules, release, abaplintVersion: ABAPLINT_VERSION }),
  language: Languages.ABAP,
});

export type { AbapRelease, AbapRulePackVersionInput };
export { ABAPLINT_VERSION, DEFAULT_ABAP_RELEASE, abapRulePackInfo, abapRulePackVersion };
