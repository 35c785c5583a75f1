/**
 * The JSONPath query language of the local ASL engine: Paths and Reference Paths, Payload Templates, intrinsic
 * functions, ResultPath and JSONPath Choice rules, as the States Language spec (https://states-language.net/spec.html)
 * and the AWS Step Functions developer guide describe them.
 *
 * Everything here is pure (no I/O) and caches parsed paths, intrinsic calls and StringMatches patterns, because it
 * runs on every state transition. Failures are StatesErrors (local/asl/errors.ts) named as Step Functions names them.
 */
import { evaluateChoiceRule } from './choice/evaluateRule';
import { evaluateIntrinsic } from './intrinsics/evaluate';
import { isPath } from './pathParser';
import { applyPayloadTemplate } from './payloadTemplate';
import { readPath } from './readPath';
import { applyResultPath } from './resultPath';
import { compareTimestamps, parseTimestamp } from './timestamps';
import type { Timestamp } from './timestamps';
import type { PathScope } from './types';

export { applyPayloadTemplate, applyResultPath, compareTimestamps, evaluateChoiceRule, evaluateIntrinsic, isPath, parseTimestamp, readPath };
export type { PathScope, Timestamp };
