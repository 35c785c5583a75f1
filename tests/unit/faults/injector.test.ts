import { FaultInjector, countsSince, parseFaults, summarizeFaults } from '../../../local/faults';

const request = (n: number) => ({ operation: 'GetObject', resource: `units/acme/${n}`, fingerprint: `GET data/units/acme/${n}` });

describe('Class: FaultInjector', () => {
  it('injects faults at the rate asked for, the same ones for the same seed', async () => {
    // Prepare
    const decide = async (seed: number): Promise<(string | undefined)[]> => {
      const faults = new FaultInjector(parseFaults(`s3=0.1,seed=${seed}`));
      return Promise.all(Array.from({ length: 2000 }, (_, n) => faults.decide('s3', request(n))));
    };

    // Act
    const first = await decide(3);
    const again = await decide(3);

    // Assess
    const injected = first.filter(Boolean).length;
    expect(injected).toBeGreaterThan(140);
    expect(injected).toBeLessThan(260);
    expect(new Set(first.filter(Boolean))).toEqual(new Set(['throttle', 'error']));
    expect(again).toEqual(first);
  });

  it('counts a request that repeats a failed one as its retry, once per fault', async () => {
    // Prepare
    const faults = new FaultInjector(parseFaults('s3-throttle=1,seed=1'));
    await faults.decide('s3', request(1));
    await faults.decide('s3', request(2));
    faults.setPlan(parseFaults('seed=1'));

    // Act
    await faults.decide('s3', request(1));
    await faults.decide('s3', request(1));
    await faults.decide('s3', request(3));

    // Assess
    expect(faults.counts()).toEqual({ injected: { s3: 2 }, total: 2, retries: 1, delayMs: 0 });
  });

  it('applies operation and resource filters, and names Lambda and permanent faults by kind', async () => {
    // Prepare
    const faults = new FaultInjector(parseFaults('s3.GetObject/units/-permanent=1,lambda-timeout=1'));

    // Act
    const onUnit = await faults.decide('s3', request(1));
    const onReport = await faults.decide('s3', { operation: 'GetObject', resource: 'reports/acme/r1.report.enc', fingerprint: 'r' });
    const onPut = await faults.decide('s3', { operation: 'PutObject', resource: 'units/acme/2', fingerprint: 'p' });
    const onLambda = await faults.decide('lambda', { operation: 'Invoke', resource: 'analyze', fingerprint: 'l' });

    // Assess
    expect([onUnit, onReport, onPut, onLambda]).toEqual(['permanent', undefined, undefined, 'timeout']);
    expect(summarizeFaults(faults.counts())).toBe('Injected faults: 2 (lambda-timeout 1, s3-permanent 1), retries: 0');
  });

  it('adds latency to every matching request', async () => {
    // Prepare
    const faults = new FaultInjector(parseFaults('dynamodb-latency=30'));
    const started = Date.now();

    // Act
    const fault = await faults.decide('dynamodb', { operation: 'PutItem', fingerprint: 'x' });

    // Assess
    expect(fault).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(faults.counts().delayMs).toBe(30);
  });
});

describe('Function: countsSince()', () => {
  it('gives what one run saw on a runtime that keeps counting', () => {
    expect(
      countsSince({ injected: { s3: 5, dynamodb: 2 }, total: 7, retries: 7, delayMs: 0 }, { injected: { s3: 3 }, total: 3, retries: 2, delayMs: 0 }),
    ).toEqual({ injected: { s3: 2, dynamodb: 2 }, total: 4, retries: 5, delayMs: 0 });
  });
});
