/**
 * IAM, locally: the template's policy documents evaluated as IAM evaluates them, so that the local runtime enforces
 * the same rules as the deployed stack and tests can ask the policies what they allow.
 */
export { PolicyEvaluationError } from './errors';
export { evaluatePolicies, wildcard } from './policy';
export type { Decision, PolicyDocument, PolicyRequest, PolicyStatement } from './policy';
export { NodeSha256, verifySigV4 } from './sigv4';
export type { Credentials, SignedRequest, Verdict, VerifyOptions } from './sigv4';
export { RoleSessions } from './sessions';
export type { RoleDefinition, RoleSession } from './sessions';
