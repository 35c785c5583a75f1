import { gunzipSync } from 'node:zlib';

import { denseParts } from '../../../functions/lib/store/dense';

describe('Function: denseParts()', () => {
  it('writes each part as the JSON of its records, in order, every record once', () => {
    // Prepare: records with nesting, unicode and escapes, enough for several parts of 2 KB
    const records = Array.from({ length: 300 }, (_, index) => ({ unitId: `u${index}`, text: `“${'x'.repeat(index % 50)}”\n\t"q"`, nested: { list: [index, null, true], empty: {} } }));

    // Act
    const { parts, tooLarge } = denseParts(records, 2048);

    // Assess
    expect(parts.length).toBeGreaterThan(1);
    expect(tooLarge).toEqual([]);
    const decoded = parts.map((blob) => JSON.parse(gunzipSync(blob).toString('utf8')) as unknown[]);
    expect(decoded.flat()).toEqual(records);
    for (const blob of parts) {
      const text = gunzipSync(blob).toString('utf8');
      expect(text).toBe(JSON.stringify(JSON.parse(text)));
      expect(blob.byteLength).toBeLessThanOrEqual(2048);
    }
  });

  it('returns a record too large on its own apart and keeps the others', () => {
    // Prepare: one record that cannot compress under the limit
    const noise = Array.from({ length: 4000 }, (_, index) => ((index * 7919) % 65_536).toString(36)).join('');
    const records = [{ unitId: 'a' }, { unitId: 'big', noise }, { unitId: 'b' }];

    // Act
    const { parts, tooLarge } = denseParts(records, 1024);

    // Assess
    expect(tooLarge).toEqual([records[1]]);
    expect(parts.map((blob) => JSON.parse(gunzipSync(blob).toString('utf8')) as unknown[]).flat()).toEqual([records[0], records[2]]);
  });
});
