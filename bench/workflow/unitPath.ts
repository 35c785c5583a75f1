/**
 * The unit path, side by side in one process on one generated code base: the raw analyzer loop (analyzeUnit over
 * every unit in one worker thread, as `bench:workflow`'s baseline), the same units through the unit sandbox one
 * message per unit and in groups, and AnalyzeUnits itself over every pack (the grouped sandbox, an in-memory blob
 * store and DynamoDB client, the findings cache sealed with a real AES keyring under the customer's name), with the
 * time of each part of a pack: the cache read, the pack's GET, the analyses, the cache write (gzip, sealing, the
 * write), the findings object (serialising and the PUT). No emulators and no workflow: what is left is the path a
 * unit takes inside AnalyzeUnits. Prints lines/s of each and its ratio to the raw loop.
 *
 * Usage: node --import tsx bench/workflow/unitPath.ts [--pack abap|angularjs|all] [--loc N] [--seed N] [--passes N]
 *   --passes  measured passes of each sandbox path, in turn after one warm-up pass each; the fastest counts (default 2)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createUnitSandbox, getDefaultRegistry, RULE_PACK_VERSION, type UnitAnalysis, type UnitSandbox } from 'analysis-engine';
import { archiveOf } from '../../local/app';
import { buildLayer } from '../../layers/analysis-engine/build';
import { analyzeUnits } from '../../functions/analyze-units/analyze-units';
import type { S3BlobStore } from '../../functions/lib/blob';
import { derivedDataSealer, encryptReport, rawAesKeyring } from '../../functions/lib/crypto';
import { buildReport, serializeReport, summarizeFindings, unitTotals } from '../../functions/lib/report';
import type { FindingsObject } from '../../functions/lib/run';
import { assessRun } from '../../functions/lib/run/assess-run';
import { packUnits, planPacks, type PackLine } from '../../functions/lib/source';
import { FindingsCache } from '../../functions/lib/store';
import { measureRawAnalyzer, splitInMemory, unitsOfArchive } from './baseline';
import { ALL_PACKS, DEFAULT_BATCH, generatePackCorpus, type Pack } from './packs';

type Spans = Record<string, number>;

const CUSTOMER = 'bench-unit-path';
const BUCKET = 'bench';

/** Adds the time `work` takes to `spans[name]`. */
const timed = async <T>(spans: Spans, name: string, work: () => Promise<T> | T): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    spans[name] = (spans[name] ?? 0) + performance.now() - started;
  }
};

/** The split as split-source makes it: each pack's line and bytes. */
const packsOf = async (archive: Buffer, maxUnits: number): Promise<{ lines: PackLine[]; objects: Map<string, Buffer> }> => {
  const { summaries, bodies } = await splitInMemory(archive);
  const objects = new Map<string, Buffer>();
  const lines = planPacks(summaries, { maxUnits }).map(({ slot, units }, index): PackLine => {
    const { body, units: packed } = packUnits(units.map((summary) => ({ summary, body: bodies.get(summary.unitId)! })));
    const key = `units/${CUSTOMER}/packs/${index}`;
    objects.set(key, body);
    return { slot, key, bytes: body.length, findingsKey: `units/${CUSTOMER}/findings/${index}.json`, units: packed };
  });
  return { lines, objects };
};

/** A DynamoDB document client that keeps nothing: the cache is always cold, and writes cost no network. */
const discardingDocuments = (): ConstructorParameters<typeof FindingsCache>[0] =>
  ({
    send: async (command: { input: Record<string, unknown> }) => ('RequestItems' in command.input ? { UnprocessedItems: {} } : { Items: [] }),
  }) as unknown as ConstructorParameters<typeof FindingsCache>[0];

const linesPerSecond = (loc: number, ms: number): number => Math.round((loc / ms) * 1000);

