/**
 * template.yaml ↔ functions, layer, events/ samples, data stores, state machines and outputs: what `sam build` and
 * `sam deploy` rely on and DESIGN §6–7 promise, checked on the template itself (no AWS account needed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { build } from 'esbuild';
import { getAttOf, loadProjectManifest, loadTemplate, refOf, resourcesOfType, ROOT, sampleEventNames, type CfnResource } from './support/project';

const template = loadTemplate();
const manifest = loadProjectManifest();
const functions = resourcesOfType(template, 'AWS::Serverless::Function');
const functionIds = functions.map(([logicalId]) => logicalId);
const globals = (template.Globals?.Function ?? {}) as Record<string, any>;

/** Function properties as SAM sees them: Globals first, the function's own properties over them. */
const effective = (resource: CfnResource): Record<string, any> => ({ ...globals, ...resource.Properties });

/** The function that every other function's DeploymentPreference names as its PreTraffic hook. */
const hookIds = [
  ...new Set(functions.map(([, resource]) => refOf(resource.Properties?.DeploymentPreference?.Hooks?.PreTraffic)).filter((id): id is string => id !== undefined)),
];
const deployedIds = functionIds.filter((logicalId) => !hookIds.includes(logicalId));

/** `functions/<name>/handler.ts` → `<name>`: the folder names the function and its sample event. */
const folderOf = (resource: CfnResource): string => basename(dirname(String(resource.Metadata?.BuildProperties?.EntryPoints?.[0])));

const exportsOf = async (entry: string): Promise<string[]> => {
  // esbuild parses the module (no bundling): its metafile lists what the entry module really exports.
  const result = await build({ entryPoints: [entry], bundle: false, write: false, metafile: true, format: 'esm', platform: 'node', logLevel: 'silent' });
  return Object.values(result.metafile.outputs).flatMap((output) => output.exports);
};

