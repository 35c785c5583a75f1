/**
 * Issue 10's goals beside the figures that measure them, one table per pack: end-to-end lines/s against cores × the
 * raw analyzer loop, the re-run's share of the first run, cost per million lines (first run and re-run, by
 * component), cold init of each function as a fresh process, and the local runtime's peak RSS.
 */
import type { BenchmarkResult } from './report';
import { Packs } from './packs';

/** The figure each goal is read from: the first run on a warm runtime (every unit analysed) and the re-run after it. */
const FIRST_RUN = 'first run, warm runtime';
const RE_RUN = 're-run (findings cache)';

/** Goals, as the issue states them. */
const GOALS = {
  abapRatioToCoresTimesRaw: 0.85,
  angularJsLinesPerSecond: 60_000,
  reRunShare: 0.05,
  firstRunUsdPerMillionLines: 0.01,
  reRunUsdPerMillionLines: 0.003,
  coldInitMillis: 150,
  peakRssBytes: 600 * 1024 * 1024,
} as const;

type GoalRow = { figure: string; measured: string; goal: string; met: boolean | undefined };

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');
const usd = (value: number): string => (value < 0.0001 ? '<$0.0001' : `$${value.toFixed(4)}`);
const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;

/** The components of a run's cost per million lines, largest first, those under $0.0001 left out. */
const byComponent = (result: BenchmarkResult, label: string): string => {
  const breakdown = result.costs.find((cost) => cost.label === label)?.breakdown;
  if (!breakdown) return '';
  const perMillion = 1_000_000 / Math.max(1, result.runs.find((run) => run.label === label)?.loc ?? 1);
  return breakdown.lines
    .map((line) => ({ component: line.component, usd: line.usd * perMillion }))
    .filter((line) => line.usd >= 0.0001)
    .sort((a, b) => b.usd - a.usd)
    .map((line) => `${line.component} ${usd(line.usd)}`)
    .join('; ');
};

/**
 * The goal rows of one pack's result.
 *
 * @example
 * goalRows(result).filter((row) => row.met === false);
 */
const goalRows = (result: BenchmarkResult): GoalRow[] => {
  const rows: GoalRow[] = [];
  const raw = result.baseline.best.locPerSecond;
  const cores = result.lambdaConcurrency;
  const first = result.runs.find((run) => run.label === FIRST_RUN);
  const rerun = result.runs.find((run) => run.label === RE_RUN);
  if (first) {
    const linesPerSecond = (first.loc / first.millis) * 1000;
    const ratio = linesPerSecond / (cores * raw);
    const angular = result.pack === Packs.AngularJs;
    rows.push({
      figure: 'end to end, first run (warm runtime)',
      measured: `${integer(linesPerSecond)} lines/s = ${ratio.toFixed(2)} × ${cores} cores × raw ${integer(raw)}`,
      goal: angular ? `≥ ${integer(GOALS.angularJsLinesPerSecond)} lines/s` : `≥ ${GOALS.abapRatioToCoresTimesRaw} × cores × raw (${integer(GOALS.abapRatioToCoresTimesRaw * cores * raw)} lines/s)`,
      met: angular ? linesPerSecond >= GOALS.angularJsLinesPerSecond : ratio >= GOALS.abapRatioToCoresTimesRaw,
    });
  }
  if (first && rerun) {
    const share = rerun.millis / first.millis;
    rows.push({
      figure: 're-run share of the first run',
      measured: `${percent(share)} (${(rerun.millis / 1000).toFixed(2)} s of ${(first.millis / 1000).toFixed(2)} s)`,
      goal: `≤ ${percent(GOALS.reRunShare)}`,
      met: share <= GOALS.reRunShare,
    });
  }
  for (const [label, goal, name] of [
    [FIRST_RUN, GOALS.firstRunUsdPerMillionLines, 'cost per million lines, first run'],
    [RE_RUN, GOALS.reRunUsdPerMillionLines, 'cost per million lines, re-run'],
  ] as const) {
    const breakdown = result.costs.find((cost) => cost.label === label)?.breakdown;
    if (!breakdown) continue;
    rows.push({ figure: name, measured: `${usd(breakdown.usdPerMillionLines)}: ${byComponent(result, label)}`, goal: `≤ $${goal}`, met: breakdown.usdPerMillionLines <= goal });
  }
  const initMillis = result.coldStarts.map((row) => ({ name: row.logicalId.replace(/Function$/, ''), millis: (row.process ?? row.cleanWorker).medianMillis }));
  if (initMillis.length > 0) {
    rows.push({
      figure: `cold init per function (${result.coldStarts.some((row) => row.process) ? 'fresh process' : 'clean worker'}, median)`,
      measured: initMillis.map((row) => `${row.name} ${integer(row.millis)} ms`).join(', '),
      goal: `≤ ${GOALS.coldInitMillis} ms each`,
      met: initMillis.every((row) => row.millis <= GOALS.coldInitMillis),
    });
  }
  const rss = Math.max(result.memory.endToEnd.rssBytes, result.memory.lifetimePeakRssBytes);
  rows.push({ figure: 'local runtime peak RSS', measured: `${integer(rss / 1024 / 1024)} MiB`, goal: `≤ ${integer(GOALS.peakRssBytes / 1024 / 1024)} MiB`, met: rss <= GOALS.peakRssBytes });
  return rows;
};

export { FIRST_RUN, GOALS, goalRows, RE_RUN };
export type { GoalRow };
