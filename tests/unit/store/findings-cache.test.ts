/** FindingsCache against dynalite with the table of template.yaml. */
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CACHE_TTL_DAYS, FindingsCache } from '../../../functions/lib/store/findings-cache';
import { cacheKey } from '../../../functions/lib/store';
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

describe('Class: FindingsCache', () => {
  let ddb: LocalTable;
  let cache: FindingsCache;

  beforeAll(async () => {
    ddb = await startLocalTable();
    cache = new FindingsCache(ddb.documents, ddb.table, () => NOW);
  });

  afterAll(async () => {
    await ddb?.stop();
  });

  it('returns what was cached, keyed by unit id, and nothing for units never cached', async () => {
    // Prepare
    await cache.put('acme', VERSION, { unitId: id(1), analysis: analysis('s4_simplified_table') });

    // Act
    const hits = await cache.getMany<ReturnType<typeof analysis>>('acme', VERSION, [id(1), id(2)]);

    // Assess
    expect([...hits.entries()]).toEqual([[id(1), analysis('s4_simplified_table')]]);
  });

  it('stores the analysis gzipped, with the time cached and a TTL', async () => {
    // Prepare
    await cache.put('acme', VERSION, { unitId: id(3), analysis: analysis('obsolete_statement') });

    // Act
    const { Item } = await ddb.documents.send(new GetCommand({ TableName: ddb.table, Key: cacheKey('acme', VERSION, id(3)) }));

    // Assess
    expect(Item!.PK).toBe(`CUSTOMER#acme#CACHE#${VERSION}`);
    expect(Item!.analysis).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(gunzipSync(Item!.analysis).toString('utf8'))).toEqual(analysis('obsolete_statement'));
    expect(Item!.cachedAt).toBe(NOW.toISOString());
    expect(Item!.expiresAt).toBe(NOW.getTime() / 1000 + CACHE_TTL_DAYS * 86_400);
  });

  it('keeps one customer’s cache from another customer', async () => {
    // Prepare
    await cache.put('acme', VERSION, { unitId: id(4), analysis: analysis('a') });

    // Act
    const theirs = await cache.getMany('globex', VERSION, [id(4)]);

    // Assess
    expect(theirs.size).toBe(0);
  });

  it('misses under another rule-pack version', async () => {
    // Prepare
    await cache.put('acme', VERSION, { unitId: id(5), analysis: analysis('a') });

    // Act
    const hits = await cache.getMany('acme', '2.0.0-000000000000', [id(5)]);

    // Assess
    expect(hits.size).toBe(0);
  });

  it('does not cache an analysis too large for one item, and says so', async () => {
    // Prepare: incompressible text well over the cached size once gzipped.
    const huge = { ...analysis('a'), findings: [{ ...analysis('a').findings[0], message: randomBytes(400 * 1024).toString('base64') }] };

    // Act
    const cached = await cache.put('acme', VERSION, { unitId: id(6), analysis: huge });

    // Assess
    expect(cached).toBe(false);
    expect((await cache.getMany('acme', VERSION, [id(6)])).size).toBe(0);
  });

  it('reads more units than one BatchGetItem takes, and repeated ids once', async () => {
    // Prepare
    const ids = Array.from({ length: 150 }, (_, i) => id(1000 + i));
    for (const unitId of ids.filter((_, i) => i % 10 === 0)) await cache.put('acme', VERSION, { unitId, analysis: analysis('a') });

    // Act
    const hits = await cache.getMany('acme', VERSION, [...ids, ids[0], ids[10]]);

    // Assess
    expect([...hits.keys()].sort()).toEqual(ids.filter((_, i) => i % 10 === 0).sort());
  });

  it('caches many analyses in batch writes, leaving out and naming those too large', async () => {
    // Prepare: more entries than one BatchWriteItem takes, one of them too large
    const ids = Array.from({ length: 60 }, (_, i) => id(5000 + i));
    const huge = { ...analysis('h'), findings: [{ ...analysis('h').findings[0], message: randomBytes(400 * 1024).toString('base64') }] };
    const entries = ids.map((unitId, i) => ({ unitId, analysis: i === 7 ? huge : analysis(`r${i}`) }));

    // Act
    const tooLarge = await cache.putMany('acme', VERSION, entries);

    // Assess
    expect(tooLarge).toEqual([ids[7]]);
    const hits = await cache.getMany<ReturnType<typeof analysis>>('acme', VERSION, ids);
    expect(hits.size).toBe(59);
    expect(hits.get(ids[8])?.findings[0].ruleId).toBe('r8');
  });

  describe('sealed under the customer’s key', () => {
    const acmeKey = rawAesKeyring('acme', randomBytes(32));
    const sealed = () => new FindingsCache(ddb.documents, ddb.table, () => NOW, derivedDataSealer(acmeKey, 'acme', 'findings-cache'));

    it('stores nothing readable: no rule, message or name of the code appears in the item', async () => {
      // Prepare
      await sealed().put('acme', VERSION, { unitId: id(20), analysis: { ...analysis('s4_simplified_table'), facts: { modules: ['shopAdminModule'] } } });

      // Act
      const { Item } = await ddb.documents.send(new GetCommand({ TableName: ddb.table, Key: cacheKey('acme', VERSION, id(20)) }));
      const hits = await sealed().getMany<Record<string, unknown>>('acme', VERSION, [id(20)]);

      // Assess
      const stored = Buffer.from(Item!.analysis as Uint8Array);
      expect(() => gunzipSync(stored)).toThrow();
      expect(stored.toString('latin1')).not.toMatch(/shopAdminModule|s4_simplified_table|KONV|zprog/);
      expect(hits.get(id(20))).toMatchObject({ facts: { modules: ['shopAdminModule'] } });
    });

    it('reads entries sealed under another key, or written unsealed, as misses: the unit is analysed again', async () => {
      // Prepare
      const impostor = new FindingsCache(ddb.documents, ddb.table, () => NOW, derivedDataSealer(rawAesKeyring('acme', randomBytes(32)), 'acme', 'findings-cache'));
      await impostor.put('acme', VERSION, { unitId: id(21), analysis: analysis('obsolete_statement') });
      await cache.put('acme', VERSION, { unitId: id(22), analysis: analysis('obsolete_statement') });

      // Act
      const hits = await sealed().getMany('acme', VERSION, [id(21), id(22)]);

      // Assess
      expect(hits.size).toBe(0);
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
