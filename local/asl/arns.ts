/**
 * Step Functions ARNs: building them, and reading the parts back out. Formats from the AWS API reference
 * (state machine, execution, express execution, map run, Distributed Map child execution).
 */
import { randomUUID } from 'node:crypto';

/** Partition, region and account an engine reports in the ARNs it makes. */
type ArnParts = { partition: string; region: string; accountId: string };

const prefix = (parts: ArnParts): string => `arn:${parts.partition}:states:${parts.region}:${parts.accountId}`;

/** `arn:…:stateMachine:<name>` */
const stateMachineArn = (parts: ArnParts, name: string): string => `${prefix(parts)}:stateMachine:${name}`;

/**
 * A STANDARD execution: `arn:…:execution:<machine>:<name>`; an EXPRESS one: `arn:…:express:<machine>:<name>:<uuid>`
 * (express names may repeat, so the ARN carries a unique suffix).
 *
 * @example
 * executionArn(parts, 'analysis', 'c1-r1', 'STANDARD'); // arn:aws:states:us-east-1:123456789012:execution:analysis:c1-r1
 */
const executionArn = (parts: ArnParts, machineName: string, name: string, type: 'STANDARD' | 'EXPRESS'): string =>
  type === 'EXPRESS'
    ? `${prefix(parts)}:express:${machineName}:${name}:${randomUUID()}`
    : `${prefix(parts)}:execution:${machineName}:${name}`;

/** `arn:…:mapRun:<machine>/<label>:<uuid>` */
const mapRunArn = (parts: ArnParts, machineName: string, label: string, id: string): string =>
  `${prefix(parts)}:mapRun:${machineName}/${label}:${id}`;

/** What a resource ARN of this engine names, or undefined when the string is not one. */
type ParsedStatesArn = {
  partition: string;
  region: string;
  accountId: string;
  resourceType: 'stateMachine' | 'execution' | 'express' | 'mapRun';
  /** The state machine name (for map runs and child executions, `<machine>/<label>`). */
  machineName: string;
  /** The execution name (execution/express) or the map run id. */
  name?: string;
};

const ARN_PATTERN = /^arn:([a-z-]+):states:([a-z0-9-]+):(\d{12}):(stateMachine|execution|express|mapRun):(.+)$/;

/**
 * Reads a Step Functions ARN; undefined when the string is not a well-formed one (the API then answers InvalidArn).
 *
 * @example
 * parseStatesArn('arn:aws:states:us-east-1:123456789012:stateMachine:demo')?.machineName; // 'demo'
 */
const parseStatesArn = (arn: string): ParsedStatesArn | undefined => {
  const match = ARN_PATTERN.exec(arn);
  if (!match) return undefined;
  const [, partition, region, accountId, resourceType, rest] = match;
  const fields = rest.split(':');
  if (fields.some((field) => field.length === 0)) return undefined;
  const base = { partition, region, accountId, resourceType: resourceType as ParsedStatesArn['resourceType'] };
  if (resourceType === 'stateMachine') {
    // `machine`, or `machine:version-or-alias`: versions and aliases resolve to the machine itself here.
    return fields.length <= 2 ? { ...base, machineName: fields[0] } : undefined;
  }
  if (resourceType === 'execution') return fields.length === 2 ? { ...base, machineName: fields[0], name: fields[1] } : undefined;
  if (resourceType === 'express') return fields.length === 3 ? { ...base, machineName: fields[0], name: fields[1] } : undefined;
  return fields.length === 2 ? { ...base, machineName: fields[0], name: fields[1] } : undefined;
};

/** Characters a state machine, execution or map label name must not contain (CreateStateMachine / StartExecution). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udfff]/;

/**
 * Why a name cannot be used, or undefined when it can (1 to 80 characters, none of the forbidden ones).
 *
 * @example
 * nameProblem('my run'); // 'must not contain white space, brackets, wildcards or special characters'
 */
const nameProblem = (name: string, maxLength = 80): string | undefined => {
  if (name.length < 1 || name.length > maxLength) return `must be 1 to ${maxLength} characters long`;
  if (FORBIDDEN_NAME_CHARACTERS.test(name)) {
    return 'must not contain white space, brackets, wildcards, control characters or any of " # % \\ ^ | ~ ` $ & , ; : /';
  }
  return undefined;
};

export { executionArn, mapRunArn, nameProblem, parseStatesArn, stateMachineArn };
export type { ArnParts, ParsedStatesArn };
