/**
 * Units travel in packs: one S3 object per map batch holding its units' stored bodies back to back, so a batch reads
 * its code with one GET and split writes one PUT per batch instead of one per unit. The pack's index (each unit's
 * summary with the offset and length of its stored bytes) is its manifest line; each unit keeps its
 * content hash (the unitId), checked when the unit is read out of the pack.
 *
 * Which units share a pack depends on their content hashes, not on the archive's order: units are placed by the
 * leading bits of their unitId into 2^bits hash ranges (bits from the run's size), and a range too large for one
 * batch is cut into parts. A changed unit therefore changes at most the packs of two ranges, and a re-upload of the
 * same code makes the same packs: their objects are already stored, and their findings are already known.
 */
import { InvalidUnitError, PackIntegrityError } from './errors';
import type { UnitSummary } from './types';
import { parseUnit, type StoredUnit } from './unitFormat';

/** A unit in a pack: its summary and where its stored bytes lie in the pack. */
type PackedUnit = UnitSummary & { offset: number; length: number };

/**
 * One pack: one line of the run's manifest and one Distributed Map item. Ids, paths and counts; never source text.
 */
type PackLine = {
  /** The pack's place in the customer's hash space (`<bits>.<range>.<part>`): stable across runs of similar code. */
  slot: string;
  /** The pack object (content-addressed). */
  key: string;
  /** Its size: the sum of its units' lengths. */
  bytes: number;
  /** Where this pack's findings are kept under the current rule packs (content-addressed by the pack's line). */
  findingsKey: string;
  units: PackedUnit[];
};

type PackPlanOptions = {
  /** At most this many units in one pack (the run's `maxItemsPerBatch`). */
  maxUnits: number;
  /** Lines of code a pack aims at; a hash range holds between half and all of it on average. */
  targetLoc: number;
  /** Largest manifest line (Step Functions' batch input is at most 256 KiB). */
  maxLineBytes: number;
};

/**
 * 16,000 lines and 500 units: a pack is one Map child (one Standard transition and one invocation's fixed cost), and
 * at 8,000 / 250 those fixed costs were half a run's price (docs/benchmarks.md, "Re-run reuse and pack size").
 */
const PACK_DEFAULTS: PackPlanOptions = { maxUnits: 500, targetLoc: 16_000, maxLineBytes: 150 * 1024 };
/** More ranges than this would mean packs of a unit or two: a run of millions of lines has a few hundred. */
const MAX_RANGE_BITS = 16;

/** Bytes a unit adds to its pack's manifest line (its summary with an offset, and a separator). */
const lineBytesOf = (unit: UnitSummary): number => Buffer.byteLength(JSON.stringify(unit)) + 40;

/** Cuts `units` (in order) into `parts` runs of nearly equal length. */
const cut = <T>(units: readonly T[], parts: number): T[][] => {
  const out: T[][] = [];
  for (let part = 0; part < parts; part += 1) {
    out.push(units.slice(Math.floor((part * units.length) / parts), Math.floor(((part + 1) * units.length) / parts)));
  }
  return out.filter((run) => run.length > 0);
};

/**
 * Groups a run's units into packs by content hash. Every pack holds at most `maxUnits` units and a manifest line of
 * at most `maxLineBytes` (a unit alone always fits); packs come back in unitId order.
 *
 * @example
 * const packs = planPacks(result.units, { ...PACK_DEFAULTS, maxUnits: 25 });
 * packs[0]; // { slot: '5.0.0', units: [ …units whose unitId starts with 0 or 1 (bits 00000)… ] }
 */
const planPacks = (units: readonly UnitSummary[], options: Partial<PackPlanOptions> = {}): Array<{ slot: string; units: UnitSummary[] }> => {
  const { maxUnits, targetLoc, maxLineBytes } = { ...PACK_DEFAULTS, ...options };
  if (!Number.isInteger(maxUnits) || maxUnits < 1) throw new InvalidUnitError('maxUnits', 'expected a positive integer');
  const sorted = [...units].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const totalLoc = sorted.reduce((sum, unit) => sum + unit.loc, 0);
  const bits = Math.min(MAX_RANGE_BITS, Math.max(0, Math.ceil(Math.log2(Math.max(1, totalLoc / Math.max(1, targetLoc))))));
  const ranges = new Map<number, UnitSummary[]>();
  for (const unit of sorted) {
    const range = bits === 0 ? 0 : parseInt(unit.unitId.slice(0, 8), 16) >>> (32 - bits);
    const members = ranges.get(range);
    if (members) members.push(unit);
    else ranges.set(range, [unit]);
  }
  const packs: Array<{ slot: string; units: UnitSummary[] }> = [];
  for (const [range, members] of ranges) {
    const loc = members.reduce((sum, unit) => sum + unit.loc, 0);
    const lineBytes = members.reduce((sum, unit) => sum + lineBytesOf(unit), 0);
    let parts = Math.max(Math.ceil(members.length / maxUnits), Math.ceil(loc / (2 * Math.max(1, targetLoc))), Math.ceil(lineBytes / maxLineBytes));
    let runs = cut(members, parts);
    while (runs.some((run) => run.length > 1 && run.reduce((sum, unit) => sum + lineBytesOf(unit), 0) > maxLineBytes)) runs = cut(members, (parts += 1));
    runs.forEach((run, part) => packs.push({ slot: `${bits}.${range.toString(16)}.${part}`, units: run }));
  }
  return packs;
};

/**
 * Lays units' stored bodies back to back: the pack's bytes, and each unit's summary with its offset.
 *
 * @example
 * const { body, units } = packUnits(plan.units.map((summary) => ({ summary, body: bodies.get(summary.unitId)! })));
 */
const packUnits = (members: ReadonlyArray<{ summary: UnitSummary; body: Buffer }>): { body: Buffer; units: PackedUnit[] } => {
  let offset = 0;
  const units = members.map(({ summary, body }) => {
    const packed: PackedUnit = { ...summary, offset, length: body.length };
    offset += body.length;
    return packed;
  });
  return { body: Buffer.concat(members.map((member) => member.body), offset), units };
};

/**
 * Reads one unit out of a pack and checks it: its byte range lies inside the pack, and its bytes hash to its unitId.
 *
 * @throws PackIntegrityError when the range does not lie inside the pack
 * @throws UnitIntegrityError when the bytes do not hash to the unitId (the pack was altered or mixed up)
 * @throws InvalidUnitError when the bytes are not a stored unit
 * @example
 * const stored = readPackedUnit(await blobs.get(bucket, pack.key), pack.key, pack.units[0]);
 */
const readPackedUnit = (pack: Buffer, packKey: string, unit: PackedUnit): StoredUnit & { unitId: string } => {
  const { offset, length } = unit;
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 1 || offset + length > pack.length) {
    throw new PackIntegrityError(packKey, `unit ${unit.unitId} at bytes ${offset}+${length} lies outside its ${pack.length} bytes`);
  }
  return parseUnit(pack.subarray(offset, offset + length), unit.unitId);
};

export { PACK_DEFAULTS, packUnits, planPacks, readPackedUnit };
export type { PackedUnit, PackLine, PackPlanOptions };