const measurePack = async (pack: Pack, loc: number, seed: number, passes: number, layerFile: string): Promise<void> => {
  const work = mkdtempSync(join(tmpdir(), 'unit-path-'));
  try {
    const corpus = await generatePackCorpus(pack, { loc, seed, outDir: join(work, 'code') });
    const archive = await archiveOf(join(work, 'code'));
    const { units } = await unitsOfArchive(archive.bytes);
    const { lines, objects } = await packsOf(archive.bytes, DEFAULT_BATCH[pack]);
    const unitLoc = units.reduce((sum, unit) => sum + unit.loc, 0);
    console.log(`\n${pack}: ${corpus.loc.toLocaleString('en-US')} lines, ${units.length.toLocaleString('en-US')} units in ${lines.length} packs; load average ${loadavg()[0].toFixed(1)}`);

    const raw = await measureRawAnalyzer({ units, layerBundle: layerFile, passes: 2 });
    const rawUnitsMs = raw.best.millis - (raw.best.codebaseMillis ?? 0);

    // The sandbox alone, each pack's units handed over at once as AnalyzeUnits hands them: one message per unit and
    // in groups, pass by pass in turn (so both see the same load), after one pass each that loads the parsers.
    type SandboxPass = { ms: number; cpuMs: number; groups: number; analyses: UnitAnalysis[] };
    const modes = { single: createUnitSandbox({ memoryBudgetMb: 1024, entry: layerFile, groupMaxUnits: 1 }), grouped: createUnitSandbox({ memoryBudgetMb: 1024, entry: layerFile }) };
    const sandboxPass = async (sandbox: UnitSandbox): Promise<SandboxPass> => {
      const before = sandbox.stats().groups;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const analyses: UnitAnalysis[] = [];
      for (const members of packUnitsOf) analyses.push(...(await Promise.all(members.map((unit) => sandbox.analyze(unit)))));
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, groups: sandbox.stats().groups - before, analyses };
    };
    const byId = new Map(units.map((unit) => [unit.unitId, unit]));
    const packUnitsOf = lines.map((line) => line.units.map((unit) => byId.get(unit.unitId)!));
    const best: Partial<Record<keyof typeof modes, SandboxPass>> = {};
    for (let pass = 0; pass <= passes; pass += 1) {
      for (const [mode, sandbox] of Object.entries(modes) as Array<[keyof typeof modes, UnitSandbox]>) {
        const measured = await sandboxPass(sandbox);
        if (pass > 0 && (best[mode] === undefined || measured.ms < best[mode].ms)) best[mode] = measured;
      }
    }
    await Promise.all(Object.values(modes).map((sandbox) => sandbox.close()));
    const single = best.single!;
    const grouped = best.grouped!;
    const same = JSON.stringify(single.analyses) === JSON.stringify(grouped.analyses);

    // AnalyzeUnits over every pack: grouped sandbox, in-memory S3 and DynamoDB, a real sealer.
    const spans: Spans = {};
    const sandbox = createUnitSandbox({ memoryBudgetMb: 1024, entry: layerFile });
    await sandbox.warm();
    const keyring = rawAesKeyring(CUSTOMER, randomBytes(32));
    const sealer = derivedDataSealer(keyring, CUSTOMER, 'findings-cache');
    const timedSealer = { seal: (plain: Uint8Array) => timed(spans, 'cache seal', () => sealer.seal(plain)), open: (sealed: Uint8Array) => timed(spans, 'cache open', () => sealer.open(sealed)) };
    const cache = new FindingsCache(discardingDocuments(), 'bench', undefined, timedSealer);
    const timedCache = {
      getSlot: (...args: Parameters<FindingsCache['getSlot']>) => timed(spans, 'cache read', () => cache.getSlot(...args)),
      putSlot: (...args: Parameters<FindingsCache['putSlot']>) => timed(spans, 'cache write (gzip, seal, write)', () => cache.putSlot(...args)),
    } as unknown as FindingsCache;
    const blobs = {
      get: async (_bucket: string, key: string) => timed(spans, 'pack GET', () => objects.get(key)!),
      put: async (_bucket: string, _key: string, body: string | Buffer) =>
        timed(spans, 'findings PUT', () => {
          findingsObjects.push(String(body));
        }),
    } as unknown as S3BlobStore;
    const rulePacks = getDefaultRegistry()
      .analyzers()
      .map((analyzer) => ({ ...analyzer.rulePack }));
    let findingsObjects: string[] = [];
    const run = async (): Promise<number> => {
      findingsObjects = [];
      const started = performance.now();
      for (const line of lines) {
        await analyzeUnits(
          { BatchInput: { customerId: CUSTOMER, runId: 'bench', bucket: BUCKET, customerKeyId: 'bench' }, Items: [line] },
          { blobs, cache: timedCache, analyze: (unit, budget) => timed(spans, 'analyses (sum over units)', () => sandbox.analyze(unit, budget)), rulePackVersion: RULE_PACK_VERSION, rulePacks },
        );
      }
      return performance.now() - started;
    };
    await run();
    for (const name of Object.keys(spans)) delete spans[name];
    const handlerCpu = process.cpuUsage();
    const handlerMs = await run();
    const handlerCpuUsed = process.cpuUsage(handlerCpu);
    const handlerCpuMs = (handlerCpuUsed.user + handlerCpuUsed.system) / 1000;
    await sandbox.close();

    const row = (label: string, ms: number, cpuMs: number | undefined, note = ''): string =>
      `| ${label} | ${(ms / 1000).toFixed(2)} | ${linesPerSecond(unitLoc, ms).toLocaleString('en-US')} | ${(rawUnitsMs / ms).toFixed(2)} | ${cpuMs === undefined ? '-' : (cpuMs / 1000).toFixed(2)} | ${note} |`;
    console.log('| path (1 thread analysing) | s | lines/s | ratio to raw | CPU s (all threads) | note |');
    console.log('|---|--:|--:|--:|--:|---|');
    console.log(row('raw loop: analyzeUnit over every unit', rawUnitsMs, undefined, `best of ${raw.passes.length}; code-base phase ${((raw.best.codebaseMillis ?? 0) / 1000).toFixed(2)} s more`));
    console.log(row('sandbox, one message per unit', single.ms, single.cpuMs, `${single.groups} messages; best of ${passes}, passes alternating with the next row`));
    console.log(row('sandbox, units in groups', grouped.ms, grouped.cpuMs, `${grouped.groups} messages; analyses ${same ? 'identical to' : 'DIFFER from'} one per unit`));
    console.log(row('AnalyzeUnits over every pack (grouped sandbox)', handlerMs, handlerCpuMs, `${lines.length} invocations, second pass`));
    // Aggregation and the report on the same findings objects: what aggregate-findings and encrypt-report compute.
    const after: Spans = {};
    for (let pass = 0; pass < 2; pass += 1) {
      for (const name of Object.keys(after)) delete after[name];
      const objects = await timed(after, 'parse the findings objects', () => findingsObjects.map((text) => JSON.parse(text) as FindingsObject));
      const runUnits = objects.flatMap((object) => object.units);
      const assessed = await timed(after, 'code-base phase (assessRun)', () => assessRun(runUnits));
      await timed(after, 'summary (summarizeFindings)', () => summarizeFindings(assessed.units));
      await timed(after, 'unit rows (unitTotals)', () => assessed.units.map((unit) => unitTotals(unit)));
      const report = await timed(after, 'report (buildReport)', () =>
        buildReport({ run: { customerId: CUSTOMER, runId: 'bench', rulePacks: objects[0].rulePacks, startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), sourceArchive: 'bench' }, units: assessed.units, skippedFiles: [], encodings: [], assessments: assessed.assessments }),
      );
      const text = await timed(after, 'report (serializeReport)', () => serializeReport(report));
      await timed(after, 'report (encrypt, AES keyring)', () => encryptReport(text, keyring, { customerId: CUSTOMER, runId: 'bench' }));
    }
    console.log(`\nAggregation and the report over ${findingsObjects.length} findings objects (${(findingsObjects.reduce((sum, text) => sum + text.length, 0) / 1024 / 1024).toFixed(1)} MiB), second pass (ms):`);
    for (const [name, ms] of Object.entries(after)) console.log(`  ${name}: ${Math.round(ms).toLocaleString('en-US')}`);
    console.log('\nAnalyzeUnits, where a pass goes (ms; the analyses overlap each other, so their sum is not wall time):');
    for (const [name, ms] of Object.entries(spans).sort((a, b) => b[1] - a[1])) console.log(`  ${name}: ${Math.round(ms).toLocaleString('en-US')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { pack: { type: 'string', default: 'all' }, loc: { type: 'string', default: '200000' }, seed: { type: 'string', default: '1' }, passes: { type: 'string', default: '2' } } });
  const packs = values.pack === 'all' ? ALL_PACKS : ALL_PACKS.filter((pack) => pack === values.pack);
  if (packs.length === 0) throw new Error(`--pack takes ${ALL_PACKS.join(', ')} or all, not ${values.pack}`);
  const layerDir = mkdtempSync(join(tmpdir(), 'unit-path-layer-'));
  try {
    const { file } = await buildLayer({ outdir: layerDir });
    for (const pack of packs) await measurePack(pack, Number(values.loc), Number(values.seed), Math.max(1, Number(values.passes)), file);
  } finally {
    rmSync(layerDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
