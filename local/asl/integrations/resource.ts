/**
 * Parses a Task state's `Resource` ARN into the forms Step Functions accepts: a service integration
 * (`arn:aws:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken]`, including
 * `arn:aws:states:::aws-sdk:<service>:<action>`), a plain Lambda function ARN, or an activity ARN.
 */
import { StatesError, StatesErrorNames } from '../errors';
import type { ParsedResource, TaskPattern } from './types';

/** The AWS partitions whose ARNs the engine accepts. */
const Partitions = ['aws', 'aws-cn', 'aws-us-gov'] as const;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT_ID = /^\d{12}$/;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
// Lambda's own pattern for Qualifier: $LATEST, a version number or an alias name.
const QUALIFIER = /^(\$LATEST|[A-Za-z0-9_-]{1,128})$/;
const ACTIVITY_NAME = /^[^\s:]{1,80}$/;
// `<service>:<action>` with an optional pattern suffix; for the AWS SDK integrations the service is
// `aws-sdk:<service>`. `.sync:2` must be tried before `.sync`.
const SERVICE_PART = /^(aws-sdk:[a-z0-9-]+|[a-z0-9-]+):([A-Za-z][A-Za-z0-9]*)(?:\.(sync:2|sync|waitForTaskToken))?$/;

const invalid = (arn: string, reason: string): StatesError =>
  new StatesError(StatesErrorNames.Runtime, `Invalid Task Resource '${arn}': ${reason}`);

const parseServiceIntegration = (arn: string, partition: string, rest: string): ParsedResource => {
  const match = SERVICE_PART.exec(rest);
  if (match === null) {
    throw invalid(
      arn,
      `'${rest}' is not of the form <service>:<apiAction>[.sync|.sync:2|.waitForTaskToken] ` +
        `or aws-sdk:<service>:<apiAction>[.waitForTaskToken]`,
    );
  }
  const [, service, action, suffix] = match;
  const pattern: TaskPattern = suffix === undefined ? 'requestResponse' : (suffix as TaskPattern);
  return { kind: 'service', arn, partition, service, action, pattern };
};

const parseStates = (arn: string, partition: string, parts: string[]): ParsedResource => {
  const [region, accountId] = [parts[3], parts[4]];
  if (region === '' && accountId === '') return parseServiceIntegration(arn, partition, parts.slice(5).join(':'));
  if (parts[5] !== 'activity') {
    throw invalid(
      arn,
      'a states ARN is either a service integration (arn:<partition>:states:::<service>:<apiAction>, with empty ' +
        'region and account) or an activity (arn:<partition>:states:<region>:<account>:activity:<name>)',
    );
  }
  if (!REGION.test(region)) throw invalid(arn, `'${region}' is not a region`);
  if (!ACCOUNT_ID.test(accountId)) throw invalid(arn, `'${accountId}' is not a 12-digit account id`);
  if (parts.length !== 7 || !ACTIVITY_NAME.test(parts[6])) throw invalid(arn, 'the activity name is missing or invalid');
  return { kind: 'activity', arn };
};

const parseLambda = (arn: string, parts: string[]): ParsedResource => {
  const [region, accountId, resourceType, functionName, qualifier] = [parts[3], parts[4], parts[5], parts[6], parts[7]];
  if (!REGION.test(region)) throw invalid(arn, `'${region}' is not a region`);
  if (!ACCOUNT_ID.test(accountId)) throw invalid(arn, `'${accountId}' is not a 12-digit account id`);
  if (resourceType !== 'function') throw invalid(arn, `a Lambda ARN must name a function, not '${resourceType ?? ''}'`);
  if (functionName === undefined || !FUNCTION_NAME.test(functionName)) {
    throw invalid(arn, `'${functionName ?? ''}' is not a Lambda function name (letters, digits, '-' and '_', 1 to 64)`);
  }
  if (parts.length > 8) throw invalid(arn, 'a Lambda function ARN has at most one qualifier after the name');
  if (qualifier !== undefined && !QUALIFIER.test(qualifier)) {
    throw invalid(arn, `'${qualifier}' is not a Lambda version or alias`);
  }
  return {
    kind: 'lambda-function',
    arn,
    functionName,
    ...(qualifier === undefined ? {} : { qualifier }),
    region,
    accountId,
  };
};

/**
 * Parses a Task `Resource` ARN.
 *
 * @throws StatesError `States.Runtime` whose cause says what is wrong with the ARN.
 * @example
 * parseResource('arn:aws:states:::states:startExecution.sync:2');
 * // → { kind: 'service', service: 'states', action: 'startExecution', pattern: 'sync:2', partition: 'aws', arn }
 * parseResource('arn:aws:lambda:eu-west-1:123456789012:function:split-source:live');
 * // → { kind: 'lambda-function', functionName: 'split-source', qualifier: 'live', region: 'eu-west-1', … }
 */
const parseResource = (arn: string): ParsedResource => {
  if (typeof arn !== 'string' || arn === '') throw invalid(String(arn), 'the Resource must be a non-empty string');
  const placeholder = /\$\{[^}]*\}/.exec(arn);
  if (placeholder !== null) {
    throw invalid(arn, `it still contains the placeholder ${placeholder[0]}; substitute the definition first`);
  }
  const parts = arn.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) throw invalid(arn, "an ARN has the form 'arn:<partition>:<service>:…'");
  const partition = parts[1];
  if (!(Partitions as readonly string[]).includes(partition)) {
    throw invalid(arn, `unknown partition '${partition}' (expected one of ${Partitions.join(', ')})`);
  }
  switch (parts[2]) {
    case 'states':
      return parseStates(arn, partition, parts);
    case 'lambda':
      return parseLambda(arn, parts);
    default:
      throw invalid(arn, `a Task Resource is a states or lambda ARN, not a '${parts[2]}' ARN`);
  }
};

export { Partitions, parseResource };
