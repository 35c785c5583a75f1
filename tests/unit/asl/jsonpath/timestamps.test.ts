import { compareTimestamps, parseTimestamp } from '../../../../local/asl/jsonpath';

describe('Function: parseTimestamp()', () => {
  it.each([
    ['2016-03-14T01:59:00Z', 1457920740, 0],
    ['2016-03-14T01:59:00.5Z', 1457920740, 500_000_000],
    ['2016-03-14T01:59:00.123456789Z', 1457920740, 123_456_789],
    ['2016-03-14T03:59:00+02:00', 1457920740, 0],
    ['2016-03-13T23:59:00-02:00', 1457920740, 0],
    ['2024-02-29T00:00:00Z', 1709164800, 0],
    ['1970-01-01T00:00:00Z', 0, 0],
  ])('parses %s', (text, epochSeconds, nanos) => {
    expect(parseTimestamp(text)).toEqual({ epochSeconds, nanos });
  });

  it.each([
    ['a lowercase t', '2016-03-14t01:59:00Z'],
    ['a lowercase z', '2016-03-14T01:59:00z'],
    ['no zone', '2016-03-14T01:59:00'],
    ['a space separator', '2016-03-14 01:59:00Z'],
    ['a date only', '2016-03-14'],
    ['month 13', '2016-13-14T01:59:00Z'],
    ['the 30th of February', '2016-02-30T01:59:00Z'],
    ['the 29th of February in a common year', '2023-02-29T00:00:00Z'],
    ['hour 24', '2016-03-14T24:00:00Z'],
    ['minute 60', '2016-03-14T01:60:00Z'],
    ['an offset without a colon', '2016-03-14T01:59:00+0200'],
    ['an empty fraction', '2016-03-14T01:59:00.Z'],
  ])('rejects %s', (_, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});

describe('Function: compareTimestamps()', () => {
  it.each([
    ['2020-01-01T01:00:00+01:00', '2020-01-01T00:00:00Z', 0],
    ['2020-01-01T00:00:00.000000001Z', '2020-01-01T00:00:00Z', 1],
    ['2019-12-31T23:59:59.999Z', '2020-01-01T00:00:00Z', -1],
  ])('orders %s against %s', (left, right, sign) => {
    expect(Math.sign(compareTimestamps(parseTimestamp(left)!, parseTimestamp(right)!))).toBe(sign);
  });
});
