/**
 * Cloud cost of a run, from measured quantities and published on-demand prices (US East, N. Virginia; no free
 * tier, no savings plans). Sources and the date they were read are in docs/benchmarks.md, "Workflow".
 *
 *   cost = Lambda requests × $0.20/1M + Lambda GB-s × $0.0000133334 (arm64)
 *        + Standard transitions × $0.025/1,000
 *        + Express requests × $1.00/1M + Express GB-s × $0.00001667
 *        + S3 PUT/COPY/POST/LIST × $0.005/1,000 + S3 GET/HEAD × $0.0004/1,000
 *        + DynamoDB WRU × $0.625/1M + RRU × $0.125/1M
 *        + EventBridge custom events × $1.00/1M
 *   cost per million lines = cost × 1,000,000 / lines analysed
 */

/** Published unit prices, USD. */
const PRICES = {
  /** Lambda, per request. */
  lambdaRequest: 0.2 / 1e6,
  /** Lambda arm64 duration, per GB-second (first 7.5 billion GB-s a month). */
  lambdaArmGbSecond: 0.0000133334,
  /** Step Functions Standard, per state transition. */
  standardTransition: 0.025 / 1000,
  /** Step Functions Express, per request (execution started). */
  expressRequest: 1 / 1e6,
  /** Step Functions Express duration, per GB-second (first 1,000 GB-hours a month; billed in 64 MB, 100 ms steps). */
  expressGbSecond: 0.00001667,
  /** S3 Standard PUT, COPY, POST, LIST, per request. */
  s3Tier1Request: 0.005 / 1000,
  /** S3 Standard GET, SELECT and all other requests, per request. */
  s3Tier2Request: 0.0004 / 1000,
  /** DynamoDB on-demand, per write request unit. */
  dynamodbWriteUnit: 0.625 / 1e6,
  /** DynamoDB on-demand, per read request unit. */
  dynamodbReadUnit: 0.125 / 1e6,
  /** EventBridge, per custom event published. */
  eventBridgeEvent: 1 / 1e6,
} as const;

/** Memory an Express child execution is billed for: the smallest step, 64 MB (small definition, batch payloads under 256 KB). */
const EXPRESS_BILLED_MEMORY_MB = 64;

/** The measured quantities of one run. */
type CostInputs = {
  /** Lines of code the run analysed. */
  loc: number;
  lambdaRequests: number;
  /** Σ over invocations of duration (ms, rounded up to 1 ms) × MemorySize (GB) / 1000. */
  lambdaGbSeconds: number;
  /** States entered in Standard executions + retries + one per Distributed Map child execution started. */
  standardTransitions: number;
  expressRequests: number;
  /** Σ over Express executions of duration rounded up to 100 ms × 64 MB. */
  expressGbSeconds: number;
  s3Tier1Requests: number;
  s3Tier2Requests: number;
  dynamodbWriteUnits: number;
  dynamodbReadUnits: number;
  events: number;
};

/** One line of the cost table. */
type CostLine = {
  component: string;
  quantity: number;
  unitPrice: number;
  /** The price as published (`$0.20 per 1M requests`). */
  price: string;
  usd: number;
  usdPerMillionLines: number;
};

/** The cost of one run, by component. */
type CostBreakdown = { lines: CostLine[]; totalUsd: number; usdPerMillionLines: number };

/**
 * Prices one run.
 *
 * @example
 * const { usdPerMillionLines } = costOf({ loc: 200_000, lambdaRequests: 45, lambdaGbSeconds: 30.2, … });
 */
const costOf = (inputs: CostInputs): CostBreakdown => {
  if (!(inputs.loc > 0)) throw new RangeError(`cost per line needs a positive line count (got ${inputs.loc})`);
  const components: [string, number, number, string][] = [
    ['Lambda requests', inputs.lambdaRequests, PRICES.lambdaRequest, '$0.20 per 1M'],
    ['Lambda duration (GB-s, arm64)', inputs.lambdaGbSeconds, PRICES.lambdaArmGbSecond, '$0.0000133334 per GB-s'],
    ['Step Functions Standard transitions', inputs.standardTransitions, PRICES.standardTransition, '$0.025 per 1K'],
    ['Step Functions Express requests', inputs.expressRequests, PRICES.expressRequest, '$1.00 per 1M'],
    ['Step Functions Express duration (GB-s)', inputs.expressGbSeconds, PRICES.expressGbSecond, '$0.00001667 per GB-s'],
    ['S3 PUT/COPY/POST/LIST requests', inputs.s3Tier1Requests, PRICES.s3Tier1Request, '$0.005 per 1K'],
    ['S3 GET/HEAD requests', inputs.s3Tier2Requests, PRICES.s3Tier2Request, '$0.0004 per 1K'],
    ['DynamoDB write request units', inputs.dynamodbWriteUnits, PRICES.dynamodbWriteUnit, '$0.625 per 1M'],
    ['DynamoDB read request units', inputs.dynamodbReadUnits, PRICES.dynamodbReadUnit, '$0.125 per 1M'],
    ['EventBridge events', inputs.events, PRICES.eventBridgeEvent, '$1.00 per 1M'],
  ];
  const perMillion = 1e6 / inputs.loc;
  const lines = components.map(([component, quantity, unitPrice, price]) => {
    const usd = quantity * unitPrice;
    return { component, quantity, unitPrice, price, usd, usdPerMillionLines: usd * perMillion };
  });
  const totalUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  return { lines, totalUsd, usdPerMillionLines: totalUsd * perMillion };
};

/**
 * GB-seconds Lambda bills for invocations of one function: each duration rounded up to the millisecond.
 *
 * @example
 * lambdaGbSeconds([1200.4, 80.1], 1769); // (1201 + 81) ms × 1769/1024 GB
 */
const lambdaGbSeconds = (durationsMillis: readonly number[], memoryMb: number): number =>
  durationsMillis.reduce((sum, millis) => sum + Math.ceil(millis), 0) / 1000 * (memoryMb / 1024);

/** GB-seconds Express bills for executions whose rounded durations sum to `billedMillis`. */
const expressGbSeconds = (billedMillis: number): number => (billedMillis / 1000) * (EXPRESS_BILLED_MEMORY_MB / 1024);

export { EXPRESS_BILLED_MEMORY_MB, PRICES, costOf, expressGbSeconds, lambdaGbSeconds };
export type { CostBreakdown, CostInputs, CostLine };
