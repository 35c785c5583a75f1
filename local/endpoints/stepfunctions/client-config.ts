/**
 * What an `@aws-sdk/client-sfn` client needs to talk to the local endpoint.
 */

/** The subset of SFNClientConfig the local endpoint needs; spread more options over it as usual. */
type LocalStepFunctionsClientConfig = {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /**
   * StartSyncExecution is modelled with the host prefix `sync-`; against a single local endpoint the prefixed
   * host (`sync-127.0.0.1`) does not resolve, so prefixing must be off.
   */
  disableHostPrefix: true;
};

/**
 * Client configuration for the local endpoint at `url`: any credentials work (the endpoint checks the shape of
 * the signature, not its value), and host prefixing is off so StartSyncExecution reaches the same endpoint.
 *
 * @example
 * const sfn = new SFNClient(stepFunctionsClientConfig('http://127.0.0.1:8083'));
 */
const stepFunctionsClientConfig = (url: string, region = 'us-east-1'): LocalStepFunctionsClientConfig => ({
  endpoint: url,
  region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  disableHostPrefix: true,
});

export { stepFunctionsClientConfig };
export type { LocalStepFunctionsClientConfig };
