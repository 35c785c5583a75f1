/**
 * The local API's callers: each access key of the local credential store, seen as IAM would see its principal in
 * the cloud. A customer is a role session tagged `customerId=<id>` carrying the template's CustomerAccessPolicy (what
 * `npm run customer -- add <id> --cloud` creates); the operator carries ApiOperatorRole's policies. So the local API
 * authorises with the very policy documents the stack deploys.
 */
import type { Caller, CallerDirectory } from '../endpoints/rest-api';
import type { PolicyDocument } from '../iam';
import type { AppManifest } from '../manifest';
import type { LocalCredentialStore } from './credentials';

/** The template resources whose policies a customer's and the operator's principals carry. */
const CUSTOMER_POLICY = 'CustomerAccessPolicy';
const OPERATOR_ROLE = 'ApiOperatorRole';

/**
 * @example
 * const callers = apiCallersOf(manifest, new LocalCredentialStore(keystoreDir));
 */
const apiCallersOf = (manifest: AppManifest, store: LocalCredentialStore): CallerDirectory => {
  const customerPolicy = manifest.resourceProperties(CUSTOMER_POLICY)?.PolicyDocument as PolicyDocument | undefined;
  const operatorPolicies = ((manifest.resourceProperties(OPERATOR_ROLE)?.Policies ?? []) as { PolicyDocument: PolicyDocument }[]).map((policy) => policy.PolicyDocument);
  if (!customerPolicy || operatorPolicies.length === 0) {
    throw new Error(`template.yaml must declare ${CUSTOMER_POLICY} (an AWS::IAM::ManagedPolicy) and ${OPERATOR_ROLE} (an AWS::IAM::Role with Policies): the local API authorises with them`);
  }
  const sessionArn = (role: string): string => `arn:aws:sts::${manifest.accountId}:assumed-role/${role}/local`;
  return {
    lookup: (accessKeyId) => {
      const found = store.lookup(accessKeyId);
      if (!found) return undefined;
      const { principal } = found;
      const caller: Caller =
        principal.kind === 'customer'
          ? { principalArn: sessionArn(`${manifest.stackName}-customer-${principal.customerId}`), tags: { customerId: principal.customerId }, policies: [customerPolicy] }
          : { principalArn: sessionArn(`${manifest.stackName}-${OPERATOR_ROLE}`), tags: {}, policies: operatorPolicies };
      return { secretAccessKey: found.secretAccessKey, caller };
    },
  };
};

export { apiCallersOf };
