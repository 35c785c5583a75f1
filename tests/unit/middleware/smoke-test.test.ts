/** smokeTest(): the answer to the CodeDeploy PreTraffic hook's smoke event, alone and in the handler stack. */
import '../functions/support/quiet-powertools';
import middy from '@middy/core';
import { lambdaHandler } from '../../../functions/lib/middleware';
import { isSmokeEvent, smokeTest } from '../../../functions/lib/middleware/smoke-test';
import { metrics } from '../../../functions/lib/powertools';
import { lambdaContext } from '../functions/support/lambda';

describe('Function: isSmokeEvent()', () => {
  it.each([
    [{ smokeTest: true }, true],
    [{ smokeTest: true, customerId: 'acme' }, true],
    [{ smokeTest: 'true' }, false],
    [{ smokeTest: false }, false],
    [{}, false],
    [null, false],
    ['smokeTest', false],
    [[{ smokeTest: true }], false],
  ])('tells %j is a smoke event: %s', (event, expected) => {
    expect(isSmokeEvent(event)).toBe(expected);
  });
});

describe('Function: smokeTest()', () => {
  let work: jest.Mock;

  beforeEach(() => {
    work = jest.fn(async () => 'handled');
  });

  it('answers the smoke event with ok, the version and the checks, without running the handler', async () => {
    // Prepare
    const check = jest.fn(async () => ({ table: 'analysis', bucket: 'data' }));
    const handler = middy(work).use(smokeTest({ check }));

    // Act
    const answer = await handler({ smokeTest: true }, lambdaContext('SplitSourceFunction', '42'));

    // Assess
    expect(answer).toEqual({ ok: true, functionName: 'SplitSourceFunction', functionVersion: '42', checks: { table: 'analysis', bucket: 'data' } });
    expect(check).toHaveBeenCalledTimes(1);
    expect(work).not.toHaveBeenCalled();
  });

  it('answers with empty checks when the function has none', async () => {
    // Act
    const answer = await middy(work).use(smokeTest())({ smokeTest: true }, lambdaContext());

    // Assess
    expect(answer).toMatchObject({ ok: true, checks: {} });
  });

  it.each([
    ['an ordinary event', { customerId: 'acme' }],
    ['a smoke flag that is not true', { smokeTest: 'yes' }],
  ])('passes %s on to the handler without running the check', async (_case, event) => {
    // Prepare
    const check = jest.fn(() => ({}));

    // Act
    const answer = await middy(work).use(smokeTest({ check }))(event, lambdaContext());

    // Assess
    expect(answer).toBe('handled');
    expect(work.mock.calls.map(([received]) => received)).toEqual([event]);
    expect(check).not.toHaveBeenCalled();
  });

  it('fails the smoke test when a check throws', async () => {
    // Prepare
    const check = () => {
      throw Object.assign(new Error('Environment variable TABLE_NAME is not set'), { name: 'ConfigurationError' });
    };

    // Act + Assess
    await expect(middy(work).use(smokeTest({ check }))({ smokeTest: true }, lambdaContext())).rejects.toMatchObject({ name: 'ConfigurationError' });
    expect(work).not.toHaveBeenCalled();
  });
});

describe('Function: lambdaHandler()', () => {
  it('answers the smoke event and still flushes metrics, which returning early would skip', async () => {
    // Prepare
    const publish = jest.spyOn(metrics, 'publishStoredMetrics');
    const work = jest.fn(async () => 'handled');
    const handler = lambdaHandler(work, { smokeCheck: () => ({ rulePackVersion: '1.0.0' }) });

    // Act
    const answer = await handler({ smokeTest: true }, lambdaContext('AnalyzeUnitsFunction', '3'));

    // Assess
    expect(answer).toEqual({ ok: true, functionName: 'AnalyzeUnitsFunction', functionVersion: '3', checks: { rulePackVersion: '1.0.0' } });
    expect(work).not.toHaveBeenCalled();
    expect(publish).toHaveBeenCalledTimes(1);
    publish.mockRestore();
  });

  it('runs the handler for any other event and flushes metrics once', async () => {
    // Prepare
    const publish = jest.spyOn(metrics, 'publishStoredMetrics');
    const handler = lambdaHandler(async (event: { n: number }) => event.n * 2);

    // Act
    const answer = await handler({ n: 21 }, lambdaContext());

    // Assess
    expect(answer).toBe(42);
    expect(publish).toHaveBeenCalledTimes(1);
    publish.mockRestore();
  });

  it('rethrows the handler’s error by name, as the state machine matches it', async () => {
    // Prepare
    class RunNotRunningError extends Error {
      public constructor() {
        super('Run r1 is no longer RUNNING');
        this.name = 'RunNotRunningError';
      }
    }
    const handler = lambdaHandler(async () => {
      throw new RunNotRunningError();
    });

    // Act + Assess
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ name: 'RunNotRunningError' });
  });
});
