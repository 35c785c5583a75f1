import { formatFaults, parseFaults } from '../../../local/faults';

describe('Function: parseFaults()', () => {
  it('reads the issue’s example: transient rates per service and a Lambda throttle rate', () => {
    // Act
    const plan = parseFaults('s3=0.1,dynamodb=0.1,kms=0.1,lambda-throttle=0.05', 7);

    // Assess
    expect(plan).toEqual({
      seed: 7,
      rules: [
        { service: 's3', kind: 'transient', value: 0.1 },
        { service: 'dynamodb', kind: 'transient', value: 0.1 },
        { service: 'kms', kind: 'transient', value: 0.1 },
        { service: 'lambda', kind: 'throttle', value: 0.05 },
      ],
    });
  });

  it('reads kinds, operations, resource prefixes, latency, aliases and the seed', () => {
    // Act
    const plan = parseFaults('s3.GetObject/units/acme-co/-permanent=1, eventbridge-throttle=0.2, dynamodb-latency=25, lambda-timeout=0.01, seed=42');

    // Assess
    expect(plan).toEqual({
      seed: 42,
      rules: [
        { service: 's3', kind: 'permanent', value: 1, operation: 'GetObject', resourcePrefix: 'units/acme-co/' },
        { service: 'events', kind: 'throttle', value: 0.2 },
        { service: 'dynamodb', kind: 'latency', value: 25 },
        { service: 'lambda', kind: 'timeout', value: 0.01 },
      ],
    });
    expect(formatFaults(plan)).toBe('s3.GetObject/units/acme-co/-permanent=1,events-throttle=0.2,dynamodb-latency=25,lambda-timeout=0.01');
  });

  it('injects nothing for an empty or missing switch', () => {
    expect(parseFaults('', 1)).toEqual({ seed: 1, rules: [] });
    expect(parseFaults(undefined, 1)).toEqual({ seed: 1, rules: [] });
  });

  it.each([
    ['sqs=0.1', /the service is one of s3, dynamodb, kms, events, lambda/],
    ['s3=lots', /lots is not a number/],
    ['s3=1.5', /a rate is a share from 0 to 1/],
    ['s3-timeout=0.1', /timeouts are injected into Lambda invocations only/],
    ['lambda-error=0.1', /Lambda faults are throttle, timeout or latency/],
    ['s3', /expected <service>\[-<kind>\]=<value>/],
    ['seed=1.5', /the seed is a whole number/],
  ])('refuses %s, naming the entry and what is wrong', (spec, problem) => {
    expect(() => parseFaults(spec)).toThrow(problem);
    expect(() => parseFaults(spec)).toThrow(`LOCAL_FAULTS entry '${spec}'`);
  });
});
