/**
 * Timestamps as the States Language defines them: the RFC 3339 profile of ISO 8601, with an uppercase "T" between
 * date and time and an uppercase "Z" when there is no numeric offset (`2016-03-14T01:59:00Z`,
 * `2016-03-14T01:59:00.123+02:00`).
 */

/** A parsed timestamp: whole seconds since the epoch plus nanoseconds, so fractions finer than a millisecond compare correctly. */
type Timestamp = { epochSeconds: number; nanos: number };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-](\d{2}):(\d{2}))$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number): number => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);

/**
 * Parses a timestamp, or returns undefined when the text is not one (wrong shape, lowercase "t"/"z", a month 13, a
 * 30th of February, an hour 24, …).
 *
 * @example
 * parseTimestamp('2016-03-14T01:59:00Z'); // { epochSeconds: 1457920740, nanos: 0 }
 * parseTimestamp('2016-03-14 01:59:00'); // undefined
 */
const parseTimestamp = (text: string): Timestamp | undefined => {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetSeconds = 0;
  if (match[8] !== 'Z') {
    const offsetHours = Number(match[9]);
    const offsetMinutes = Number(match[10]);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offsetSeconds = (match[8].startsWith('-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps the year as written.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  const nanos = Number((match[7] ?? '').padEnd(9, '0').slice(0, 9));
  return { epochSeconds: date.getTime() / 1000 - offsetSeconds, nanos };
};

/**
 * Orders two timestamps: negative when `left` is earlier, 0 when they are the same instant, positive when later.
 *
 * @example
 * compareTimestamps(parseTimestamp('2020-01-01T01:00:00+01:00')!, parseTimestamp('2020-01-01T00:00:00Z')!); // 0
 */
const compareTimestamps = (left: Timestamp, right: Timestamp): number =>
  left.epochSeconds === right.epochSeconds ? left.nanos - right.nanos : left.epochSeconds - right.epochSeconds;

export { compareTimestamps, parseTimestamp };
export type { Timestamp };
