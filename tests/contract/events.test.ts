/**
 * events/ ↔ definition ↔ handlers. Each sample a state machine sends is exactly what the analysis workflow builds on
 * its happy path for the sample run (replayed with jsonata), and each sample passes its handler: the handler's domain
 * function runs to the end on it, with in-memory adapters that record what it asked of S3, DynamoDB, KMS and CodeDeploy.
 */
import { randomBytes } from 'node:crypto';
import Ajv from 'ajv';
import { ZipFile } from 'yazl';
import { aggregateFindings, type AggregateFindingsEvent } from '../../functions/aggregate-findings/aggregate-findings';
import { analyzeUnits, type AnalyzeUnitsEvent } from '../../functions/analyze-units/analyze-units';
import { createUpload, FILE_NAME, type PresignRequest } from '../../functions/create-upload/create-upload';
import { encryptReport, type EncryptReportEvent } from '../../functions/encrypt-report/encrypt-report';
import { decryptReport, rawAesKeyring } from '../../functions/lib/crypto';
import { manifestKey, mapResultPrefix, packFindingsPrefix, packPrefix, splitSummaryKey, uploadPrefix, type BatchResult, type ResultWriterManifest } from '../../functions/lib/run';
import { parseManifestLine, type PackLine } from '../../functions/lib/source';
import type { CustomerProfile, FindingsCache, RunStore } from '../../functions/lib/store';
import { preTrafficCheck, type PreTrafficEvent } from '../../functions/pre-traffic-check/pre-traffic-check';
import { splitSource, type SplitSourceEvent } from '../../functions/split-source/split-source';
import { MemoryBlobStore } from './support/memory-blob-store';
import { loadEvent, loadOpenApi, loadProjectManifest, loadTemplate } from './support/project';
import { replayHappyPath, type ReplayResult } from './support/replay';
import { SAMPLE_CUSTOMER, SAMPLE_KEY_ID, SAMPLE_RUN, sampleRun } from './support/sample-run';

const manifest = loadProjectManifest();
const sample = sampleRun(manifest);
const analysis = manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine')!;
const eventNameOf = (logicalId: string): string => manifest.functions.find((fn) => fn.logicalId === logicalId)!.entry.split('/').slice(-2)[0];

let replay: ReplayResult;

beforeAll(async () => {
  replay = await replayHappyPath(JSON.parse(analysis.definition), sample.stubs);
});

/** The Payload the replayed workflow sent to a function's live alias. */
const payloadTo = (logicalId: string): unknown => {
  const alias = manifest.functions.find((fn) => fn.logicalId === logicalId)!.aliasArn;
  return replay.steps.find((step) => step.resource === 'arn:aws:states:::lambda:invoke' && step.arguments?.FunctionName === alias)?.arguments?.Payload;
};

const INVOKED = ['SplitSourceFunction', 'AnalyzeUnitsFunction', 'AggregateFindingsFunction', 'EncryptReportFunction'] as const;