describe('Contract: template ↔ functions', () => {
  it('parses template.yaml with its CloudFormation tags into long form', () => {
    expect(template).toEqual(expect.objectContaining({ Transform: 'AWS::Serverless-2016-10-31' }));
    expect(getAttOf(template.Resources.DataBucketPolicy?.Properties?.PolicyDocument?.Statement?.[0]?.Resource?.[0])).toEqual(['DataBucket', 'Arn']);
    expect(functionIds.length).toBeGreaterThan(0);
  });

  it.each(functionIds)('%s: is built with esbuild from an entry point that exists', (logicalId) => {
    // Prepare
    const resource = template.Resources[logicalId];
    const entryPoints = resource.Metadata?.BuildProperties?.EntryPoints as string[] | undefined;

    // Assess
    expect(resource.Metadata?.BuildMethod).toBe('esbuild');
    expect(entryPoints).toHaveLength(1);
    expect(existsSync(join(ROOT, String(resource.Properties?.CodeUri ?? '.'), entryPoints![0]))).toBe(true);
  });

  it.each(functionIds)('%s: its Handler names the file the bundle writes and an export the entry module has', async (logicalId) => {
    // Prepare
    const resource = template.Resources[logicalId];
    const entry = join(ROOT, String(resource.Properties?.CodeUri ?? '.'), resource.Metadata?.BuildProperties?.EntryPoints?.[0]);
    const [file, exported] = String(resource.Properties?.Handler).split(/\.(?=[^.]+$)/);

    // Act
    const exports = await exportsOf(entry);

    // Assess: sam build's esbuild writes <entry base name>.js at the artifact root.
    expect(file).toBe(basename(entry, extname(entry)));
    expect(exports).toContain(exported);
  });

  it.each(functionIds)('%s: leaves out of its bundle only layer packages and the SDK v3 its Node.js runtime provides', (logicalId) => {
    // Prepare: what Lambda puts on NODE_PATH for this function is its layers and the runtime's own modules
    const resource = template.Resources[logicalId];
    const external = (resource.Metadata?.BuildProperties?.External ?? []) as string[];
    const layerPackages = resourcesOfType(template, 'AWS::Serverless::LayerVersion').map(([, layer]) => basename(String(layer.Properties?.ContentUri)));
    const runtimeMajor = Number(/^nodejs(\d+)\.x$/.exec(String(effective(resource).Runtime))?.[1]);

    // Assess: nodejs18.x and later ship the SDK v3 (@aws-sdk/*); nothing else may be missing from the bundle
    expect(runtimeMajor).toBeGreaterThanOrEqual(18);
    for (const entry of external) expect(layerPackages.includes(entry) || entry === '@aws-sdk/*').toBe(true);
  });

  it.each(functionIds)('%s: has a sample event named after its folder', (logicalId) => {
    // Prepare
    const folder = folderOf(template.Resources[logicalId]);

    // Assess
    expect(`${folder}Function`.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase())).toBe(logicalId);
    expect(sampleEventNames()).toContain(folder);
  });

  it('has no sample event without a function', () => {
    // Prepare
    const folders = functions.map(([, resource]) => folderOf(resource));

    // Assess
    expect(sampleEventNames().filter((name) => !folders.includes(name))).toEqual([]);
  });

  it.each(functionIds)('%s: runs nodejs22.x on arm64 with active tracing and publishes the live alias', (logicalId) => {
    // Prepare
    const properties = effective(template.Resources[logicalId]);

    // Assess
    expect(properties).toEqual(
      expect.objectContaining({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Tracing: 'Active', AutoPublishAlias: 'live' }),
    );
  });

  it('publishes the live alias of every function from Globals', () => {
    expect(globals.AutoPublishAlias).toBe('live');
  });

  it('names exactly one PreTraffic hook function', () => {
    expect(hookIds).toHaveLength(1);
    expect(functionIds).toContain(hookIds[0]);
  });

  it.each(deployedIds)('%s: deploys with a DeploymentPreference, an error alarm on its live alias and the PreTraffic hook', (logicalId) => {
    // Prepare
    const preference = template.Resources[logicalId].Properties?.DeploymentPreference as Record<string, any> | undefined;
    const alarms = ((preference?.Alarms ?? []) as unknown[]).map((alarm) => template.Resources[refOf(alarm) ?? '']);

    // Assess
    expect(preference?.Type).toBeDefined();
    expect(refOf(preference?.Hooks?.PreTraffic)).toBe(hookIds[0]);
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm?.Type).toBe('AWS::CloudWatch::Alarm');
      expect(alarm?.Properties).toEqual(expect.objectContaining({ Namespace: 'AWS/Lambda', MetricName: 'Errors' }));
      const dimensions = manifest.resolve(alarm?.Properties?.Dimensions, `${logicalId} alarm`) as { Name: string; Value: string }[];
      const functionName = manifest.functions.find((fn) => fn.logicalId === logicalId)!.functionName;
      expect(dimensions).toEqual(
        expect.arrayContaining([
          { Name: 'FunctionName', Value: functionName },
          { Name: 'Resource', Value: `${functionName}:live` },
        ]),
      );
    }
  });

  it('gives the PreTraffic hook no DeploymentPreference and a CodeDeployHook_ name', () => {
    // Prepare: CodeDeploy's managed policy lets it invoke only functions named CodeDeployHook_*.
    const hook = manifest.functions.find((fn) => fn.logicalId === hookIds[0])!;

    // Assess
    expect(template.Resources[hookIds[0]].Properties?.DeploymentPreference).toBeUndefined();
    expect(hook.functionName).toMatch(/^CodeDeployHook_/);
  });

  it.each(resourcesOfType(template, 'AWS::Serverless::LayerVersion').map(([logicalId]) => logicalId))(
    '%s: has what its BuildMethod needs in its ContentUri',
    (logicalId) => {
      // Prepare
      const resource = template.Resources[logicalId];
      const contentUri = join(ROOT, String(resource.Properties?.ContentUri));
      const method = resource.Metadata?.BuildMethod as string | undefined;
      const makefile = join(contentUri, 'Makefile');

      // Assess: `sam build` runs the `build-<LogicalId>` target of the Makefile in ContentUri for BuildMethod makefile.
      expect(existsSync(contentUri)).toBe(true);
      if (method === 'makefile') {
        expect(existsSync(makefile) ? 'Makefile present' : `no Makefile in ${resource.Properties?.ContentUri}`).toBe('Makefile present');
        expect(readFileSync(makefile, 'utf8')).toMatch(new RegExp(`^build-${logicalId}:`, 'm'));
      } else {
        expect(['nodejs22.x', 'esbuild', undefined]).toContain(method);
      }
    },
  );
});

