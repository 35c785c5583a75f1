import { SinkQueue } from '../../../functions/lib/source/sinkQueue';
import type { SourceUnit } from '../../../functions/lib/source';

const unit = (i: number): SourceUnit => ({
  unitId: String(i).padStart(64, '0'),
  language: 'javascript',
  path: `u${i}.js`,
  files: [{ path: `u${i}.js`, name: `u${i}.js`, text: 'x' }],
  loc: 1,
  bytes: 1,
});

/** A put that stays pending until released, recording how many run at once. */
const gatedSink = () => {
  const gates: Array<() => void> = [];
  let running = 0;
  let peak = 0;
  return {
    peak: () => peak,
    release: () => gates.splice(0).forEach((open) => open()),
    put: async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running -= 1;
    },
  };
};

describe('Class: SinkQueue', () => {
  it('runs at most `concurrency` puts at once and waits for a free slot', async () => {
    // Prepare
    const sink = gatedSink();
    const queue = new SinkQueue(sink, 3);

    // Act
    for (let i = 0; i < 3; i += 1) await queue.put(unit(i), Buffer.from('x'));
    let fourthStarted = false;
    const fourth = queue.put(unit(3), Buffer.from('x')).then(() => {
      fourthStarted = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const startedBeforeRelease = fourthStarted;
    sink.release();
    await fourth;
    sink.release();
    await queue.drain();

    // Assess
    expect(startedBeforeRelease).toBe(false);
    expect(sink.peak()).toBe(3);
  });

  it('rethrows the first failed put on the next put and on drain', async () => {
    // Prepare
    const queue = new SinkQueue(
      {
        put: async (u) => {
          if (u.path === 'u1.js') throw new Error('PUT failed for u1');
        },
      },
      1,
    );

    // Act
    await queue.put(unit(0), Buffer.from('x'));
    await queue.put(unit(1), Buffer.from('x'));
    const next = await queue.put(unit(2), Buffer.from('x')).catch((error: unknown) => error);
    const drained = await queue.drain().catch((error: unknown) => error);

    // Assess
    expect((next as Error).message).toBe('PUT failed for u1');
    expect((drained as Error).message).toBe('PUT failed for u1');
  });
});
