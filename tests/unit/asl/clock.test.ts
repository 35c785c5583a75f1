import { createTimers } from '../../../local/asl/clock';

describe('Function: createTimers()', () => {
  it('sleeps Wait and retry time through the given sleep, scaled', async () => {
    // Prepare
    const slept: number[] = [];
    const timers = createTimers({ clock: { sleep: async (ms) => void slept.push(ms) }, timeScale: 0.5 });

    // Act
    await timers.sleepSeconds(4);
    await timers.sleepMs(10);

    // Assess
    expect(slept).toEqual([2000, 5]);
  });

  it('runs timeouts on real timers even when the sleep returns at once', async () => {
    // Prepare
    const timers = createTimers({ clock: { sleep: async () => undefined }, timeScale: 0.001 });
    let fired = false;

    // Act
    const deadline = timers.deadlineSeconds(50, new AbortController().signal).then(() => (fired = true));
    await timers.sleepSeconds(1);

    // Assess
    expect(fired).toBe(false);
    await deadline;
    expect(fired).toBe(true);
  });

  it('never fires a timeout with timeScale 0, and rejects it when aborted', async () => {
    // Prepare
    const timers = createTimers({ timeScale: 0 });
    const controller = new AbortController();

    // Act
    const deadline = timers.deadlineSeconds(1, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error('stopped'));

    // Assess
    await expect(deadline).rejects.toThrow('stopped');
  });

  it('refuses a negative time scale', () => {
    // Act & Assess
    expect(() => createTimers({ timeScale: -1 })).toThrow(RangeError);
  });
});
