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

/** Whether a template holds a `.$` field anywhere: one that does not is its own result (values are never changed). */
const dynamicTemplates = new WeakMap<object, boolean>();

const isDynamic = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  let dynamic = dynamicTemplates.get(value);
  if (dynamic === undefined) {
    dynamic = Array.isArray(value) ? value.some(isDynamic) : Object.entries(value).some(([key, item]) => key.endsWith(DYNAMIC_SUFFIX) || isDynamic(item));
    dynamicTemplates.set(value, dynamic);
  }
  return dynamic;
};

const processValue = (value: unknown, scope: PathScope, location: string): unknown => {
  if (!isDynamic(value)) return value;
  if (Array.isArray(value)) return value.map((item, index) => processValue(item, scope, `${location}[${index}]`));
  const payload: Record<string, unknown> = {};
  for (const [key, fieldValue] of Object.entries(value as object)) {
    // Field locations are only for causes and nested templates: made when needed, not for every field of every run.
    let name = key;
    let resolved: unknown;
    if (key.endsWith(DYNAMIC_SUFFIX)) {
      name = key.slice(0, -DYNAMIC_SUFFIX.length);
      if (typeof fieldValue !== 'string') {
        throw runtimeError(`The value of the field '${join(location, key)}' must be a string holding a path or an intrinsic function call`);
      }
      // A path that selects nothing is reported with the field's own name, as AWS reports it (`value.$`).
      resolved = isPath(fieldValue) ? readPath(fieldValue, scope, key) : evaluateIntrinsic(fieldValue, scope, join(location, key));
    } else {
      resolved = isDynamic(fieldValue) ? processValue(fieldValue, scope, join(location, key)) : fieldValue;
    }
    // Spec: "A JSON object MUST NOT have duplicate field names after fields ending with the characters ".$" are renamed".
    if (Object.hasOwn(payload, name)) {
      throw runtimeError(`The field '${join(location, key)}' and another field of the same object both produce the field '${name}'`);
    }
    // A "__proto__" field is an ordinary field in JSON: defined, not assigned (assignment would set the prototype).
    if (name === '__proto__') Object.defineProperty(payload, name, { value: resolved, enumerable: true, writable: true, configurable: true });
    else payload[name] = resolved;
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
