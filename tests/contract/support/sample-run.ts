/**
 * The sample run behind events/: customer `demo`, run `sample-run`, the local stack's names. It is the execution
 * input the API builds, the customer profile as DynamoDB returns it, and what each Task answers on the happy path.
 * The Lambda results are typed with the handlers' own result types, so a handler that changes its output shape
 * fails the typecheck here before the samples drift.
 */
import type { AggregateFindingsResult } from '../../../functions/aggregate-findings/aggregate-findings';
import type { EncryptReportResult } from '../../../functions/encrypt-report/encrypt-report';
import type { AnalyzeUnitsEvent } from '../../../functions/analyze-units/analyze-units';
import type { SplitOutcome } from '../../../functions/lib/run';
import type { AppManifest, FunctionManifest } from '../../../local/manifest';
import { loadEvent } from './project';
import type { ReplayStubs } from './replay';

const SAMPLE_CUSTOMER = 'demo';
const SAMPLE_RUN = 'sample-run';
/** The local keystore's id of the demo customer's first key (functions/lib/crypto keyId format). */
const SAMPLE_KEY_ID = 'local:demo:1';
const SAMPLE_MAP_RUN_ID = '5d1c2b7e-0f4a-4c3e-9b8d-1a2f3e4d5c6b';
const SAMPLE_UPLOAD_KEY = `uploads/${SAMPLE_CUSTOMER}/${SAMPLE_RUN}/abap-erp-custom.zip`;

type SampleRun = {
  bucket: string;
  executionInput: { customerId: string; runId: string; source: { bucket: string; key: string }; options: Record<string, unknown> };
  /** The PROFILE item as dynamodb:getItem returns it (attribute values). */
  profileItem: Record<string, unknown>;
  split: SplitOutcome;
  aggregate: AggregateFindingsResult;
  encrypt: EncryptReportResult;
  stubs: ReplayStubs;
};

const functionByLogicalId = (manifest: AppManifest, logicalId: string): FunctionManifest => {
  const fn = manifest.functions.find((candidate) => candidate.logicalId === logicalId);
  if (fn === undefined) throw new Error(`template.yaml has no function ${logicalId}`);
  return fn;
};

/**
 * The sample run on the local stack of `manifest`.
 *
 * @example
 * const { stubs } = sampleRun(manifest);
 * const { steps } = await replayHappyPath(JSON.parse(analysis.definition), stubs);
 */
