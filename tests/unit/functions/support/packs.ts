/** Packs of units for analyze-units tests, made and stored as split-source makes and stores them. */
import { createHash } from 'node:crypto';
import { packFindingsKey, packObjectKey } from '../../../../functions/lib/run';
import { packUnits, type PackLine, type UnitSummary } from '../../../../functions/lib/source';
import type { LocalS3 } from './local-services';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/**
 * Packs the units' bodies back to back, stores the pack in S3 and returns its manifest line, with the findings key
 * split would give it under `rulePackVersion`.
 *
 * @example
 * const pack = await storePack(s3, 'acme', [{ summary, body }], { slot: '0.0.0', rulePackVersion: RULE_PACK_VERSION });
 */
const storePack = async (
  s3: LocalS3,
  customerId: string,
  members: ReadonlyArray<{ summary: UnitSummary; body: Buffer }>,
  options: { slot?: string; rulePackVersion?: string } = {},
): Promise<PackLine> => {
  const { body, units } = packUnits(members);
  const key = packObjectKey(customerId, sha256(body));
  await s3.put(key, body);
  const line = { slot: options.slot ?? '0.0.0', key, bytes: body.length, units };
  return { ...line, findingsKey: packFindingsKey(customerId, sha256(`${options.rulePackVersion ?? ''}\n${JSON.stringify(line)}`)) };
};

export { storePack };
