/**
 * The local fault switch at work: each local service asks it before serving a request, and it answers with a fault
 * at the rates of the plan (throttling, a 5xx, an access denial, added latency; for Lambda, a throttle or a timeout).
 * The services answer a fault in their own protocol (S3's SlowDown, DynamoDB's ThrottlingException…), so the SDK,
 * the handlers and the definitions meet exactly what AWS would give them.
 *
 * It counts what it injected, and what was retried: a request that repeats one it failed (same service, operation,
 * object and, for JSON APIs, body) is the retry of that fault, whoever retried it (the SDK or the state machine).
 * Every fault is retried at most once in the count, so `retries ≤ injected`, and the difference is faults nobody
 * recovered from.
 */
import { createRandom, type Random } from '../../bench/corpus/random';
import type { FaultKind, FaultPlan, FaultRule, FaultService } from './spec';

/** What a service is asked to answer instead of serving the request. */
type InjectedFault = 'throttle' | 'error' | 'permanent' | 'timeout';

/** A request as the fault switch sees it. */
type FaultRequest = {
  operation: string;
  /** The object, table or function it addresses. */
  resource?: string;
  /** What makes two requests the same request (a retry): operation, object, body digest… */
  fingerprint: string;
};

/** The question a local service asks before serving a request: resolves after any injected latency. */
type FaultGate = (request: FaultRequest) => Promise<InjectedFault | undefined>;

