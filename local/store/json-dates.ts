/**
 * JSON that keeps `Date`s: the store's records and history events carry Dates (the Step Functions API's
 * timestamps), which plain JSON would turn into strings. A Date is written as `{"$date":"<ISO 8601>"}` and read
 * back as a Date. Records hold customer data only inside JSON *strings* (input, output), so no stored object
 * can be mistaken for a tagged Date.
 */

const DATE_TAG = '$date';

/**
 * Serializes a value, tagging Dates.
 *
 * @example
 * stringifyWithDates({ at: new Date(0) }); // '{"at":{"$date":"1970-01-01T00:00:00.000Z"}}'
 */
const stringifyWithDates = (value: unknown): string =>
  JSON.stringify(value, function replace(this: Record<string, unknown>, key: string, replaced: unknown) {
    // The replacer sees the result of Date.prototype.toJSON; the holder still has the Date.
    const raw = key === '' ? value : this[key];
    return raw instanceof Date ? { [DATE_TAG]: raw.toISOString() } : replaced;
  });

/**
 * Parses JSON written by {@link stringifyWithDates}, turning tagged Dates back into Dates.
 *
 * @example
 * parseWithDates<{ at: Date }>('{"at":{"$date":"1970-01-01T00:00:00.000Z"}}').at.getTime(); // 0
 */
const parseWithDates = <T>(text: string): T =>
  JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const tagged = (value as Record<string, unknown>)[DATE_TAG];
      if (keys.length === 1 && typeof tagged === 'string') return new Date(tagged);
    }
    return value;
  }) as T;

export { parseWithDates, stringifyWithDates };
