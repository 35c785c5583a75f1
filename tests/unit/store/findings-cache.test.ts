/** FindingsCache against dynalite with the table of template.yaml: dense items per pack slot. */
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CACHE_TTL_DAYS, FindingsCache } from '../../../functions/lib/store/findings-cache';
import { cacheKey, cachePartition } from '../../../functions/lib/store';
import { derivedDataSealer, rawAesKeyring } from '../../../functions/lib/crypto';
import { startLocalTable, type LocalTable } from '../functions/support/local-services';

const NOW = new Date('2024-05-01T12:00:00.000Z');
const VERSION = '1.0.0-abc123def456';

const analysis = (ruleId: string) => ({
  findings: [{ ruleId, severity: 'major', message: 'Table KONV is replaced by PRCD_ELEMENTS', file: 'zprog.prog.abap', line: 3, column: 5, effortMinutes: 30 }],
  loc: 12,
  omittedFindings: 0,
  effortMinutes: 30,
  names: ['zprog.prog.abap'],
});

const id = (n: number): string => n.toString(16).padStart(64, '0');

/** Incompressible text, so that one analysis is larger than an item once gzipped. */
const huge = () => ({ ...analysis('h'), findings: [{ ...analysis('h').findings[0], message: randomBytes(400 * 1024).toString('base64') }] });

