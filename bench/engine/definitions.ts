/**
 * The benchmark's workloads, each in JSONPath and in JSONata, doing the same work per state.
 *
 * Transitions are counted as Step Functions bills them: one per state entered, states inside Map iterations
 * included. For these definitions that number follows from the shape alone (`transitions`), and the benchmark
 * checks it against each engine's own event stream once per workload before timing anything.
 */

type QueryLanguage = 'JSONPath' | 'JSONata';

/** One workload: a definition, its input, and how many states an execution enters. */
type Workload = {
  /** Row label, for example `Pass chain (1,000 states)`. */
  scenario: string;
  queryLanguage: QueryLanguage;
  definition: Record<string, unknown>;
  input: Record<string, unknown>;
  /** States entered by one execution. */
  transitions: number;
};

const stateName = (index: number): string => `Step ${String(index + 1).padStart(4, '0')}`;

/**
 * A chain of `length` Pass states, each recording its position in the state output (`$.last`), so every state
 * does a little real I/O processing rather than passing its input through untouched.
 *
 * @example
 * passChain(1000, 'JSONata').transitions; // 1000
 */
const passChain = (length: number, queryLanguage: QueryLanguage): Workload => {
  const states: Record<string, unknown> = {};
  for (let index = 0; index < length; index += 1) {
    const flow = index === length - 1 ? { End: true } : { Next: stateName(index + 1) };
    states[stateName(index)] =
      queryLanguage === 'JSONPath'
        ? { Type: 'Pass', Result: index, ResultPath: '$.last', ...flow }
        : { Type: 'Pass', Output: `{% $merge([$states.input, {"last": ${index}}]) %}`, ...flow };
  }
  return {
    scenario: `Pass chain (${length.toLocaleString('en-US')} states)`,
    queryLanguage,
    definition: { Comment: 'Engine benchmark: Pass chain', QueryLanguage: queryLanguage, StartAt: stateName(0), States: states },
    input: { run: 'bench' },
    transitions: length,
  };
};

/**
 * An inline Map over `items` small objects whose iteration is one Pass state that reshapes its item, so an
 * execution enters the Map state once and the Pass state once per item. (Items are objects, not bare numbers:
 * aws-local-stepfunctions 3.0 takes a path that selects `0` for a missing value and fails.)
 *
 * @example
 * inlineMap(10000, 'JSONPath').transitions; // 10001
 */
const inlineMap = (items: number, queryLanguage: QueryLanguage): Workload => {
  const iteration =
    queryLanguage === 'JSONPath'
      ? { Type: 'Pass', Parameters: { 'unit.$': '$.unit', checked: true }, End: true }
      : { Type: 'Pass', Output: '{% {"unit": $states.input.unit, "checked": true} %}', End: true };
  const map =
    queryLanguage === 'JSONPath'
      ? { ItemsPath: '$.items', ResultSelector: { 'count.$': 'States.ArrayLength($)' } }
      : { Items: '{% $states.input.items %}', Output: '{% {"count": $count($states.result)} %}' };
  return {
    scenario: `Inline Map (${items.toLocaleString('en-US')} items)`,
    queryLanguage,
    definition: {
      Comment: 'Engine benchmark: inline Map',
      QueryLanguage: queryLanguage,
      StartAt: 'Process items',
      States: {
        'Process items': {
          Type: 'Map',
          ...map,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Wrap item',
            States: { 'Wrap item': iteration },
          },
          End: true,
        },
      },
    },
    input: { items: Array.from({ length: items }, (_, index) => ({ unit: `unit-${index}` })) },
    transitions: 1 + items,
  };
};

export { inlineMap, passChain };
export type { QueryLanguage, Workload };
