/** planPacks(), packUnits() and readPackedUnit(): which units share a pack, the pack's bytes, and the checks on read. */
import { createHash } from 'node:crypto';
import { PACK_DEFAULTS, packUnits, planPacks, readPackedUnit, serializeUnit, unitIdOf, type UnitSummary } from '../../../functions/lib/source';

/** A unit summary with a hash-like id made from `seed`. */
const unit = (seed: string, loc = 100): UnitSummary => {
  const unitId = createHash('sha256').update(seed).digest('hex');
  return { unitId, language: 'abap', path: `src/${seed}.prog.abap`, files: [`src/${seed}.prog.abap`], loc, bytes: 10 };
};
const units = (count: number, prefix = 'u', loc = 100): UnitSummary[] => Array.from({ length: count }, (_, i) => unit(`${prefix}${i}`, loc));
const slotsOf = (packs: ReturnType<typeof planPacks>): Map<string, string> => new Map(packs.flatMap((pack) => pack.units.map((member) => [member.unitId, pack.slot])));

describe('Function: planPacks()', () => {
  it('puts every unit in exactly one pack, none over the unit limit, about the target lines each', () => {
    // Prepare: 200,000 lines in 1,500 units.
    const all = units(1_500, 'u', 133);

    // Act
    const packs = planPacks(all, { maxUnits: 250 });

    // Assess
    expect(packs.flatMap((pack) => pack.units.map((member) => member.unitId)).sort()).toEqual(all.map((member) => member.unitId).sort());
    expect(Math.max(...packs.map((pack) => pack.units.length))).toBeLessThanOrEqual(250);
    const lines = packs.map((pack) => pack.units.reduce((sum, member) => sum + member.loc, 0));
    expect(lines.reduce((sum, value) => sum + value, 0) / packs.length).toBeGreaterThan(PACK_DEFAULTS.targetLoc / 2);
    expect(Math.max(...lines)).toBeLessThanOrEqual(2 * PACK_DEFAULTS.targetLoc);
  });

  it('keeps every unit in its pack when the archive’s order changes', () => {
    // Act
    const forward = planPacks(units(300), { maxUnits: 25 });
    const backward = planPacks(units(300).reverse(), { maxUnits: 25 });

    // Assess
    expect(backward).toEqual(forward);
  });

  it('changes only the packs of the changed unit’s hash ranges when one unit changes', () => {
    // Prepare: the same code base with one unit replaced by a new version of it.
    const before = units(1_000);
    const after = [...before.slice(1), unit('u0-changed')];

    // Act
    const first = planPacks(before, { maxUnits: 250 });
    const second = planPacks(after, { maxUnits: 250 });

    // Assess: at most the pack that lost the old version and the one that gained the new one differ.
    const firstIds = new Set(first.map((pack) => pack.units.map((member) => member.unitId).join()));
    const changed = second.filter((pack) => !firstIds.has(pack.units.map((member) => member.unitId).join()));
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(second.length).toBe(first.length);
    // The unchanged units stay in the slot they had, so the findings cache finds them there.
    const slotsBefore = slotsOf(first);
    const moved = [...slotsOf(second)].filter(([unitId, slot]) => slotsBefore.has(unitId) && slotsBefore.get(unitId) !== slot);
    expect(moved).toEqual([]);
  });

  it('keeps a pack’s manifest line under the batch input limit, a unit with long paths alone if need be', () => {
    // Prepare: units with 40 KB of paths each.
    const long = units(12).map((member, i) => ({ ...member, files: Array.from({ length: 200 }, (_, n) => `src/${'x'.repeat(180)}/${i}-${n}.abap`) }));

    // Act
    const packs = planPacks(long, { maxUnits: 250 });

    // Assess
    for (const pack of packs) expect(Buffer.byteLength(JSON.stringify(pack.units))).toBeLessThanOrEqual(PACK_DEFAULTS.maxLineBytes);
    expect(packs.flatMap((pack) => pack.units)).toHaveLength(12);
  });

  it('refuses a unit limit that is not a positive integer', () => {
    expect(() => planPacks(units(3), { maxUnits: 0 })).toThrow(/maxUnits/);
  });
});

describe('Functions: packUnits() and readPackedUnit()', () => {
  const contents = ['zfirst', 'zsecond', 'zthird'].map((name) =>
    serializeUnit({ language: 'abap', objectType: 'PROG', objectName: name.toUpperCase(), files: [{ name: `${name}.prog.abap`, text: `REPORT ${name}.\nWRITE 'ok'.\n` }] }),
  );
  const members = contents.map((body, i) => ({ summary: { ...unit(`m${i}`), unitId: unitIdOf(body), bytes: body.length }, body }));

  it('lays the units back to back and reads each back, checked against its content hash', () => {
    // Act
    const { body, units: packed } = packUnits(members);

    // Assess
    expect(body.length).toBe(contents.reduce((sum, content) => sum + content.length, 0));
    expect(packed.map((member) => [member.offset, member.length])).toEqual([
      [0, contents[0].length],
      [contents[0].length, contents[1].length],
      [contents[0].length + contents[1].length, contents[2].length],
    ]);
    expect(packed.map((member) => readPackedUnit(body, 'units/acme/packs/p', member).objectName)).toEqual(['ZFIRST', 'ZSECOND', 'ZTHIRD']);
  });

  it('refuses a unit whose bytes in the pack do not hash to its id, naming the unit', () => {
    // Prepare: one byte of the second unit changed.
    const { body, units: packed } = packUnits(members);
    const corrupt = Buffer.from(body);
    corrupt[packed[1].offset + 40] ^= 0x01;

    // Act + Assess
    expect(() => readPackedUnit(corrupt, 'units/acme/packs/p', packed[1])).toThrow(expect.objectContaining({ name: 'UnitIntegrityError', expected: packed[1].unitId }));
    expect(readPackedUnit(corrupt, 'units/acme/packs/p', packed[0]).objectName).toBe('ZFIRST');
  });

  it('refuses a range that lies outside a truncated pack, naming the pack and the unit', () => {
    // Prepare
    const { body, units: packed } = packUnits(members);

    // Act + Assess
    expect(() => readPackedUnit(body.subarray(0, body.length - 5), 'units/acme/packs/p', packed[2])).toThrow(
      expect.objectContaining({ name: 'PackIntegrityError', packKey: 'units/acme/packs/p', message: expect.stringContaining(packed[2].unitId) }),
    );
  });
});
