import { compareKeys, lowerBound } from '../../../../local/emulators/s3/keyOrder';

describe('Function: compareKeys()', () => {
  it('orders keys as their UTF-8 bytes order', () => {
    // Prepare
    const keys = ['b', 'a/b', 'a', '\u{1F600}', '\uFFFD', 'A', 'a+b', 'a b', 'é'];

    // Act
    const sorted = [...keys].sort(compareKeys);

    // Assess
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(sorted).toEqual(byBytes);
  });
});

describe('Function: lowerBound()', () => {
  it.each([
    ['b', true, 1],
    ['b', false, 2],
    ['bb', true, 2],
    ['0', false, 0],
    ['z', false, 3],
  ])('finds the position of %s (inclusive %s) at %i', (key, inclusive, expected) => {
    expect(lowerBound(['a', 'b', 'c'], key as string, inclusive as boolean)).toBe(expected);
  });
});
