/**
 * Where the fault switch meets what is not an emulator: Lambda invocations (a throttle or a timeout instead of the
 * call, as the Lambda service answers them) and the local keystore that stands in for KMS (its rates handed to the
 * function environments through a file; the faults it injects are seen here, in the functions' errors).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { KMS_FAULTS, type KmsFaultRates } from '../../functions/lib/crypto';
import type { FaultInjector } from './injector';
import type { FaultPlan } from './spec';

/** The marker every injected fault's message carries. */
const INJECTED_MARKER = '(injected by LOCAL_FAULTS)';

/** The slice of a Lambda Invoke request and answer this needs. */
type InvokeRequest = { functionName: string; qualifier?: string; payload: string };
type InvokeAnswer = { statusCode: number; payload: string; functionError?: 'Unhandled' | 'Handled'; executedVersion: string; requestId?: string };

/** The KMS rates of a plan, as the function environments read them. */
const kmsRatesOf = (plan: FaultPlan): KmsFaultRates => {
  const rates: KmsFaultRates = { throttle: 0, error: 0, permanent: 0, latencyMs: 0 };
  for (const rule of plan.rules) {
    if (rule.service !== 'kms') continue;
    if (rule.kind === 'transient') {
      rates.throttle += rule.value / 2;
      rates.error += rule.value / 2;
    } else if (rule.kind === 'latency') rates.latencyMs += rule.value;
    else if (rule.kind === 'throttle' || rule.kind === 'error' || rule.kind === 'permanent') rates[rule.kind] += rule.value;
  }
  return rates;
};

/**
 * Keeps the file the function environments read their KMS fault rates from (`LOCAL_KMS_FAULTS_FILE`) in step with
 * the switch.
 */
const handKmsRatesToFunctions = (faults: FaultInjector, file: string): void =>
  faults.onPlan((plan) => writeFileSync(file, `${JSON.stringify(kmsRatesOf(plan))}\n`));

/** The KMS fault a function reported in its error payload, if it was an injected one. */
const injectedKmsFault = (payload: string): 'throttle' | 'error' | 'permanent' | undefined => {
  if (!payload.includes(INJECTED_MARKER) || !payload.includes('KMS ')) return undefined;
  const kind = (Object.keys(KMS_FAULTS) as (keyof typeof KMS_FAULTS)[]).find((candidate) => payload.includes(KMS_FAULTS[candidate][0]));
  return kind;
};

/**
 * A Lambda invoker with the switch in front: a throttle answers `TooManyRequestsException` (the state machine's
 * `Lambda.TooManyRequestsException`), a timeout answers `Sandbox.Timedout` at once instead of after the function's
 * timeout; and a KMS fault the function met in the local keystore is counted, so its retry is too.
 *
 * @example
 * const invoke = withLambdaFaults(faults, (request) => pool.invoke(request));
 */
const withLambdaFaults =
  <R extends InvokeRequest>(faults: FaultInjector, invoke: (request: R) => Promise<InvokeAnswer>) =>
  async (request: R): Promise<InvokeAnswer> => {
    const fingerprint = `${request.functionName}:${request.qualifier ?? ''} ${createHash('sha256').update(request.payload).digest('hex')}`;
    faults.seen('kms', fingerprint);
    const fault = await faults.decide('lambda', { operation: 'Invoke', resource: request.functionName, fingerprint });
    if (fault === 'throttle') throw Object.assign(new Error(`Rate Exceeded. ${INJECTED_MARKER}`), { name: 'TooManyRequestsException' });
    if (fault === 'timeout') {
      const payload = JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: `Task timed out ${INJECTED_MARKER}` });
      return { statusCode: 200, payload, functionError: 'Unhandled', executedVersion: '$LATEST' };
    }
    const answer = await invoke(request);
    const kms = answer.functionError ? injectedKmsFault(answer.payload) : undefined;
    if (kms) faults.record('kms', kms, fingerprint);
    return answer;
  };

export { INJECTED_MARKER, handKmsRatesToFunctions, kmsRatesOf, withLambdaFaults };
