/**
 * Intrinsics for JSON data manipulation: States.StringToJson, States.JsonToString, States.JsonMerge.
 */
import { Arguments } from './arguments';
import type { IntrinsicFunction } from './arguments';

const stringToJson: IntrinsicFunction = {
  minArgs: 1,
  maxArgs: 1,
  run: (args) => {
    const read = new Arguments('States.StringToJson', args);
    const text = read.string(0, 'JSON string');
    // Step Functions reads empty or blank text as no JSON value at all, which it returns as null.
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // The parser's message quotes the text, which may be customer data: say only what was wrong.
      return read.fail('the first argument (JSON string) is not valid JSON text');
    }
  },
};

const jsonToString: IntrinsicFunction = {
  minArgs: 1,
  maxArgs: 1,
  run: (args) => {
    const read = new Arguments('States.JsonToString', args);
    // Spec: "This Intrinsic Function takes a single argument which MUST be a Path."
    if (read.node(0).kind !== 'path') read.fail('the argument must be a Path such as $.data');
    return JSON.stringify(read.value(0));
  },
};

const jsonMerge: IntrinsicFunction = {
  minArgs: 3,
  maxArgs: 3,
  run: (args) => {
    const read = new Arguments('States.JsonMerge', args);
    const left = read.object(0, 'first JSON object');
    const right = read.object(1, 'second JSON object');
    const deep = read.boolean(2, 'deep merge');
    // "Currently, Step Functions only supports the shallow merging mode; therefore, you must specify the boolean value as false."
    if (deep) read.fail('deep merging is not supported: the third argument must be false');
    const merged: Record<string, unknown> = {};
    // defineProperty, not assignment: a "__proto__" key in JSON data is an ordinary field.
    for (const source of [left, right]) {
      for (const [key, value] of Object.entries(source)) {
        Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    return merged;
  },
};

/** This family's intrinsic functions, keyed by the name used in a definition; evaluate.ts gathers all families. */
const jsonFunctions: Readonly<Record<string, IntrinsicFunction>> = {
  'States.StringToJson': stringToJson,
  'States.JsonToString': jsonToString,
  'States.JsonMerge': jsonMerge,
};

export { jsonFunctions };
