/**
 * npm run local: keeps the whole application up on its fixed loopback ports for API calls, the AWS CLI and the
 * SDK, until Ctrl-C. Prints the endpoints, the environment to point the AWS CLI at them, and the API routes; and
 * serves the local console, whose address is the one line on stdout (`Console: <url>`).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONSOLE_PORT, DEFAULT_PORTS, startLocalApp, writeRuntimeFile } from '../../app';
import { formatFaults, summarizeFaults } from '../../faults';
import { COMMON_FLAGS, ExitCodes, UsageError, reporterFor, runCommand } from './common';

const USAGE = `Usage: npm run local [-- [--fresh] [--port-<service> <n>] [--state-dir <dir>] [--quiet|--verbose]]

Runs the application locally until Ctrl-C: DynamoDB (dynalite), S3, EventBridge, the Lambda pool, the
Step Functions endpoint, the REST API of api/openapi.yaml and the console (a web page: executions drawn as
graphs, runs and their decrypted reports, function logs), all on 127.0.0.1. The console is an operator's
tool: it shows every customer's data, and answers this machine only. Its address is printed on stdout as
"Console: <url>".

Options:
  --fresh                    start from an empty state directory
  --port-dynamodb <n>        default ${DEFAULT_PORTS.dynamodb}
  --port-s3 <n>              default ${DEFAULT_PORTS.s3}
  --port-eventbridge <n>     default ${DEFAULT_PORTS.eventbridge}
  --port-stepfunctions <n>   default ${DEFAULT_PORTS.stepfunctions}
  --port-rest-api <n>        default ${DEFAULT_PORTS.restApi}
  --port-console <n>         default ${DEFAULT_CONSOLE_PORT}
  (environment: LOCAL_PORT_DYNAMODB, LOCAL_PORT_S3, LOCAL_PORT_EVENTBRIDGE, LOCAL_PORT_STEPFUNCTIONS, LOCAL_PORT_REST_API,
   LOCAL_PORT_CONSOLE)

Environment: LOCAL_FAULTS injects faults into the local services, e.g.
  LOCAL_FAULTS='s3=0.1,dynamodb=0.1,kms=0.1,events=0.1,lambda-throttle=0.05'
  (rates of transient faults per service; see local/faults/spec.ts for kinds, operations, latency and seed)

Exit codes: 0 stopped cleanly; 1 could not start.`;

const port = (flag: string | undefined, env: string, fallback: number): number => {
  const raw = flag ?? process.env[env];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new UsageError(`port ${raw} is not a port number`);
  return value;
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      ...COMMON_FLAGS,
      fresh: { type: 'boolean' },
      'port-dynamodb': { type: 'string' },
      'port-s3': { type: 'string' },
      'port-eventbridge': { type: 'string' },
      'port-stepfunctions': { type: 'string' },
      'port-rest-api': { type: 'string' },
      'port-console': { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return ExitCodes.Success;
  }
  const reporter = reporterFor(values);
  const started = Date.now();
  const app = await startLocalApp({
    fresh: values.fresh,
    stateDir: values['state-dir'],
    reporter,
    ports: {
      dynamodb: port(values['port-dynamodb'], 'LOCAL_PORT_DYNAMODB', DEFAULT_PORTS.dynamodb),
      s3: port(values['port-s3'], 'LOCAL_PORT_S3', DEFAULT_PORTS.s3),
      eventbridge: port(values['port-eventbridge'], 'LOCAL_PORT_EVENTBRIDGE', DEFAULT_PORTS.eventbridge),
      stepfunctions: port(values['port-stepfunctions'], 'LOCAL_PORT_STEPFUNCTIONS', DEFAULT_PORTS.stepfunctions),
      restApi: port(values['port-rest-api'], 'LOCAL_PORT_REST_API', DEFAULT_PORTS.restApi),
    },
    console: { port: port(values['port-console'], 'LOCAL_PORT_CONSOLE', DEFAULT_CONSOLE_PORT) },
  });
  const removeRuntimeFile = writeRuntimeFile(app);
  const { endpoints, manifest } = app;
  const analysis = manifest.stateMachines.find((machine) => machine.logicalId === 'AnalysisStateMachine');
  const lines = [
    '',
    `REST API        ${endpoints.restApi}   (SigV4, region ${manifest.region}, service execute-api, with a customer's keys: npm run customer -- credentials <id>;`,
    `                the operator's are in ${app.keystoreDir}/_operator.credentials.json)`,
    ...(app.manifest.apis[0] ? [] : []),
    `Step Functions  ${endpoints.stepfunctions}`,
    `DynamoDB        ${endpoints.dynamodb}   table ${manifest.tables.map((t) => t.name).join(', ')}`,
    `S3              ${endpoints.s3}   bucket ${manifest.buckets.map((b) => b.name).join(', ')}`,
    `EventBridge     ${endpoints.eventbridge}   bus ${manifest.eventBuses.map((b) => b.name).join(', ')} → ${app.eventLogPath}`,
    `Console         ${endpoints.console}   (operator's view of every customer's executions, runs and reports; this machine only)`,
    '',
    `Analysis state machine (alias): ${analysis?.aliasArn ?? analysis?.arn}`,
    '',
    'Point the AWS CLI and SDKs here:',
    `  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=${manifest.region}`,
    `  export AWS_ENDPOINT_URL_STEPFUNCTIONS=${endpoints.stepfunctions} AWS_ENDPOINT_URL_SFN=${endpoints.stepfunctions}`,
    `  export AWS_ENDPOINT_URL_DYNAMODB=${endpoints.dynamodb} AWS_ENDPOINT_URL_S3=${endpoints.s3} AWS_ENDPOINT_URL_EVENTBRIDGE=${endpoints.eventbridge}`,
    `  aws stepfunctions list-executions --state-machine-arn ${analysis?.arn} --endpoint-url ${endpoints.stepfunctions}`,
    '',
    ...(app.faults ? [`Fault switch (LOCAL_FAULTS): ${formatFaults(app.faults.plan) || 'none yet'}`, ''] : []),
    `Function logs: ${app.stateDir}/logs/   State: ${app.stateDir}/`,
    `Ready in ${Date.now() - started} ms. Ctrl-C to stop.`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.stdout.write(`Console: ${endpoints.console}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  reporter.status('Stopping…');
  removeRuntimeFile();
  await app.stop();
  if (app.faults) process.stderr.write(`${summarizeFaults(app.faults.counts())}\n`);
  return ExitCodes.Success;
};

runCommand(USAGE, main);
