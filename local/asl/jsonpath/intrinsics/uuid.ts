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

const uuidFunctions: Readonly<Record<string, IntrinsicFunction>> = { 'States.UUID': uuid };

export { uuidFunctions };