describe('Class: FindingsCache', () => {
  let ddb: LocalTable;
  let cache: FindingsCache;

  const itemsOf = async (customerId: string, version: string) =>
    (await ddb.documents.send(new QueryCommand({ TableName: ddb.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': cachePartition(customerId, version) } }))).Items ?? [];

  beforeAll(async () => {
    ddb = await startLocalTable();
    cache = new FindingsCache(ddb.documents, ddb.table, () => NOW);
  });

  afterAll(async () => {
    await ddb?.stop();
  });

  it('returns what was cached for a slot, keyed by unit id, and nothing for a slot never cached', async () => {
    // Prepare
    await cache.putSlot('acme', VERSION, '3.1.0', [{ unitId: id(1), analysis: analysis('s4_simplified_table') }]);

    // Act
    const hits = await cache.getSlot<ReturnType<typeof analysis>>('acme', VERSION, '3.1.0');
    const none = await cache.getSlot('acme', VERSION, '3.2.0');

    // Assess
    expect([...hits.entries()]).toEqual([[id(1), analysis('s4_simplified_table')]]);
    expect(none.size).toBe(0);
  });

  it('keeps a slot’s units in one dense item, gzipped, with the time cached and a TTL', async () => {
    // Prepare
    const entries = Array.from({ length: 40 }, (_, i) => ({ unitId: id(100 + i), analysis: analysis(`rule_${i}`) }));
    await cache.putSlot('acme', VERSION, '3.3.0', entries);

    // Act
    const { Item } = await ddb.documents.send(new GetCommand({ TableName: ddb.table, Key: cacheKey('acme', VERSION, '3.3.0', 0) }));

    // Assess
    expect(Item!.PK).toBe(`CUSTOMER#acme#CACHE#${VERSION}`);
    expect(Item!.SK).toBe('PACK#3.3.0#0');
    expect(Item!.analyses).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(gunzipSync(Item!.analyses).toString('utf8'))).toEqual(entries);
    expect(Item!.cachedAt).toBe(NOW.toISOString());
    expect(Item!.expiresAt).toBe(NOW.getTime() / 1000 + CACHE_TTL_DAYS * 86_400);
  });

  it('does not mistake slot 1.2.1 for a prefix of slot 1.2.10', async () => {
    // Prepare
    await cache.putSlot('acme', VERSION, '1.2.10', [{ unitId: id(2), analysis: analysis('a') }]);

    // Act
    const hits = await cache.getSlot('acme', VERSION, '1.2.1');

    // Assess
    expect(hits.size).toBe(0);
  });

  it('keeps one customer’s cache from another customer', async () => {
    // Prepare
    await cache.putSlot('acme', VERSION, '0.0.0', [{ unitId: id(4), analysis: analysis('a') }]);

    // Act
    const theirs = await cache.getSlot('globex', VERSION, '0.0.0');

    // Assess
    expect(theirs.size).toBe(0);
  });

  it('misses under another rule-pack version', async () => {
    // Prepare
    await cache.putSlot('acme', VERSION, '0.0.1', [{ unitId: id(5), analysis: analysis('a') }]);

    // Act
    const hits = await cache.getSlot('acme', '2.0.0-000000000000', '0.0.1');

    // Assess
    expect(hits.size).toBe(0);
  });

  it('splits a slot over several items when one would pass the item limit, and reads them all back', async () => {
    // Prepare: about 1 MB of incompressible findings over 30 units.
    const entries = Array.from({ length: 30 }, (_, i) => ({
      unitId: id(3000 + i),
      analysis: { ...analysis(`r${i}`), findings: [{ ...analysis(`r${i}`).findings[0], message: randomBytes(24 * 1024).toString('base64') }] },
    }));

    // Act
    const tooLarge = await cache.putSlot('big', VERSION, '2.0.0', entries);
    const hits = await cache.getSlot<ReturnType<typeof analysis>>('big', VERSION, '2.0.0');

    // Assess
    expect(tooLarge).toEqual([]);
    const items = await itemsOf('big', VERSION);
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) expect((item.analyses as Uint8Array).byteLength).toBeLessThan(400 * 1024);
    expect(hits.size).toBe(30);
    expect(hits.get(id(3007))?.findings[0].ruleId).toBe('r7');
  });

  it('leaves out and names an analysis too large for an item on its own, caching the others', async () => {
    // Prepare
    const entries = [
      { unitId: id(6), analysis: analysis('a') },
      { unitId: id(7), analysis: huge() },
    ];

    // Act
    const tooLarge = await cache.putSlot('acme', VERSION, '4.0.0', entries);

    // Assess
    expect(tooLarge).toEqual([id(7)]);
    expect([...(await cache.getSlot('acme', VERSION, '4.0.0')).keys()]).toEqual([id(6)]);
  });

  it('writes a run’s cache in few requests: one item per slot of 100 units', async () => {
    // Prepare
    const send = jest.spyOn(ddb.documents, 'send');
    const entries = Array.from({ length: 100 }, (_, i) => ({ unitId: id(9000 + i), analysis: analysis(`r${i}`) }));

    // Act
    await cache.putSlot('dense', VERSION, '5.0.0', entries);

    // Assess
    expect(send).toHaveBeenCalledTimes(1);
    send.mockRestore();
    expect(await itemsOf('dense', VERSION)).toHaveLength(1);
  });

  describe('sealed under the customer’s key', () => {
    const acmeKey = rawAesKeyring('acme', randomBytes(32));
    const sealed = () => new FindingsCache(ddb.documents, ddb.table, () => NOW, derivedDataSealer(acmeKey, 'acme', 'findings-cache'));

    it('stores nothing readable: no rule, message or name of the code appears in the item', async () => {
      // Prepare
      await sealed().putSlot('acme', VERSION, '6.0.0', [{ unitId: id(20), analysis: { ...analysis('s4_simplified_table'), facts: { modules: ['shopAdminModule'] } } }]);

      // Act
      const { Item } = await ddb.documents.send(new GetCommand({ TableName: ddb.table, Key: cacheKey('acme', VERSION, '6.0.0', 0) }));
      const hits = await sealed().getSlot<Record<string, unknown>>('acme', VERSION, '6.0.0');

      // Assess
      const stored = Buffer.from(Item!.analyses as Uint8Array);
      expect(() => gunzipSync(stored)).toThrow();
      expect(stored.toString('latin1')).not.toMatch(/shopAdminModule|s4_simplified_table|KONV|zprog/);
      expect(hits.get(id(20))).toMatchObject({ facts: { modules: ['shopAdminModule'] } });
    });

    it('reads items sealed under another key, or written unsealed, as misses: the units are analysed again', async () => {
      // Prepare
      const impostor = new FindingsCache(ddb.documents, ddb.table, () => NOW, derivedDataSealer(rawAesKeyring('acme', randomBytes(32)), 'acme', 'findings-cache'));
      await impostor.putSlot('acme', VERSION, '6.1.0', [{ unitId: id(21), analysis: analysis('obsolete_statement') }]);
      await cache.putSlot('acme', VERSION, '6.2.0', [{ unitId: id(22), analysis: analysis('obsolete_statement') }]);

      // Act
      const hits = [...(await sealed().getSlot('acme', VERSION, '6.1.0')).keys(), ...(await sealed().getSlot('acme', VERSION, '6.2.0')).keys()];

      // Assess
      expect(hits).toEqual([]);
    });

    it('does not open a value sealed for another customer, even with the same key material', async () => {
      // Prepare
      const material = randomBytes(32);
      const sealedForGlobex = await derivedDataSealer(rawAesKeyring('acme', material), 'globex', 'findings-cache').seal(Buffer.from('x'));

      // Act + Assess
      await expect(derivedDataSealer(rawAesKeyring('acme', material), 'acme', 'findings-cache').open(sealedForGlobex)).rejects.toThrow();
    });
  });
});
