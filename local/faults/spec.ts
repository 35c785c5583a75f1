/**
 * The local fault switch, as written in `LOCAL_FAULTS` (or `--faults`): which services fail, how, and how often.
 *
 * ```
 * LOCAL_FAULTS='s3=0.1,dynamodb=0.1,kms=0.1,events=0.1,lambda-throttle=0.05,seed=7'
 * ```
 *
 * One entry per comma: `<service>[.<Operation>][/<resource prefix>][-<kind>]=<value>`.
 * - services: `s3`, `dynamodb`, `kms`, `events` (or `eventbridge`), `lambda`;
 * - kinds: `transient` (the default: throttling or a 5xx, half each), `throttle`, `error` (5xx), `permanent` (access
 *   denied: no retry helps), `latency` (the value is milliseconds added to each matching request), and for Lambda
 *   `throttle` (the default for `lambda`) and `timeout` (the invocation ends `Sandbox.Timedout` at once);
 * - the value is the share of matching requests that fail, from 0 to 1 (`latency`: milliseconds);
 * - `Operation` limits the entry to one API operation (`s3.GetObject`), the prefix to objects, tables or functions
 *   whose name starts with it (`s3.GetObject/units/-permanent=1`);
 * - `seed=<n>` fixes the sequence of choices (the same seed, the same faults for the same requests in the same order).
 */
import { FaultSpecError } from './errors';

/** Services the local runtime can inject faults into. */
const FaultServices = ['s3', 'dynamodb', 'kms', 'events', 'lambda'] as const;
type FaultService = (typeof FaultServices)[number];

/** How a request fails. */
const FaultKinds = ['transient', 'throttle', 'error', 'permanent', 'timeout', 'latency'] as const;
type FaultKind = (typeof FaultKinds)[number];

/** One entry of the switch. */
type FaultRule = {
  service: FaultService;
  kind: FaultKind;
  /** Share of matching requests (0–1), or milliseconds for `latency`. */
  value: number;
  /** Only this API operation (e.g. `GetObject`, `PutItem`). */
  operation?: string;
  /** Only objects, tables or functions whose name starts with this. */
  resourcePrefix?: string;
};

/** The whole switch. */
type FaultPlan = { rules: readonly FaultRule[]; seed: number };

const ALIASES: Record<string, FaultService> = { eventbridge: 'events' };

/** `lambda=0.05` throttles; every other service's bare entry is transient (throttle or 5xx). */
const defaultKind = (service: FaultService): FaultKind => (service === 'lambda' ? 'throttle' : 'transient');

const ENTRY = /^([a-z][a-z0-9]*)(?:\.([A-Za-z]+))?(?:\/([^=]*?))?(?:-(transient|throttle|error|permanent|timeout|latency))?$/;

/**
 * Reads a fault switch; an empty or missing one injects nothing.
 *
 * @example
 * parseFaults('s3=0.1,lambda-throttle=0.05'); // { seed: …, rules: [{ service: 's3', kind: 'transient', value: 0.1 }, …] }
 */
const parseFaults = (spec: string | undefined, defaultSeed = Date.now()): FaultPlan => {
  const rules: FaultRule[] = [];
  let seed = defaultSeed;
  for (const raw of (spec ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)) {
    const equals = raw.indexOf('=');
    if (equals < 1) throw new FaultSpecError(raw, 'expected <service>[-<kind>]=<value>');
    const name = raw.slice(0, equals);
    const text = raw.slice(equals + 1);
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < 0) throw new FaultSpecError(raw, `${text} is not a number of 0 or more`);
    if (name === 'seed') {
      if (!Number.isInteger(value)) throw new FaultSpecError(raw, 'the seed is a whole number');
      seed = value;
      continue;
    }
    const match = ENTRY.exec(name);
    const service = match ? (ALIASES[match[1]] ?? match[1]) : undefined;
    if (!match || !FaultServices.includes(service as FaultService)) {
      throw new FaultSpecError(raw, `the service is one of ${FaultServices.join(', ')} (eventbridge for events)`);
    }
    const kind = (match[4] as FaultKind | undefined) ?? defaultKind(service as FaultService);
    if (kind === 'timeout' && service !== 'lambda') throw new FaultSpecError(raw, 'timeouts are injected into Lambda invocations only');
    if (service === 'lambda' && !['throttle', 'timeout', 'latency'].includes(kind)) throw new FaultSpecError(raw, 'Lambda faults are throttle, timeout or latency');
    if (kind !== 'latency' && value > 1) throw new FaultSpecError(raw, `a rate is a share from 0 to 1, not ${value}`);
    rules.push({
      service: service as FaultService,
      kind,
      value,
      ...(match[2] ? { operation: match[2] } : {}),
      ...(match[3] ? { resourcePrefix: match[3] } : {}),
    });
  }
  return { rules, seed };
};

/** The switch as it would be written (what `npm run local` and `npm start` print). */
const formatFaults = (plan: FaultPlan): string =>
  plan.rules
    .map((rule) => `${rule.service}${rule.operation ? `.${rule.operation}` : ''}${rule.resourcePrefix ? `/${rule.resourcePrefix}` : ''}${rule.kind === defaultKind(rule.service) ? '' : `-${rule.kind}`}=${rule.value}`)
    .join(',');

export { FaultKinds, FaultServices, formatFaults, parseFaults };
export type { FaultKind, FaultPlan, FaultRule, FaultService };
