/**
 * Types shared by the JSONPath half of the ASL engine.
 */

/**
 * What a path can see. `$` = input, `$$` = context object, `$name…` = a workflow variable (JSONPath states can read
 * variables).
 *
 * Values read through a scope are returned as they are, not copied: callers treat them as immutable (no code of the
 * engine changes a value in place; see local/asl/interpreter.ts).
 */
type PathScope = {
  /** What `$` selects: the state input, the effective input, or the result, depending on the field being evaluated. */
  input: unknown;
  /** What `$$` selects: the context object (`$$.Execution.Id`, `$$.Map.Item.Value`, …). */
  context: unknown;
  /** Workflow variables in scope, read as `$name` or `$name.field`. */
  variables: Readonly<Record<string, unknown>>;
  /** For Assign/Output in JSONPath states: `$states.input`, `$states.result`, `$states.errorOutput`, `$states.context` when present. */
  states?: { input?: unknown; result?: unknown; errorOutput?: unknown; context?: unknown };
};

/** A plain JSON object, as JSON.parse would produce it. */
type JsonObject = Record<string, unknown>;

export type { JsonObject, PathScope };
