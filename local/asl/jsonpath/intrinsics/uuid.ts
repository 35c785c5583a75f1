/**
 * Intrinsic for unique ID generation: States.UUID.
 */
import { randomUUID } from 'node:crypto';
import type { IntrinsicFunction } from './arguments';

/** "Returns a version 4 universally unique identifier (v4 UUID) generated using random numbers." */
const uuid: IntrinsicFunction = {
  minArgs: 0,
  maxArgs: 0,
  run: () => randomUUID(),
};

/** This family's intrinsic functions, keyed by the name used in a definition; evaluate.ts gathers all families. */
const uuidFunctions: Readonly<Record<string, IntrinsicFunction>> = { 'States.UUID': uuid };

export { uuidFunctions };