describe('Contract: events/ samples ↔ the analysis workflow', () => {
  it('replays the happy path to its end with the run published', () => {
    expect(replay.end).toBe('Mark run published');
    expect(replay.output).toEqual(expect.objectContaining({ customerId: SAMPLE_CUSTOMER, runId: SAMPLE_RUN, status: 'PUBLISHED' }));
  });

  it('invokes exactly the four analysis functions, each through its live alias', () => {
    // Act
    const invoked = replay.steps.filter((step) => step.resource === 'arn:aws:states:::lambda:invoke').map((step) => step.arguments?.FunctionName);

    // Assess
    expect(new Set(invoked)).toEqual(new Set(INVOKED.map((logicalId) => manifest.functions.find((fn) => fn.logicalId === logicalId)!.aliasArn)));
  });

  it.each(INVOKED.map((logicalId) => [eventNameOf(logicalId), logicalId]))('events/%s.json is what the workflow sends %s', (eventName, logicalId) => {
    expect(loadEvent(eventName)).toEqual(payloadTo(logicalId));
  });

  it('reads the unit manifest and writes the map results where the run layout puts them', () => {
    // Prepare
    const map = replay.steps.find((step) => step.type === 'Map')!;

    // Assess
    expect(map.itemReader).toEqual({ Bucket: sample.bucket, Key: manifestKey(SAMPLE_CUSTOMER, SAMPLE_RUN) });
    expect(map.resultWriter).toEqual({ Bucket: sample.bucket, Prefix: mapResultPrefix(SAMPLE_CUSTOMER, SAMPLE_RUN) });
    expect(loadEvent<AggregateFindingsEvent>('aggregate-findings').mapResult!.key.startsWith(`${mapResultPrefix(SAMPLE_CUSTOMER, SAMPLE_RUN)}/`)).toBe(true);
  });

  it('reads the archive named by the run from the customer upload prefix', () => {
    expect(loadEvent<SplitSourceEvent>('split-source').source.key.startsWith(uploadPrefix(SAMPLE_CUSTOMER))).toBe(true);
  });

  it('events/analyze-units.json is one pack of the manifest: its units back to back in a pack of the customer, each a unit summary', () => {
    // Prepare
    const [pack] = loadEvent<AnalyzeUnitsEvent>('analyze-units').Items;

    // Act
    const ends = pack.units.map((unit) => unit.offset + unit.length);

    // Assess
    expect(loadEvent<AnalyzeUnitsEvent>('analyze-units').Items).toHaveLength(1);
    expect(pack.key.startsWith(packPrefix(SAMPLE_CUSTOMER))).toBe(true);
    expect(pack.findingsKey.startsWith(packFindingsPrefix(SAMPLE_CUSTOMER))).toBe(true);
    expect(pack.units.map((unit) => unit.offset)).toEqual([0, ...ends.slice(0, -1)]);
    expect(ends.at(-1)).toBe(pack.bytes);
    for (const { offset: _offset, length: _length, ...summary } of pack.units) expect(parseManifestLine(JSON.stringify(summary))).toEqual(summary);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Handlers: the domain function of each handler, run to the end on its sample with in-memory adapters.
// ---------------------------------------------------------------------------------------------------------------------

/** A small abapGit-style archive: a class and a report. */
const sampleArchive = async (): Promise<Buffer> => {
  const zip = new ZipFile();
  const mtime = new Date('2025-01-01T00:00:00Z');
  zip.addBuffer(Buffer.from("REPORT zsample_report.\nDATA lv_total TYPE i.\nWRITE / lv_total.\n"), 'src/zsample_report.prog.abap', { mtime });
  zip.addBuffer(
    Buffer.from('CLASS zcl_sample DEFINITION PUBLIC CREATE PUBLIC.\n  PUBLIC SECTION.\n    METHODS run.\nENDCLASS.\n\nCLASS zcl_sample IMPLEMENTATION.\n  METHOD run.\n  ENDMETHOD.\nENDCLASS.\n'),
    'src/zcl_sample.clas.abap',
    { mtime },
  );
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** A findings cache that has every unit (so no unit object is read) and records what it was asked. */
const cachedEverything = () => {
  const asked: { customerId: string; rulePackVersion: string; slot: string }[] = [];
  const cache = {
    getSlot: async <T>(customerId: string, rulePackVersion: string, slot: string): Promise<Map<string, T>> => {
      asked.push({ customerId, rulePackVersion, slot });
      const [pack] = loadEvent<AnalyzeUnitsEvent>('analyze-units').Items;
      return new Map(
        pack.units.map((item) => {
          const names = item.files.map((path) => path.slice(path.lastIndexOf('/') + 1));
          return [item.unitId, { findings: [], loc: item.loc, omittedFindings: 0, effortMinutes: 0, names } as T];
        }),
      );
    },
    putSlot: async (): Promise<string[]> => {
      throw new Error('nothing is analysed, so nothing is cached');
    },
  };
  return { asked, cache: cache as unknown as FindingsCache };
};

const analyzeSample = async (blobs: MemoryBlobStore) => {
  const event = loadEvent<AnalyzeUnitsEvent>('analyze-units');
  const { asked, cache } = cachedEverything();
  const result = await analyzeUnits(event, {
    blobs: blobs.asBlobStore(),
    cache,
    analyze: () => {
      throw new Error('every unit comes from the cache');
    },
    rulePackVersion: 'contract-test',
    rulePacks: [{ id: 'abap-s4hana', version: '1.0.0', language: 'abap' }],
  });
  return { event, asked, result };
};

/** What a Distributed Map's ResultWriter leaves under the map result prefix after one successful batch. */
const writeMapResults = (blobs: MemoryBlobStore, location: { bucket: string; key: string }, input: AnalyzeUnitsEvent, output: BatchResult): void => {
  const directory = location.key.slice(0, location.key.lastIndexOf('/'));
  const succeeded = `${directory}/SUCCEEDED_0.json`;
  const records = [
    {
      ExecutionArn: `${analysis.arn.replace(':stateMachine:', ':express:')}/AnalyzeUnits:sample:sample`,
      Input: JSON.stringify(input),
      InputDetails: { Included: true },
      Name: 'sample',
      Output: JSON.stringify(output),
      OutputDetails: { Included: true },
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      StartDate: '2025-01-01T12:01:00.000Z',
      StateMachineArn: `${analysis.arn}/AnalyzeUnits`,
      Status: 'SUCCEEDED',
      StopDate: '2025-01-01T12:01:05.000Z',
    },
  ];
  blobs.seed(location.bucket, succeeded, JSON.stringify(records));
  const resultManifest: ResultWriterManifest = {
    DestinationBucket: location.bucket,
    MapRunArn: `${analysis.arn.replace(':stateMachine:', ':mapRun:')}/AnalyzeUnits:sample`,
    ResultFiles: { FAILED: [], PENDING: [], SUCCEEDED: [{ Key: succeeded, Size: JSON.stringify(records).length }] },
  };
  blobs.seed(location.bucket, location.key, JSON.stringify(resultManifest));
};

/** A run store that records what the domain wrote. */
const recordingRuns = () => {
  const calls: { method: string; args: unknown[] }[] = [];
  const runs = {
    get: async (customerId: string, runId: string) => {
      calls.push({ method: 'get', args: [customerId, runId] });
      return { customerId, runId, status: 'RUNNING', startedAt: '2025-01-01T12:00:00.000Z', sourceKey: sample.executionInput.source.key };
    },
    putUnitRows: async (...args: unknown[]) => {
      calls.push({ method: 'putUnitRows', args });
    },
    recordSummary: async (...args: unknown[]) => {
      calls.push({ method: 'recordSummary', args });
    },
  };
  return { calls, runs: runs as unknown as RunStore };
};

describe('Contract: events/ samples ↔ handlers', () => {
  it('events/split-source.json splits an archive into units, the manifest and the summary the later steps read', async () => {
    // Prepare
    const event = loadEvent<SplitSourceEvent>('split-source');
    const blobs = new MemoryBlobStore();
    blobs.seed(event.source.bucket, event.source.key, await sampleArchive());

    // Act
    const outcome = await splitSource(event, { blobs: blobs.asBlobStore(), bucket: sample.bucket });

    // Assess: the outcome has the shape the workflow keeps as $split (and the later samples carry).
    expect(Object.keys(outcome).sort()).toEqual(Object.keys(loadEvent<AggregateFindingsEvent>('aggregate-findings').split!).sort());
    expect(outcome.manifest).toEqual(sample.split.manifest);
    expect(outcome.summaryKey).toBe(splitSummaryKey(SAMPLE_CUSTOMER, SAMPLE_RUN));
    expect(outcome.units).toBe(2);
    const packs = blobs.body(sample.bucket, outcome.manifest.key)!.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as PackLine);
    expect(packs.flatMap((pack) => pack.units.map((unit) => unit.objectName)).sort()).toEqual(['ZCL_SAMPLE', 'ZSAMPLE_REPORT']);
    expect(blobs.calls.filter((call) => call.method === 'put' && call.key.startsWith('units/')).every((call) => call.key.startsWith(`units/${SAMPLE_CUSTOMER}/`))).toBe(true);
  });

  it('events/analyze-units.json analyses its pack and writes the pack’s findings where a later run finds them', async () => {
    // Prepare
    const blobs = new MemoryBlobStore();

    // Act
    const { event, asked, result } = await analyzeSample(blobs);

    // Assess
    expect(asked).toEqual([{ customerId: SAMPLE_CUSTOMER, rulePackVersion: 'contract-test', slot: event.Items[0].slot }]);
    expect(result.units.map((unit) => unit.unitId)).toEqual(event.Items[0].units.map((item) => item.unitId));
    expect(result.findingsKey).toBe(event.Items[0].findingsKey);
    expect(blobs.body(event.BatchInput.bucket, result.findingsKey)).toBeDefined();
  });

  it('events/aggregate-findings.json reads the map results and records unit rows and the run summary', async () => {
    // Prepare
    const event = loadEvent<AggregateFindingsEvent>('aggregate-findings');
    const blobs = new MemoryBlobStore();
    const split = loadEvent<SplitSourceEvent>('split-source');
    blobs.seed(split.source.bucket, split.source.key, await sampleArchive());
    await splitSource(split, { blobs: blobs.asBlobStore(), bucket: sample.bucket });
    const analysed = await analyzeSample(blobs);
    writeMapResults(blobs, event.mapResult!, analysed.event, analysed.result);
    const { calls, runs } = recordingRuns();

    // Act
    const { summary } = await aggregateFindings(event, { blobs: blobs.asBlobStore(), runs });

    // Assess
    expect(summary.units).toBe(analysed.event.Items[0].units.length);
    expect(summary.skippedFiles).toBe(event.split!.skipped);
    expect(summary.notAnalyzed).toEqual({ units: 0, files: 0, lines: 0, byReason: {} });
    const rows = calls.find((call) => call.method === 'putUnitRows')!;
    expect(rows.args.slice(0, 2)).toEqual([SAMPLE_CUSTOMER, SAMPLE_RUN]);
    expect((rows.args[2] as { unitId: string }[]).map((row) => row.unitId)).toEqual(analysed.event.Items[0].units.map((item) => item.unitId));
    expect(calls.find((call) => call.method === 'recordSummary')!.args.slice(0, 2)).toEqual([SAMPLE_CUSTOMER, SAMPLE_RUN]);
  });

  it("events/encrypt-report.json builds the report and stores it encrypted under the customer's key", async () => {
    // Prepare
    const event = loadEvent<EncryptReportEvent>('encrypt-report');
    const blobs = new MemoryBlobStore();
    const split = loadEvent<SplitSourceEvent>('split-source');
    blobs.seed(split.source.bucket, split.source.key, await sampleArchive());
    await splitSource(split, { blobs: blobs.asBlobStore(), bucket: sample.bucket });
    const analysed = await analyzeSample(blobs);
    writeMapResults(blobs, event.mapResult!, analysed.event, analysed.result);
    const keyring = rawAesKeyring(SAMPLE_CUSTOMER, randomBytes(32));
    const keyringsAsked: string[][] = [];
    const { runs } = recordingRuns();

    // Act
    const { report } = await encryptReport(event, {
      blobs: blobs.asBlobStore(),
      runs,
      keyringFor: async (customerKeyId, customerId) => {
        keyringsAsked.push([customerKeyId, customerId]);
        return keyring;
      },
    });

    // Assess
    expect(keyringsAsked).toEqual([[SAMPLE_KEY_ID, SAMPLE_CUSTOMER]]);
    expect(report).toEqual(expect.objectContaining({ bucket: event.mapResult!.bucket, key: sample.encrypt.report.key, format: 'aws-encryption-sdk' }));
    const plaintext = await decryptReport(blobs.body(report.bucket, report.key)!, keyring, { customerId: SAMPLE_CUSTOMER, runId: SAMPLE_RUN });
    expect(JSON.parse(Buffer.from(plaintext).toString('utf8'))).toEqual(expect.objectContaining({ reportVersion: report.reportVersion }));
  });

  it('events/create-upload.json is a valid request of its OpenAPI route and gets a presigned upload', async () => {
    // Prepare
    const event = loadEvent('create-upload');
    const openapi = loadOpenApi(manifest);
    const operation = openapi.paths[event.resource]?.[String(event.httpMethod).toLowerCase()];
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    ajv.addSchema({ $id: 'openapi', components: openapi.components });
    const body = JSON.parse(event.body);
    const presigned: PresignRequest[] = [];
    const profile: CustomerProfile = {
      customerId: SAMPLE_CUSTOMER,
      status: 'ACTIVE',
      keyId: SAMPLE_KEY_ID,
      plan: { maxArchiveBytes: 524288000, maxUnits: 200000, maxLoc: 20000000 },
      rulePacks: ['abap-s4hana'],
      createdAt: '2025-01-01T00:00:00.000Z',
    };

    // Act: the handler parses the body and takes the customer from the path, then calls the domain.
    const upload = await createUpload(
      { customerId: event.pathParameters.customerId, fileName: body.fileName, contentLength: body.contentLength },
      {
        getCustomer: async (customerId) => (customerId === SAMPLE_CUSTOMER ? profile : undefined),
        presignPut: async (request) => {
          presigned.push(request);
          return { url: `https://${request.bucket}.s3.amazonaws.com/${request.key}?X-Amz-Signature=sample`, headers: {} };
        },
        bucket: sample.bucket,
      },
    );

    // Assess
    expect(operation?.operationId).toBe('createUpload');
    expect(event.requestContext.resourcePath).toBe(event.resource);
    expect(new RegExp(openapi.components.parameters.customerId.schema.pattern).test(event.pathParameters.customerId)).toBe(true);
    expect(ajv.validate({ $ref: 'openapi#/components/schemas/CreateUploadRequest' }, body) || ajv.errorsText()).toBe(true);
    expect(ajv.validate({ $ref: 'openapi#/components/schemas/CreateUploadResponse' }, upload) || ajv.errorsText()).toBe(true);
    expect(presigned).toHaveLength(1);
    expect(presigned[0].key.startsWith(uploadPrefix(SAMPLE_CUSTOMER))).toBe(true);
    expect(presigned[0].contentLength).toBe(body.contentLength);
  });

  it('takes the archive name pattern of the OpenAPI contract as create-upload does', () => {
    expect(loadOpenApi(manifest).components.schemas.CreateUploadRequest.properties.fileName.pattern).toBe(FILE_NAME.source);
  });

  it('events/pre-traffic-check.json smoke-tests the deployment targets and reports to its hook execution', async () => {
    // Prepare
    const event = loadEvent<PreTrafficEvent>('pre-traffic-check');
    const template = loadTemplate();
    const deployed = manifest.functions.filter((fn) => template.Resources[fn.logicalId].Properties?.DeploymentPreference !== undefined);
    // A Lambda AppSpec as CodeDeploy holds it for a SAM traffic shift (one function per deployment group).
    const appSpec = [
      'version: 0.0',
      'Resources:',
      ...deployed.flatMap((fn) => [
        `  - ${fn.logicalId}:`,
        '      Type: AWS::Lambda::Function',
        '      Properties:',
        `        Name: ${fn.functionName}`,
        '        Alias: live',
        "        CurrentVersion: '1'",
        "        TargetVersion: '2'",
      ]),
    ].join('\n');
    const invoked: string[][] = [];
    const reported: string[][] = [];

    // Act
    const result = await preTrafficCheck(event, {
      getAppSpec: async (deploymentId) => (deploymentId === event.DeploymentId ? appSpec : ''),
      invoke: async (functionName, qualifier, payload) => {
        invoked.push([functionName, qualifier, payload]);
        return { payload: JSON.stringify({ ok: true, functionName, functionVersion: qualifier, checks: {} }) };
      },
      report: async (deploymentId, hookExecutionId, status) => {
        reported.push([deploymentId, hookExecutionId, status]);
      },
    });

    // Assess
    expect(Object.keys(event).sort()).toEqual(['DeploymentId', 'LifecycleEventHookExecutionId']);
    expect(result.status).toBe('Succeeded');
    expect(invoked).toEqual(deployed.map((fn) => [fn.functionName, '2', JSON.stringify({ smokeTest: true })]));
    expect(reported).toEqual([[event.DeploymentId, event.LifecycleEventHookExecutionId, 'Succeeded']]);
  });
});
