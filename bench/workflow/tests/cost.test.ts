import { PRICES, costOf, expressGbSeconds, lambdaGbSeconds, type CostInputs } from '../cost';

const none: CostInputs = {
  loc: 1_000_000,
  lambdaRequests: 0,
  lambdaGbSeconds: 0,
  standardTransitions: 0,
  expressRequests: 0,
  expressGbSeconds: 0,
  s3Tier1Requests: 0,
  s3Tier2Requests: 0,
  dynamodbWriteUnits: 0,
  dynamodbReadUnits: 0,
  events: 0,
};

describe('Function: costOf()', () => {
  it.each([
    ['Lambda requests', { lambdaRequests: 1_000_000 }, 0.2],
    ['Lambda duration (GB-s, arm64)', { lambdaGbSeconds: 100_000 }, 1.33334],
    ['Step Functions Standard transitions', { standardTransitions: 1000 }, 0.025],
    ['Step Functions Express requests', { expressRequests: 1_000_000 }, 1],
    ['Step Functions Express duration (GB-s)', { expressGbSeconds: 1000 }, 0.01667],
    ['S3 PUT/COPY/POST/LIST requests', { s3Tier1Requests: 1000 }, 0.005],
    ['S3 GET/HEAD requests', { s3Tier2Requests: 1000 }, 0.0004],
    ['DynamoDB write request units', { dynamodbWriteUnits: 1_000_000 }, 0.625],
    ['DynamoDB read request units', { dynamodbReadUnits: 1_000_000 }, 0.125],
    ['EventBridge events', { events: 1_000_000 }, 1],
  ])('prices %s at the published rate', (component, quantities, expectedUsd) => {
    // Act
    const { lines, totalUsd } = costOf({ ...none, ...quantities });

    // Assess
    expect(lines.find((line) => line.component === component)?.usd).toBeCloseTo(expectedUsd, 8);
    expect(totalUsd).toBeCloseTo(expectedUsd, 8);
  });

  it('scales the run cost to one million lines', () => {
    // Act
    const { totalUsd, usdPerMillionLines } = costOf({ ...none, loc: 250_000, standardTransitions: 40 });

    // Assess
    expect(totalUsd).toBeCloseTo(40 * PRICES.standardTransition, 12);
    expect(usdPerMillionLines).toBeCloseTo(4 * totalUsd, 12);
  });

  it('refuses a run without lines', () => {
    // Act & Assess
    expect(() => costOf({ ...none, loc: 0 })).toThrow(/positive line count/);
  });
});

describe('Function: lambdaGbSeconds()', () => {
  it('rounds each invocation up to the millisecond and weighs it by MemorySize', () => {
    // Act
    const gbSeconds = lambdaGbSeconds([1000.2, 99.9], 2048);

    // Assess
    expect(gbSeconds).toBeCloseTo(((1001 + 100) / 1000) * 2, 10);
  });
});

describe('Function: expressGbSeconds()', () => {
  it('bills the 64 MB step for the rounded duration', () => {
    // Act & Assess
    expect(expressGbSeconds(2000)).toBeCloseTo(2 * (64 / 1024), 10);
  });
});
