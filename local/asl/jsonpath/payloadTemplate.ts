/**
 * Payload Templates (States Language, "Payload Template"): Parameters, ResultSelector, ItemSelector and, in JSONPath
 * states, Assign.
 */
import { runtimeError } from './errors';
import { evaluateIntrinsic } from './intrinsics/evaluate';
import { isPath } from './pathParser';
import { readPath } from './readPath';
import type { PathScope } from './types';

const DYNAMIC_SUFFIX = '.$';

const join = (location: string, key: string): string => (location === '' ? key : `${location}.${key}`);

const processValue = (value: unknown, scope: PathScope, location: string): unknown => {
  if (Array.isArray(value)) return value.map((item, index) => processValue(item, scope, `${location}[${index}]`));
  if (typeof value !== 'object' || value === null) return value;
  const payload: Record<string, unknown> = {};
  for (const [key, fieldValue] of Object.entries(value)) {
    const where = join(location, key);
    let name = key;
    let resolved: unknown;
    if (key.endsWith(DYNAMIC_SUFFIX)) {
      name = key.slice(0, -DYNAMIC_SUFFIX.length);
      if (typeof fieldValue !== 'string') {
        throw runtimeError(`The value of the field '${where}' must be a string holding a path or an intrinsic function call`);
      }
      resolved = isPath(fieldValue) ? readPath(fieldValue, scope, where) : evaluateIntrinsic(fieldValue, scope, where);
    } else {
      resolved = processValue(fieldValue, scope, where);
    }
    // Spec: "A JSON object MUST NOT have duplicate field names after fields ending with the characters ".$" are renamed".
    if (Object.hasOwn(payload, name)) {
      throw runtimeError(`The field '${where}' and another field of the same object both produce the field '${name}'`);
    }
    // defineProperty, not assignment: a "__proto__" field is an ordinary field in JSON.
    Object.defineProperty(payload, name, { value: resolved, enumerable: true, writable: true, configurable: true });
  }
  return payload;
};

/**
 * Processes a Payload Template: every field whose name ends in `.$` (however deeply nested, inside objects and
 * arrays) takes the value of its path (`$…` on the input, `$$…` on the context object, `$name…` on a variable) or of
 * its intrinsic function call, and loses the `.$` suffix; all other values are copied as they are.
 *
 * Throws `States.Runtime` naming the field for a path that matches nothing (AWS reports this as States.Runtime, not
 * the spec's States.ParameterPathFailure) and `States.IntrinsicFailure` for a failing intrinsic function. `field`
 * (for example `Parameters`) prefixes the field names in those causes.
 *
 * @example
 * applyPayloadTemplate(
 *   { flagged: true, parts: { 'first.$': '$.vals[0]' }, 'weekday.$': '$$.DayOfWeek' },
 *   { input: { vals: [0, 10] }, context: { DayOfWeek: 'TUESDAY' }, variables: {} },
 *   'Parameters',
 * ); // { flagged: true, parts: { first: 0 }, weekday: 'TUESDAY' }
 */
const applyPayloadTemplate = (template: unknown, scope: PathScope, field?: string): unknown =>
  processValue(template, scope, field ?? '');

export { applyPayloadTemplate };
