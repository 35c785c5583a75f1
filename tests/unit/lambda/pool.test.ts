import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaPool } from '../../../local/lambda';
import { loadManifest } from '../../../local/manifest';

describe('Class: LambdaPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-pool-'));
  const manifest = loadManifest('tests/fixtures/lambda/template.yaml');
  const pool = new LambdaPool({ manifest, buildDir: join(dir, 'build'), logDir: join(dir, 'logs'), size: 2, environment: { EXTRA: 'x' } });

  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a handler with its template environment and a Lambda context', async () => {
    // Act
    const result = await pool.invoke({ functionName: 'EchoFunction', payload: JSON.stringify({ a: 1 }) });

    // Assess
    const body = JSON.parse(result.payload);
    expect(result.statusCode).toBe(200);
    expect(result.functionError).toBeUndefined();
    expect(body).toMatchObject({
      event: { a: 1 },
      functionName: 'upgrade-impact-local-EchoFunction',
      tableName: 'upgrade-impact-local-Table',
      region: 'us-east-1',
      requestId: result.requestId,
    });
    expect(body.remaining).toBeGreaterThan(0);
    expect(body.remaining).toBeLessThanOrEqual(5000);
  });

  it('keeps a warm environment between invocations and reports the alias version', async () => {
    // Act
    const aliasArn = manifest.functions.find((fn) => fn.logicalId === 'EchoFunction')!.aliasArn!;
    const first = JSON.parse((await pool.invoke({ functionName: 'EchoFunction', payload: '{}' })).payload);
    const second = await pool.invoke({ functionName: aliasArn, payload: '{}' });

    // Assess
    expect(JSON.parse(second.payload).invocations).toBe(first.invocations + 1);
    expect(second.executedVersion).toBe('1');
    expect(second.initMillis).toBeUndefined();
  });

  it('reports a thrown error with its name as errorType', async () => {
    const result = await pool.invoke({ functionName: 'FailFunction', payload: '{}' });

    expect(result.functionError).toBe('Unhandled');
    expect(JSON.parse(result.payload)).toMatchObject({ errorType: 'CustomerNotEntitledError', errorMessage: 'Customer acme is SUSPENDED' });
  });

  it('supports callback-style handlers', async () => {
    const result = await pool.invoke({ functionName: 'CallbackFunction', payload: JSON.stringify({ value: 21 }) });

    expect(JSON.parse(result.payload)).toEqual({ doubled: 42 });
  });

  it('kills an invocation that outlives the template Timeout with Sandbox.Timedout', async () => {
    // Act
    const result = await pool.invoke({ functionName: 'HangFunction', payload: '{}' });

    // Assess: the pool still serves calls afterwards
    expect(result.functionError).toBe('Unhandled');
    expect(JSON.parse(result.payload).errorType).toBe('Sandbox.Timedout');
    expect((await pool.invoke({ functionName: 'EchoFunction', payload: '{}' })).functionError).toBeUndefined();
  });

  it('stops an invocation past the template MemorySize with Runtime.OutOfMemory and replaces the environment', async () => {
    // Prepare
    pool.resetStats();

    // Act
    const result = await pool.invoke({ functionName: 'HogFunction', payload: '{}' });
    const [hog] = pool.stats().filter((row) => row.logicalId === 'HogFunction');

    // Assess: the pool still serves calls, the next one in a fresh environment
    expect(result.functionError).toBe('Unhandled');
    expect(JSON.parse(result.payload)).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed', trace: [] });
    expect(hog).toMatchObject({ environments: 1, invocations: 1, outOfMemory: 1, timedOut: 0 });
    const again = await pool.invoke({ functionName: 'HogFunction', payload: '{}' });
    expect(JSON.parse(again.payload).errorType).toBe('Runtime.OutOfMemory');
    expect(pool.stats().find((row) => row.logicalId === 'HogFunction')).toMatchObject({ environments: 2, outOfMemory: 2 });
    expect((await pool.invoke({ functionName: 'EchoFunction', payload: '{}' })).functionError).toBeUndefined();
  }, 60_000);

  it('runs concurrent invocations on at most `size` workers', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.invoke({ functionName: 'CallbackFunction', payload: JSON.stringify({ value: i }) })),
    );

    expect(results.map((r) => JSON.parse(r.payload).doubled)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('keeps idle environments of other functions warm while running one invocation at a time', async () => {
    // Prepare: a pool that runs one invocation at a time
    const single = new LambdaPool({ manifest, buildDir: join(dir, 'build-single'), size: 1 });
    try {
      // Act
      const firstEcho = await single.invoke({ functionName: 'EchoFunction', payload: '{}' });
      await single.invoke({ functionName: 'CallbackFunction', payload: JSON.stringify({ value: 1 }) });
      const secondEcho = await single.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Assess: the second Echo reuses its environment (no init, its module state kept)
      expect(firstEcho.initMillis).toBeDefined();
      expect(secondEcho.initMillis).toBeUndefined();
      expect(JSON.parse(secondEcho.payload).invocations).toBe(JSON.parse(firstEcho.payload).invocations + 1);
    } finally {
      await single.close();
    }
  });

  it('reports per-function stats: environments, invocations, cold starts and the heap of its environments', async () => {
    // Prepare: a pool of its own, so the figures are this test's alone
    const counted = new LambdaPool({ manifest, buildDir: join(dir, 'build-stats'), size: 2 });
    try {
      // Act
      await counted.invoke({ functionName: 'EchoFunction', payload: '{}' });
      await counted.invoke({ functionName: 'EchoFunction', payload: '{}' });
      await counted.invoke({ functionName: 'FailFunction', payload: '{}' });
      const stats = counted.stats();

      // Assess: in template order, only the functions that ran; a thrown error still reports the heap
      expect(stats.map((row) => row.logicalId)).toEqual(['EchoFunction', 'FailFunction']);
      expect(stats[0]).toMatchObject({ environments: 1, invocations: 2, coldStarts: 1 });
      expect(stats[1]).toMatchObject({ environments: 1, invocations: 1, coldStarts: 1 });
      for (const row of stats) {
        expect(row.peakHeapUsedBytes).toBeGreaterThan(0);
        expect(row.peakHeapTotalBytes).toBeGreaterThanOrEqual(row.peakHeapUsedBytes);
      }
    } finally {
      await counted.close();
    }
  });

  it('starts the stats afresh on resetStats, and a warm environment then counts no new environment', async () => {
    // Prepare
    const counted = new LambdaPool({ manifest, buildDir: join(dir, 'build-reset'), size: 1 });
    try {
      await counted.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Act
      counted.resetStats();
      const afterReset = counted.stats();
      await counted.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Assess
      expect(afterReset).toEqual([]);
      expect(counted.stats()).toEqual([expect.objectContaining({ logicalId: 'EchoFunction', environments: 0, invocations: 1, coldStarts: 0 })]);
      expect(counted.stats()[0].peakHeapUsedBytes).toBeGreaterThan(0);
    } finally {
      await counted.close();
    }
  });

  it('counts a timed-out invocation, which reports neither a cold start nor a heap figure', async () => {
    // Prepare
    const counted = new LambdaPool({ manifest, buildDir: join(dir, 'build-timeout'), size: 1 });
    try {
      // Act
      await counted.invoke({ functionName: 'HangFunction', payload: '{}' });

      // Assess: the killed environment never answered
      expect(counted.stats()).toEqual([{ logicalId: 'HangFunction', environments: 1, invocations: 1, coldStarts: 0, peakHeapUsedBytes: 0, peakHeapTotalBytes: 0, timedOut: 1, outOfMemory: 0, recycledForMemory: 0, collectedForMemory: 0 }]);
    } finally {
      await counted.close();
    }
  });

  it('recycles the longest idle environment before starting another when the process is over its memory limit', async () => {
    // Prepare: 100 MiB of resident memory per live environment, against a limit of 150 MiB
    const live = (): number => bounded.stats().reduce((sum, row) => sum + row.environments - row.recycledForMemory, 0);
    const bounded: LambdaPool = new LambdaPool({ manifest, buildDir: join(dir, 'build-bounded'), size: 2, memoryLimitMb: 150, idleGraceMs: 60_000, residentBytes: () => live() * 100 * 1024 * 1024 });
    try {
      await bounded.invoke({ functionName: 'EchoFunction', payload: '{}' });
      await bounded.invoke({ functionName: 'CallbackFunction', payload: JSON.stringify({ value: 1 }) });

      // Act: two environments (200 MiB) are live when a third function needs one
      await bounded.invoke({ functionName: 'FailFunction', payload: '{}' });
      const afterFail = Object.fromEntries(bounded.stats().map((row) => [row.logicalId, row.recycledForMemory]));
      const echoAgain = await bounded.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Assess: Echo, idle longest, was recycled (one was enough) and starts cold again
      expect(afterFail).toEqual({ EchoFunction: 1, CallbackFunction: 0, FailFunction: 0 });
      expect(echoAgain.initMillis).toBeDefined();
      expect(JSON.parse(echoAgain.payload).invocations).toBe(1);
    } finally {
      await bounded.close();
    }
  });

  it('has idle environments collect their garbage before recycling any, and keeps them warm when that was enough', async () => {
    // Prepare: over the limit until the idle environments have collected their garbage
    let overLimit = true;
    const bounded: LambdaPool = new LambdaPool({
      manifest,
      buildDir: join(dir, 'build-collect'),
      size: 2,
      memoryLimitMb: 200,
      idleGraceMs: 60_000,
      residentBytes: () => {
        if (bounded.stats().some((row) => row.collectedForMemory > 0)) overLimit = false;
        return (overLimit ? 250 : 150) * 1024 * 1024;
      },
    });
    try {
      await bounded.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Act: a new environment is needed while the process is over its limit
      await bounded.invoke({ functionName: 'CallbackFunction', payload: JSON.stringify({ value: 1 }) });
      const echoAgain = await bounded.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Assess: Echo collected once, recycled never, and still warm
      expect(bounded.stats().find((row) => row.logicalId === 'EchoFunction')).toMatchObject({ collectedForMemory: 1, recycledForMemory: 0 });
      expect(echoAgain.initMillis).toBeUndefined();
      expect(JSON.parse(echoAgain.payload).invocations).toBe(2);
    } finally {
      await bounded.close();
    }
  });

  it('keeps every warm environment while the process stays under its memory limit', async () => {
    // Prepare
    const bounded = new LambdaPool({ manifest, buildDir: join(dir, 'build-under'), size: 1, memoryLimitMb: 200, residentBytes: () => 150 * 1024 * 1024 });
    try {
      // Act
      await bounded.invoke({ functionName: 'EchoFunction', payload: '{}' });
      await bounded.invoke({ functionName: 'CallbackFunction', payload: JSON.stringify({ value: 1 }) });
      const again = await bounded.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Assess
      expect(again.initMillis).toBeUndefined();
      expect(bounded.stats().map((row) => row.recycledForMemory)).toEqual([0, 0]);
    } finally {
      await bounded.close();
    }
  });

  it('starts many environments side by side with a memory limit, every one able to answer', async () => {
    // Prepare: each environment takes V8's gc while a process-wide flag is on; environments starting at once share it
    const bounded = new LambdaPool({ manifest, buildDir: join(dir, 'build-side-by-side'), size: 8, maxEnvironments: 8, memoryLimitMb: 200, idleGraceMs: 60_000, residentBytes: () => 150 * 1024 * 1024 });
    try {
      // Act
      const results = await Promise.all(Array.from({ length: 8 }, () => bounded.invoke({ functionName: 'EchoFunction', payload: '{}' })));

      // Assess
      expect(results.map((result) => result.functionError)).toEqual(Array(8).fill(undefined));
      expect(bounded.stats().find((row) => row.logicalId === 'EchoFunction')?.environments).toBe(8);
    } finally {
      await bounded.close();
    }
  });

  it('recycles an environment idle past its grace while over the memory limit, but never a busy one', async () => {
    // Prepare
    const bounded = new LambdaPool({ manifest, buildDir: join(dir, 'build-watch'), size: 2, memoryLimitMb: 200, idleGraceMs: 0, residentBytes: () => 250 * 1024 * 1024 });
    try {
      await bounded.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Act: over the limit while a long invocation runs; the watch looks every second
      const busy = bounded.invoke({ functionName: 'CallbackFunction', payload: JSON.stringify({ value: 1, delayMs: 2500 }) });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const recycledWhileBusy = Object.fromEntries(bounded.stats().map((row) => [row.logicalId, row.recycledForMemory]));
      const result = await busy;

      // Assess
      expect(recycledWhileBusy).toEqual({ EchoFunction: 1, CallbackFunction: 0 });
      expect(JSON.parse(result.payload)).toEqual({ doubled: 2 });
    } finally {
      await bounded.close();
    }
  });

  it('warms environments ahead of their first invocation, which is then warm', async () => {
    // Prepare
    const warmed = new LambdaPool({ manifest, buildDir: join(dir, 'build-prewarm'), logDir: join(dir, 'logs-prewarm'), size: 2 });
    try {
      // Act
      await warmed.prewarm(['EchoFunction', 'CallbackFunction', 'CallbackFunction']);
      const first = await warmed.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Assess: one environment per name asked (two for the name given twice), the init logged as Lambda logs it
      expect(first.initMillis).toBeUndefined();
      expect(JSON.parse(first.payload).invocations).toBe(1);
      expect(warmed.stats().map(({ logicalId, environments, coldStarts }) => ({ logicalId, environments, coldStarts }))).toEqual([
        { logicalId: 'EchoFunction', environments: 1, coldStarts: 0 },
        { logicalId: 'CallbackFunction', environments: 2, coldStarts: 0 },
      ]);
      expect(readFileSync(join(dir, 'logs-prewarm', 'EchoFunction.log'), 'utf8')).toMatch(/^INIT_REPORT Init Duration: \d+ ms Phase: init Status: success$/m);
    } finally {
      await warmed.close();
    }
  });

  it('warms nothing twice: a function that has its environments is left as it is', async () => {
    // Prepare
    const warmed = new LambdaPool({ manifest, buildDir: join(dir, 'build-prewarm-twice'), size: 2 });
    try {
      await warmed.invoke({ functionName: 'EchoFunction', payload: '{}' });

      // Act
      await warmed.prewarm(['EchoFunction']);

      // Assess
      expect(warmed.stats()).toEqual([expect.objectContaining({ logicalId: 'EchoFunction', environments: 1, coldStarts: 1 })]);
    } finally {
      await warmed.close();
    }
  });

  it('refuses to warm an unknown function', async () => {
    await expect(pool.prewarm(['NoSuchFunction'])).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses an unknown function', async () => {
    await expect(pool.invoke({ functionName: 'NoSuchFunction', payload: '{}' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('writes each function log with START/END/REPORT lines', () => {
    const log = readFileSync(join(dir, 'logs', 'EchoFunction.log'), 'utf8');

    expect(log).toMatch(/START RequestId: [0-9a-f-]+ Version: \$LATEST/);
    expect(log).toMatch(/REPORT RequestId: [0-9a-f-]+ Duration: \d+ ms/);
  });
});
