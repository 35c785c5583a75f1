import type { Version } from '@abaplint/core';

import { ENGINE_VERSION } from '../constants';
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

export type { AbapRelease, AbapRulePackVersionInput };
export { abapRulePackVersion };
