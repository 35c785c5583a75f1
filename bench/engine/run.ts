/**
 * Engine benchmark: state transitions per second of our ASL engine against aws-local-stepfunctions, on a long
 * Pass chain and a large inline Map, in JSONPath and JSONata (the reference has no JSONata).
 *
 *   npm run bench:engine [-- --chain 1000 --items 10000 --runs 5]
 *
 * For each workload, each engine first runs one execution whose transitions it counts from its own events
 * (ours: `…StateEntered` history events; theirs: `StateEntered` event logs); a count that differs from what the
 * definition implies stops the benchmark, so both are known to count the same thing. Then one warm-up run and
 * `runs` timed runs; the table gives the median.
 */
import { parseArgs } from 'node:util';
import { inlineMap, passChain } from './definitions';
import type { Workload } from './definitions';
import { measure } from './measure';
import { createOurRunner } from './ours';
import { renderTable } from './report';
import type { ResultRow } from './report';
import type { EngineRunner } from './runner';
import { createTheirRunner } from './theirs';

const positiveInteger = (text: string | undefined, fallback: number, flag: string): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} must be a positive integer (got '${text}')`);
  return value;
};

const benchmark = async (workloads: readonly Workload[], runners: readonly EngineRunner[], runs: number): Promise<ResultRow[]> => {
  const rows: ResultRow[] = [];
  for (const workload of workloads) {
    for (const runner of runners) {
      if (!runner.supports(workload)) continue;
      const prepared = await runner.prepare(workload);
      const counted = await prepared.countTransitions();
      if (counted !== workload.transitions)
        throw new Error(`${runner.name} entered ${counted} states in '${workload.scenario}' (${workload.queryLanguage}); expected ${workload.transitions}`);
      const { medianMs } = await measure(prepared, runs);
      rows.push({ scenario: workload.scenario, queryLanguage: workload.queryLanguage, engine: runner.name, transitions: counted, medianMs });
      process.stderr.write(`[bench] ${workload.scenario} ${workload.queryLanguage} ${runner.name}: ${medianMs.toFixed(1)} ms\n`);
    }
  }
  return rows;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { chain: { type: 'string' }, items: { type: 'string' }, runs: { type: 'string' } },
    strict: true,
  });
  const chain = positiveInteger(values.chain, 1000, 'chain');
  const items = positiveInteger(values.items, 10_000, 'items');
  const runs = positiveInteger(values.runs, 5, 'runs');
  const workloads = [
    passChain(chain, 'JSONPath'),
    passChain(chain, 'JSONata'),
    inlineMap(items, 'JSONPath'),
    inlineMap(items, 'JSONata'),
  ];
  const ours = createOurRunner();
  const theirs = createTheirRunner();
  try {
    const rows = await benchmark(workloads, [ours, theirs], runs);
    process.stdout.write(`\nEngine benchmark (node ${process.version}, median of ${runs} runs after 1 warm-up)\n\n`);
    process.stdout.write(`${renderTable(rows, ours.name, theirs.name)}\n\n`);
    process.stdout.write('Transitions: states entered, Map iterations included (the unit AWS bills), checked per engine from its own events.\n');
    process.stdout.write(`ours/theirs: ratio of transitions per second; n/a where ${theirs.name} cannot run the workload (it has no JSONata).\n`);
  } finally {
    await ours.close();
    await theirs.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:engine: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
