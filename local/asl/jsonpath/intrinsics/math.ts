/**
 * Intrinsics for math operations: States.MathRandom, States.MathAdd.
 */
import { randomInt } from 'node:crypto';
import { Arguments } from './arguments';
import type { IntrinsicFunction } from './arguments';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * A number argument as Step Functions takes it for MathAdd and MathRandom: the developer guide asks for integers and
 * says a non-integer value is rounded to the nearest integer. Java's `Math.round` rounds halves up, as `Math.round` does.
 */
const roundedInteger = (read: Arguments, index: number, role: string): number => {
  const value = Math.round(read.number(index, role));
  if (!Number.isSafeInteger(value)) read.fail(`the argument (${role}) is outside the range of safe integers`);
  return value;
};

/**
 * java.util.Random's linear congruential generator (48-bit state, `nextInt(bound)`), so that one seed always gives
 * one number ("If you use this function with the same seed value, it returns an identical number").
 */
const seededInt = (seed: number, bound: number): number => {
  const mask = (1n << 48n) - 1n;
  let state = (BigInt.asIntN(64, BigInt(seed)) ^ 0x5deece66dn) & mask;
  const next = (bits: bigint): number => {
    state = (state * 0x5deece66dn + 0xbn) & mask;
    return Number(BigInt.asIntN(32, state >> (48n - bits)));
  };
  if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(next(31n))) >> 31n);
  for (;;) {
    const bits = next(31n);
    const value = bits % bound;
    if (bits - value + (bound - 1) < 2 ** 31) return value;
  }
};

const mathRandom: IntrinsicFunction = {
  minArgs: 2,
  maxArgs: 3,
  run: (args) => {
    const read = new Arguments('States.MathRandom', args);
    const start = roundedInteger(read, 0, 'start');
    const end = roundedInteger(read, 1, 'end');
    if (start < INT_MIN || end > INT_MAX) read.fail(`start and end must be between ${INT_MIN} and ${INT_MAX}`);
    if (end < start) read.fail(`the second argument (end, ${end}) must not be less than the first (start, ${start})`);
    const bound = end - start + 1;
    if (bound > INT_MAX) read.fail(`the range from start to end must hold at most ${INT_MAX} numbers`);
    if (args.length === 3) return start + seededInt(roundedInteger(read, 2, 'seed'), bound);
    return randomInt(start, end + 1);
  },
};

const mathAdd: IntrinsicFunction = {
  minArgs: 2,
  maxArgs: 2,
  run: (args) => {
    const read = new Arguments('States.MathAdd', args);
    const sum = roundedInteger(read, 0, 'first number') + roundedInteger(read, 1, 'second number');
    if (!Number.isSafeInteger(sum)) read.fail('the sum is outside the range of safe integers');
    return sum;
  },
};

/** This family's intrinsic functions, keyed by the name used in a definition; evaluate.ts gathers all families. */
const mathFunctions: Readonly<Record<string, IntrinsicFunction>> = {
  'States.MathRandom': mathRandom,
  'States.MathAdd': mathAdd,
};

export { mathFunctions, seededInt };
