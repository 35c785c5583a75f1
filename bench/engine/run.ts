/**
 * Engine benchmark: state transitions per second of our ASL engine against aws-local-stepfunctions, on a long
 * Pass chain and a large inline Map, in JSONPath and JSONata (the reference has no JSONata).
 *
 *   npm run bench:engine [-- --chain 1000 --items 10000 --runs 7 --warmups 3] [--baseline DIR]
 *
 * `--baseline DIR` adds the engine of another checkout (a copy of an earlier commit, with node_modules) as a third
 * column, timed in the same rounds, and prints ours/baseline per workload: a change measured against the code
 * before it, under the same load.
 *
 * For each workload, each engine first runs one execution whose transitions it counts from its own events
 * (ours: `…StateEntered` history events; theirs: `StateEntered` event logs); a count that differs from what the
 * definition implies stops the benchmark, so both are known to count the same thing. Then `warmups` untimed runs each
 * and `runs` rounds in which the engines take turns (see measure.ts); the table gives each engine's median.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inlineMap, passChain } from './definitions';
import type { Workload } from './definitions';
import { measureInterleaved } from './measure';
import { createEngineRunner, createOurRunner } from './ours';
import type { EngineClass } from './ours';
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

const benchmark = async (workloads: readonly Workload[], runners: readonly EngineRunner[], runs: number, warmups: number): Promise<ResultRow[]> => {
  const rows: ResultRow[] = [];
  for (const workload of workloads) {
    const engines = runners.filter((runner) => runner.supports(workload));
    const prepared = [];
    for (const runner of engines) {
      const ready = await runner.prepare(workload);
      const counted = await ready.countTransitions();
      if (counted !== workload.transitions)
        throw new Error(`${runner.name} entered ${counted} states in '${workload.scenario}' (${workload.queryLanguage}); expected ${workload.transitions}`);
      prepared.push(ready);
    }
    const measurements = await measureInterleaved(prepared, runs, warmups);
    for (const [index, runner] of engines.entries()) {
      const { medianMs } = measurements[index];
      rows.push({ scenario: workload.scenario, queryLanguage: workload.queryLanguage, engine: runner.name, transitions: workload.transitions, medianMs });
      process.stderr.write(`[bench] ${workload.scenario} ${workload.queryLanguage} ${runner.name}: ${medianMs.toFixed(1)} ms\n`);
    }
  }
  return rows;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { chain: { type: 'string' }, items: { type: 'string' }, runs: { type: 'string' }, warmups: { type: 'string' }, baseline: { type: 'string' } },
    strict: true,
  });
  const chain = positiveInteger(values.chain, 1000, 'chain');
  const items = positiveInteger(values.items, 10_000, 'items');
  const runs = positiveInteger(values.runs, 7, 'runs');
  const warmups = positiveInteger(values.warmups, 3, 'warmups');
  const workloads = [
    passChain(chain, 'JSONPath'),
    passChain(chain, 'JSONata'),
    inlineMap(items, 'JSONPath'),
    inlineMap(items, 'JSONata'),
  ];
  const ours = createOurRunner();
  const theirs = createTheirRunner();
  const baseline =
    values.baseline === undefined
      ? undefined
      : createEngineRunner('baseline', ((await import(resolve(values.baseline, 'local/asl/index.ts'))) as { Engine: EngineClass }).Engine);
  try {
    const rows = await benchmark(workloads, baseline === undefined ? [ours, theirs] : [ours, baseline, theirs], runs, warmups);
    process.stdout.write(`\nEngine benchmark (node ${process.version}, median of ${runs} interleaved runs after ${warmups} warm-ups)\n\n`);
    process.stdout.write(`${renderTable(rows, ours.name, theirs.name)}\n\n`);
    process.stdout.write('Transitions: states entered, Map iterations included (the unit AWS bills), checked per engine from its own events.\n');
    process.stdout.write(`ours/theirs: ratio of transitions per second; n/a where ${theirs.name} cannot run the workload (it has no JSONata).\n`);
    if (baseline !== undefined) {
      process.stdout.write(`\nours/baseline (${values.baseline}), transitions per second, same rounds:\n`);
      for (const row of rows.filter((candidate) => candidate.engine === ours.name)) {
        const before = rows.find((other) => other.engine === baseline.name && other.scenario === row.scenario && other.queryLanguage === row.queryLanguage);
        if (before !== undefined) process.stdout.write(`  ${row.scenario} ${row.queryLanguage}: ${(before.medianMs / row.medianMs).toFixed(2)}×\n`);
      }
    }
  } finally {
    await ours.close();
    await baseline?.close();
    await theirs.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:engine: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
