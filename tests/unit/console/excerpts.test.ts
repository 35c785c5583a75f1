/**
 * ExcerptReader: a finding's line and the lines around it from the run's pack of units (or, for runs before packs,
 * the stored unit), highlighted, the line marked; a clear reason instead when the unit or the line is not there.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { ExcerptReader, highlightLines } from '../../../local/console/excerpts';
import { serializeUnit, unitIdOf } from '../../../functions/lib/source/unitFormat';
import { packUnits } from '../../../functions/lib/source/packs';

const REPORT = ['REPORT zsd_orders.', '* reads orders', 'DATA lt_vbak TYPE TABLE OF vbak.', "SELECT * FROM vbuk INTO TABLE @DATA(lt_vbuk) WHERE vbeln = '1'.", 'LOOP AT lt_vbuk INTO DATA(ls).', 'ENDLOOP.', 'WRITE / `<done> & "ok"`.'].join('\n');

/** An S3 client that holds one customer's units (the unit test of one module: the stored objects are what matter). */
const storedUnits = (units: Record<string, Buffer>): { client: S3Client; keys: string[] } => {
  const keys: string[] = [];
  const client = {
    send: async (command: { input: { Key: string } }) => {
      keys.push(command.input.Key);
      const body = units[command.input.Key];
      if (!body) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
      return { Body: { transformToByteArray: async () => new Uint8Array(body) } };
    },
  } as unknown as S3Client;
  return { client, keys };
};

describe('Class: ExcerptReader', () => {
  const body = serializeUnit({ language: 'abap', objectType: 'PROG', objectName: 'ZSD_ORDERS', files: [{ name: 'zsd_orders.prog.abap', text: REPORT }, { name: 'zsd_orders.prog.xml', text: '<xml/>' }] });
  const unitId = unitIdOf(body);

  it('cuts three lines around the finding’s line, marks it, and highlights ABAP', async () => {
    // Prepare
    const { client, keys } = storedUnits({ [`units/acme/${unitId}`]: body });
    const reader = new ExcerptReader({ s3: client, bucket: 'data' }, 'acme', 'before-packs');

    // Act
    const excerpt = await reader.excerpt(unitId, { file: 'src/sd/zsd_orders.prog.abap', line: 4 });
    await reader.excerpt(unitId, { file: 'src/sd/zsd_orders.prog.abap', line: 7 });

    // Assess
    expect(excerpt).toMatchObject({ file: 'zsd_orders.prog.abap' });
    const lines = (excerpt as { lines: Array<{ number: number; html: string; marked: boolean }> }).lines;
    expect(lines.map((line) => line.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines.filter((line) => line.marked).map((line) => line.number)).toEqual([4]);
    expect(lines[3].html).toContain('<span class="token keyword">SELECT</span>');
    expect(lines[3].html.replace(/<[^>]+>/g, '')).toBe("SELECT * FROM vbuk INTO TABLE @DATA(lt_vbuk) WHERE vbeln = &#39;1&#39;.");
    expect(lines[1].html).toBe('<span class="token comment">* reads orders</span>');
    expect(lines[6].html).not.toContain('<done>');
    expect(keys).toEqual(['runs/acme/before-packs/packs.jsonl', `units/acme/${unitId}`]);
  });

  it('reads a unit out of the run’s pack, found through the pack index, and reads the pack once', async () => {
    // Prepare: the unit packed after another one, as split packs them.
    const other = serializeUnit({ language: 'abap', objectType: 'PROG', objectName: 'ZOTHER', files: [{ name: 'zother.prog.abap', text: 'REPORT zother.' }] });
    const summary = (id: string, bytes: number) => ({ unitId: id, language: 'abap' as const, path: `src/${id}.abap`, files: [`src/${id}.abap`], loc: 1, bytes });
    const { body: pack, units } = packUnits([{ summary: summary(unitIdOf(other), other.length), body: other }, { summary: summary(unitId, body.length), body }]);
    const index = `${JSON.stringify({ slot: '0.0.0', key: 'units/acme/packs/p1', bytes: pack.length, findingsKey: 'units/acme/findings/f.json', units })}\n`;
    const { client, keys } = storedUnits({ 'runs/acme/r1/packs.jsonl': Buffer.from(index), 'units/acme/packs/p1': pack });
    const reader = new ExcerptReader({ s3: client, bucket: 'data' }, 'acme', 'r1');

    // Act
    const excerpt = await reader.excerpt(unitId, { file: 'src/sd/zsd_orders.prog.abap', line: 4 });
    const otherExcerpt = await reader.excerpt(unitIdOf(other), { file: 'src/zother.prog.abap', line: 1 });

    // Assess
    expect(excerpt).toMatchObject({ file: 'zsd_orders.prog.abap', lines: expect.arrayContaining([expect.objectContaining({ number: 4, marked: true })]) });
    expect(otherExcerpt).toMatchObject({ file: 'zother.prog.abap' });
    expect(keys).toEqual(['runs/acme/r1/packs.jsonl', 'units/acme/packs/p1']);
  });

  it('finds a plain .abap file stored under its program name', async () => {
    // Prepare
    const { client } = storedUnits({ [`units/acme/${unitId}`]: body });

    // Act
    const excerpt = await new ExcerptReader({ s3: client, bucket: 'data' }, 'acme', 'before-packs').excerpt(unitId, { file: 'legacy/ZSD_ORDERS.abap', line: 1 });

    // Assess
    expect(excerpt).toMatchObject({ file: 'zsd_orders.prog.abap' });
  });

  it.each([
    ['a unit no longer stored', 'f'.repeat(64), 3, 'The unit’s source is no longer stored.'],
    ['a line past the end', unitId, 40, 'Line 40 is past the end of zsd_orders.prog.abap (7 lines).'],
  ])('says why there is no excerpt for %s', async (_case, id, line, reason) => {
    // Prepare
    const { client } = storedUnits({ [`units/acme/${unitId}`]: body });

    // Act
    const excerpt = await new ExcerptReader({ s3: client, bucket: 'data' }, 'acme', 'before-packs').excerpt(id, { file: 'src/zsd_orders.prog.abap', line });

    // Assess
    expect(excerpt).toEqual({ unavailable: reason });
  });
});

describe('Function: highlightLines()', () => {
  it('colours a token that spans lines on each of its lines', () => {
    // Act
    const lines = highlightLines('/* first\n second */ const x = 1;', 'javascript');

    // Assess
    expect(lines).toEqual(['<span class="token comment">/* first</span>', '<span class="token comment"> second */</span> <span class="token keyword">const</span> x <span class="token operator">=</span> <span class="token number">1</span><span class="token punctuation">;</span>']);
  });

  it('escapes the text of a language it has no grammar for', () => {
    expect(highlightLines('<a href="x">', 'cobol')).toEqual(['&lt;a href=&quot;x&quot;&gt;']);
  });
});
