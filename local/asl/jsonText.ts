/**
 * The JSON text of the values an execution carries, made once per value.
 *
 * Every transition needs the JSON of the same value several times: the size check of a state's output (256 KiB),
 * the output in its `…StateExited` event, then the size check and the `…StateEntered` event of the next state,
 * whose input is that very value. Values are never changed in place in the engine (see clone.ts), so the text of an
 * object or array can be kept beside it, weakly: it goes when the value goes.
 */

const texts = new WeakMap<object, string>();

/**
 * The JSON text of a value (`null` for undefined), computed once per object or array.
 *
 * @example
 * const text = jsonText(output); // the same string on the next call with the same object
 */
const jsonText = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
};

/** A UTF-16 code unit takes at most 3 bytes in UTF-8: a text this short cannot pass a limit, whatever it holds. */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/**
 * The size in UTF-8 bytes of a value's JSON when it is larger than `limit`, else undefined (only texts that could
 * pass the limit are measured byte by byte).
 *
 * @example
 * jsonSizeOver({ a: 1 }, 262144); // undefined
 */
const jsonSizeOver = (value: unknown, limit: number): number | undefined => {
  const text = jsonText(value);
  if (text.length * MAX_UTF8_BYTES_PER_UNIT <= limit) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > limit ? bytes : undefined;
};

/**
 * The size of a value's JSON in UTF-8 bytes, as the payload and variable limits measure it.
 *
 * @example
 * jsonBytes({ a: 'é' }); // 10
 */
const jsonBytes = (value: unknown): number => Buffer.byteLength(jsonText(value), 'utf8');

export { jsonBytes, jsonSizeOver, jsonText };