/** What was injected and retried so far. */
type FaultCounts = {
  /** Faults injected, by `<service>` or `<service>-<kind>` (Lambda and permanent faults are named by kind). */
  injected: Record<string, number>;
  total: number;
  /** Requests that repeated one a fault had failed. */
  retries: number;
  /** Milliseconds of latency added. */
  delayMs: number;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const matches = (rule: FaultRule, service: FaultService, request: Omit<FaultRequest, 'fingerprint'>): boolean =>
  rule.service === service &&
  (rule.operation === undefined || rule.operation === request.operation) &&
  (rule.resourcePrefix === undefined || (request.resource ?? '').startsWith(rule.resourcePrefix));

const counterName = (service: FaultService, fault: InjectedFault): string =>
  service === 'lambda' ? `lambda-${fault}` : fault === 'permanent' ? `${service}-permanent` : service;

/**
 * @example
 * const faults = new FaultInjector(parseFaults(process.env.LOCAL_FAULTS));
 * await startS3Server({ dataDir, faults: faults.gate('s3') });
 * faults.summary(); // 'Injected faults: 12 (s3 7, dynamodb 5), retries: 12'
 */
class FaultInjector {
  #plan: FaultPlan;
  #random: Random;
  #injected = new Map<string, number>();
  #retries = 0;
  #delayMs = 0;
  /** Fingerprint → faults injected on it and not yet retried. */
  readonly #pending = new Map<string, number>();
  readonly #listeners: ((plan: FaultPlan) => void)[] = [];
  readonly #countListeners: (() => void)[] = [];

  public constructor(plan: FaultPlan) {
    this.#plan = plan;
    this.#random = createRandom(plan.seed);
  }

  /** The plan in force. */
  public get plan(): FaultPlan {
    return this.#plan;
  }

  /** Whether any fault can be injected at all. */
  public get active(): boolean {
    return this.#plan.rules.some((rule) => rule.value > 0);
  }

  /** Replaces the plan from now on (counts are kept); `onPlan` listeners hear of it. */
  public setPlan(plan: FaultPlan): void {
    this.#plan = plan;
    this.#random = createRandom(plan.seed);
    for (const listener of this.#listeners) listener(plan);
  }

  /** Called with the plan now and whenever it changes (e.g. to hand the KMS rates to function environments). */
  public onPlan(listener: (plan: FaultPlan) => void): void {
    this.#listeners.push(listener);
    listener(this.#plan);
  }

  /** Called whenever a count changes (to keep a copy for commands attached to the runtime exact). */
  public onCounts(listener: () => void): void {
    this.#countListeners.push(listener);
  }

  /** The rules of one kind-agnostic service, for a caller that injects on its own (the local keystore for KMS). */
  public rulesFor(service: FaultService): FaultRule[] {
    return this.#plan.rules.filter((rule) => rule.service === service);
  }

  /**
   * Decides for one request: counts it as a retry if it repeats a failed one, waits any added latency, and answers
   * the fault to inject, if any.
   */
  public async decide(service: FaultService, request: FaultRequest): Promise<InjectedFault | undefined> {
    const key = `${service}|${request.fingerprint}`;
    const pending = this.#pending.get(key) ?? 0;
    if (pending > 0) {
      this.#retries += 1;
      if (pending === 1) this.#pending.delete(key);
      else this.#pending.set(key, pending - 1);
      this.#changed();
    }
    const rules = this.#plan.rules.filter((rule) => matches(rule, service, request));
    const latency = rules.filter((rule) => rule.kind === 'latency').reduce((sum, rule) => sum + rule.value, 0);
    if (latency > 0) {
      this.#delayMs += latency;
      await sleep(latency);
    }
    for (const rule of rules) {
      if (rule.kind === 'latency' || rule.value <= 0 || this.#random.next() >= rule.value) continue;
      const fault = this.#faultOf(rule.kind);
      this.record(service, fault, request.fingerprint);
      return fault;
    }
    return undefined;
  }

  /** A gate for one service's emulator. */
  public gate(service: FaultService): FaultGate {
    return (request) => this.decide(service, request);
  }

  /** Counts a fault injected elsewhere (a function's own injection, seen in its error), so its retry is counted too. */
  public record(service: FaultService, fault: InjectedFault, fingerprint: string): void {
    const name = counterName(service, fault);
    this.#injected.set(name, (this.#injected.get(name) ?? 0) + 1);
    const key = `${service}|${fingerprint}`;
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
    this.#changed();
  }

  /** Counts a request that fault did not decide on (a retry of a fault recorded with {@link record}). */
  public seen(service: FaultService, fingerprint: string): void {
    const key = `${service}|${fingerprint}`;
    const pending = this.#pending.get(key) ?? 0;
    if (pending === 0) return;
    this.#retries += 1;
    if (pending === 1) this.#pending.delete(key);
    else this.#pending.set(key, pending - 1);
    this.#changed();
  }

  public counts(): FaultCounts {
    const injected = Object.fromEntries([...this.#injected].sort(([a], [b]) => a.localeCompare(b)));
    return { injected, total: [...this.#injected.values()].reduce((sum, count) => sum + count, 0), retries: this.#retries, delayMs: this.#delayMs };
  }

  #changed(): void {
    for (const listener of this.#countListeners) listener();
  }

  #faultOf(kind: FaultKind): InjectedFault {
    if (kind === 'transient') return this.#random.next() < 0.5 ? 'throttle' : 'error';
    return kind as InjectedFault;
  }
}

/**
 * The line `npm start` prints: `Injected faults: <N> (<by service>), retries: <M>`.
 *
 * @example
 * summarizeFaults({ injected: { s3: 3, 'lambda-throttle': 1 }, total: 4, retries: 4, delayMs: 0 }); // 'Injected faults: 4 (s3 3, lambda-throttle 1), retries: 4'
 */
const summarizeFaults = (counts: FaultCounts): string => {
  const parts = Object.entries(counts.injected).map(([name, count]) => `${name} ${count}`);
  const delay = counts.delayMs > 0 ? `, ${(counts.delayMs / 1000).toFixed(1)} s of added latency` : '';
  return `Injected faults: ${counts.total}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}, retries: ${counts.retries}${delay}`;
};

/** The difference between two counts (what one run saw, on a runtime that keeps counting). */
const countsSince = (now: FaultCounts, before: FaultCounts): FaultCounts => {
  const injected: Record<string, number> = {};
  for (const [name, count] of Object.entries(now.injected)) {
    const delta = count - (before.injected[name] ?? 0);
    if (delta > 0) injected[name] = delta;
  }
  return { injected, total: now.total - before.total, retries: now.retries - before.retries, delayMs: now.delayMs - before.delayMs };
};

export { FaultInjector, countsSince, summarizeFaults };
export type { FaultCounts, FaultGate, FaultRequest, InjectedFault };