const sampleRun = (manifest: AppManifest): SampleRun => {
  const bucket = manifest.buckets.find((candidate) => candidate.logicalId === 'DataBucket')?.name;
  if (bucket === undefined) throw new Error('template.yaml has no DataBucket');
  const analysis = manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine');
  if (analysis === undefined) throw new Error('template.yaml has no AnalysisStateMachine');

  // What the API's StartExecution mapping template builds from POST /customers/demo/analyses.
  const executionInput = { customerId: SAMPLE_CUSTOMER, runId: SAMPLE_RUN, source: { bucket, key: SAMPLE_UPLOAD_KEY }, options: {} };
  const profileItem = {
    PK: { S: `CUSTOMER#${SAMPLE_CUSTOMER}` },
    SK: { S: 'PROFILE' },
    customerId: { S: SAMPLE_CUSTOMER },
    status: { S: 'ACTIVE' },
    keyId: { S: SAMPLE_KEY_ID },
    plan: { M: { maxArchiveBytes: { N: '524288000' }, maxUnits: { N: '200000' }, maxLoc: { N: '20000000' } } },
    rulePacks: { L: [{ S: 'abap-s4hana' }] },
    createdAt: { S: '2025-01-01T00:00:00.000Z' },
  };
  const split: SplitOutcome = {
    manifest: { bucket, key: `runs/${SAMPLE_CUSTOMER}/${SAMPLE_RUN}/manifest.jsonl` },
    summaryKey: `runs/${SAMPLE_CUSTOMER}/${SAMPLE_RUN}/split.json`,
    packsKey: `runs/${SAMPLE_CUSTOMER}/${SAMPLE_RUN}/packs.jsonl`,
    format: 'zip',
    units: 23,
    loc: 2926,
    bytes: 111171,
    skipped: 1,
    duplicates: 0,
    packs: 5,
    packsToAnalyze: 5,
    reusedPacks: 0,
    splitReused: false,
  };
  const severities = { blocker: 0, critical: 2, major: 5, minor: 9, info: 3 };
  const aggregate: AggregateFindingsResult = {
    summary: {
      units: 23,
      unitsAnalyzed: 23,
      unitsFromCache: 0,
      unitsFailed: 0,
      unitsNotAnalyzed: 0,
      loc: 2926,
      findings: 19,
      acknowledgedFindings: 2,
      generatedFindings: 1,
      bySeverity: severities,
      requiredEffortMinutes: 420,
      cleanupEffortMinutes: 120,
      requiredEffortRange: { low: 200, likely: 420, high: 1200 },
      cleanupEffortRange: { low: 60, likely: 120, high: 300 },
      personDays: { required: 0.88, cleanup: 0.25 },
      impactedUnits: { blocker: 0, critical: 2, major: 4, minor: 6, info: 3 },
      rulePacks: ['abap-s4hana@1.0.0'],
      skippedFiles: 1,
    },
    resultReused: false,
  };
  const encrypt: EncryptReportResult = {
    report: {
      bucket,
      key: `reports/${SAMPLE_CUSTOMER}/${SAMPLE_RUN}.report.enc`,
      bytes: 18342,
      format: 'aws-encryption-sdk',
      reportVersion: 1,
    },
  };
  const lambdaResults = new Map<string, unknown>([
    [functionByLogicalId(manifest, 'SplitSourceFunction').aliasArn!, split],
    [functionByLogicalId(manifest, 'AggregateFindingsFunction').aliasArn!, aggregate],
    [functionByLogicalId(manifest, 'EncryptReportFunction').aliasArn!, encrypt],
  ]);
  const executionName = `${SAMPLE_CUSTOMER}_${SAMPLE_RUN}`;
  const stubs: ReplayStubs = {
    input: executionInput,
    context: {
      Execution: {
        Id: `${analysis.arn.replace(':stateMachine:', ':execution:')}:${executionName}`,
        Name: executionName,
        Input: executionInput,
        StartTime: '2025-01-01T12:00:00.000Z',
        RoleArn: `arn:aws:iam::${manifest.accountId}:role/sample-analysis-role`,
        RedriveCount: 0,
      },
      StateMachine: { Id: analysis.arn, Name: analysis.name },
      State: { Name: '', EnteredTime: '2025-01-01T12:00:00.000Z', RetryCount: 0 },
    },
    mapItems: loadEvent<AnalyzeUnitsEvent>('analyze-units').Items,
    mapRunId: SAMPLE_MAP_RUN_ID,
    taskResult: (resource, args, state) => {
      switch (resource) {
        case 'arn:aws:states:::dynamodb:getItem':
          return { Item: profileItem };
        case 'arn:aws:states:::dynamodb:putItem':
        case 'arn:aws:states:::dynamodb:updateItem':
          return {};
        case 'arn:aws:states:::events:putEvents':
          return { Entries: [{ EventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860' }], FailedEntryCount: 0 };
        case 'arn:aws:states:::lambda:invoke': {
          if (state.includes('/')) return { StatusCode: 200, Payload: { batchId: 'sample', findingsKey: 'sample', rulePackVersion: 'sample', units: [] } };
          if (!lambdaResults.has(args.FunctionName)) throw new Error(`${state}: no sample result for ${args.FunctionName}`);
          return { StatusCode: 200, Payload: lambdaResults.get(args.FunctionName) };
        }
        default:
          throw new Error(`${state}: no sample result for ${resource}`);
      }
    },
  };
  return { bucket, executionInput, profileItem, split, aggregate, encrypt, stubs };
};

export { SAMPLE_CUSTOMER, SAMPLE_KEY_ID, SAMPLE_MAP_RUN_ID, SAMPLE_RUN, SAMPLE_UPLOAD_KEY, functionByLogicalId, sampleRun };
export type { SampleRun };