describe('Contract: template ↔ the analysis-engine layer', () => {
  it.each(['SplitSourceFunction', 'AnalyzeUnitsFunction'])('gives %s the layer, so split and the analyzers read one rule-pack version', (logicalId) => {
    // Prepare: split takes a pack's earlier findings only under the version the analyzers cache them under.
    const [[layerId]] = resourcesOfType(template, 'AWS::Serverless::LayerVersion');
    const properties = effective(template.Resources[logicalId]);

    // Act
    const layers = ((properties.Layers ?? []) as unknown[]).map((layer) => refOf(layer));

    // Assess: the version comes from the layer itself, never from a variable that could fall behind it.
    expect(layers).toContain(layerId);
    expect(properties.Environment?.Variables?.RULE_PACK_VERSION).toBeUndefined();
  });
});

describe('Contract: template ↔ data, workflow and outputs', () => {
  const [[bucketId, bucket]] = resourcesOfType(template, 'AWS::S3::Bucket');

  it('encrypts the data bucket with SSE-KMS under its own key', () => {
    // Prepare
    const byDefault = bucket.Properties?.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault;

    // Assess
    expect(byDefault?.SSEAlgorithm).toBe('aws:kms');
    expect(template.Resources[getAttOf(byDefault?.KMSMasterKeyID)?.[0] ?? refOf(byDefault?.KMSMasterKeyID) ?? '']?.Type).toBe('AWS::KMS::Key');
  });

  it('versions the data bucket and blocks public access', () => {
    expect(bucket.Properties?.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('denies every request to the data bucket and its objects over plain HTTP', () => {
    // Prepare
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy').filter(([, policy]) => refOf(policy.Properties?.Bucket) === bucketId);
    const statements = policies.flatMap(([logicalId, policy]) =>
      (manifest.resolve(policy.Properties?.PolicyDocument, logicalId) as { Statement: Record<string, any>[] }).Statement,
    );
    const arn = manifest.buckets.find((candidate) => candidate.logicalId === bucketId)!.arn;

    // Act
    const denial = statements.find(
      (statement) =>
        statement.Effect === 'Deny' &&
        statement.Principal === '*' &&
        statement.Condition?.Bool?.['aws:SecureTransport'] === 'false' &&
        [statement.Action].flat().includes('s3:*'),
    );

    // Assess
    expect(denial).toBeDefined();
    expect([denial!.Resource].flat()).toEqual(expect.arrayContaining([arn, `${arn}/*`]));
  });

  it('bills the table on demand with point-in-time recovery', () => {
    // Prepare
    const [[, table]] = resourcesOfType(template, 'AWS::DynamoDB::Table');

    // Assess
    expect(table.Properties?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled).toBe(true);
  });

  it.each(resourcesOfType(template, 'AWS::Serverless::StateMachine').map(([logicalId]) => logicalId))(
    '%s: logs to a log group without execution data and traces with X-Ray',
    (logicalId) => {
      // Prepare
      const properties = template.Resources[logicalId].Properties ?? {};
      const destination = getAttOf(properties.Logging?.Destinations?.[0]?.CloudWatchLogsLogGroup?.LogGroupArn);

      // Assess
      expect(properties.Logging?.IncludeExecutionData).toBe(false);
      expect(['ALL', 'ERROR', 'FATAL']).toContain(properties.Logging?.Level);
      expect(template.Resources[destination?.[0] ?? '']?.Type).toBe('AWS::Logs::LogGroup');
      expect(properties.Tracing).toEqual({ Enabled: true });
    },
  );

  it('publishes the analysis state machine as alias live with a DeploymentPreference and alarms', () => {
    // Prepare
    const properties = template.Resources.AnalysisStateMachine.Properties ?? {};

    // Assess
    expect(properties.AutoPublishAlias).toBe('live');
    expect(properties.DeploymentPreference?.Alarms?.length).toBeGreaterThan(0);
  });

  it.each([
    ['the API URL', (value: unknown) => JSON.stringify(value).includes('${AnalysisApi}.execute-api')],
    ['the analysis state machine alias', (value: unknown) => refOf(value) === 'AnalysisStateMachineAliaslive'],
    ['the table', (value: unknown) => refOf(value) === 'AnalysisTable'],
    ['the data bucket', (value: unknown) => refOf(value) === 'DataBucket'],
    ['the event bus', (value: unknown) => refOf(value) === 'AnalysisEventBus'],
  ])('has an Output with a Description for %s', (_what, isIt) => {
    // Act
    const outputs = Object.entries(template.Outputs ?? {}).filter(([, output]) => isIt(output.Value));

    // Assess
    expect(outputs).toHaveLength(1);
    expect(outputs[0][1].Description).toEqual(expect.any(String));
  });
});
