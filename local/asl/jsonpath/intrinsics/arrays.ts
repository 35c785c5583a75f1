/**
 * Intrinsics for arrays (AWS Step Functions developer guide, "Intrinsics for arrays"): States.Array,
 * States.ArrayPartition, States.ArrayContains, States.ArrayRange, States.ArrayGetItem, States.ArrayLength,
 * States.ArrayUnique.
 */
import { canonicalKey, jsonEquals } from '../jsonValues';
import { Arguments } from './arguments';
import type { IntrinsicFunction } from './arguments';

/** "The new array can contain up to 1000 elements." */
const ARRAY_RANGE_LIMIT = 1000;

const array: IntrinsicFunction = {
  minArgs: 0,
  maxArgs: Infinity,
  run: (args) => args.map((arg) => arg.value),
};

const arrayPartition: IntrinsicFunction = {
  minArgs: 2,
  maxArgs: 2,
  run: (args) => {
    const read = new Arguments('States.ArrayPartition', args);
    const items = read.array(0, 'array');
    const size = read.integer(1, 'chunk size');
    if (size <= 0) read.fail(`the second argument (chunk size) must be a positive integer, but it is ${size}`);
    const chunks: unknown[][] = [];
    for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
    return chunks;
  },
};

const arrayContains: IntrinsicFunction = {
  minArgs: 2,
  maxArgs: 2,
  run: (args) => {
    const read = new Arguments('States.ArrayContains', args);
    const items = read.array(0, 'array');
    const wanted = read.value(1);
    return items.some((item) => jsonEquals(item, wanted));
  },
};

const arrayRange: IntrinsicFunction = {
  minArgs: 3,
  maxArgs: 3,
  run: (args) => {
    const read = new Arguments('States.ArrayRange', args);
    const first = read.integer(0, 'first element');
    const last = read.integer(1, 'final element');
    const step = read.integer(2, 'increment');
    if (step === 0) read.fail('the third argument (increment) must not be 0');
    // The range ends at the last element the increment reaches without passing the final element.
    const count = (step > 0 ? last >= first : last <= first) ? Math.floor((last - first) / step) + 1 : 0;
    if (count > ARRAY_RANGE_LIMIT) {
      read.fail(`the range would have ${count} elements; the new array can contain at most ${ARRAY_RANGE_LIMIT}`);
    }
    return Array.from({ length: count }, (_, index) => first + index * step);
  },
};

const arrayGetItem: IntrinsicFunction = {
  minArgs: 2,
  maxArgs: 2,
  run: (args) => {
    const read = new Arguments('States.ArrayGetItem', args);
    const items = read.array(0, 'array');
    const index = read.integer(1, 'index');
    if (index < 0) read.fail(`the second argument (index) must not be negative, but it is ${index}`);
    if (index >= items.length) read.fail(`the index ${index} is out of bounds for an array of length ${items.length}`);
    return items[index];
  },
};

const arrayLength: IntrinsicFunction = {
  minArgs: 1,
  maxArgs: 1,
  run: (args) => new Arguments('States.ArrayLength', args).array(0, 'array').length,
};

const arrayUnique: IntrinsicFunction = {
  minArgs: 1,
  maxArgs: 1,
  run: (args) => {
    const items = new Arguments('States.ArrayUnique', args).array(0, 'array');
    const seen = new Set<string>();
    // Keeps the first occurrence of each value, in order.
    return items.filter((item) => {
      const key = canonicalKey(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
};

/** This family's intrinsic functions, keyed by the name used in a definition; evaluate.ts gathers all families. */
const arrayFunctions: Readonly<Record<string, IntrinsicFunction>> = {
  'States.Array': array,
  'States.ArrayPartition': arrayPartition,
  'States.ArrayContains': arrayContains,
  'States.ArrayRange': arrayRange,
  'States.ArrayGetItem': arrayGetItem,
  'States.ArrayLength': arrayLength,
  'States.ArrayUnique': arrayUnique,
};

export { arrayFunctions };
