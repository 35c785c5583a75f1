/**
 * npm run customer -- add <id> | suspend <id> | activate <id> | show <id> | credentials <id>: customer onboarding.
 * Locally `add` creates a 256-bit AES key in the local keystore, the customer's API credentials and an ACTIVE
 * profile recording its key id; `credentials` prints the customer's API key pair (the local REST API lets it reach
 * that customer's routes only). In the cloud the profile records a KMS key ARN with alias alias/<app>/customer/<id>
 * and the customer gets its own IAM role; see the README's deploy section.
 */
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CustomerStore } from '../../../functions/lib/store';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { ensureCustomer, LocalCredentialStore, onboardCustomerWithKms, openSession, setCustomerStatus } from '../../app';
import { customerIdProblem } from '../../../functions/lib/ids';
import { COMMON_FLAGS, ExitCodes, UsageError, reporterFor, runCommand } from './common';

const USAGE = `Usage: npm run customer -- <add|suspend|activate|show|credentials> <customerId> [--max-archive-mb <n>] [--json] [--cloud --stack <name> [--region <r>] [--trust <principal ARN>]]

  add <id>        onboard a customer: a local key, its API credentials and an ACTIVE profile (an existing customer
                  is left as it is); with --cloud, in the deployed stack: a KMS key with rotation whose key policy
                  allows no use without the customer's encryption context, the alias alias/<AppName>/customer/<id>,
                  the customer's own IAM role (tagged customerId, carrying CustomerAccessPolicy: its own routes,
                  reports and key only; --trust names who may assume it, default the stack's account), and the
                  profile recording the key ARN (AWS credentials from the usual chain)
  suspend <id>    suspend a customer: new runs fail with CustomerNotEntitled
  activate <id>   reactivate a suspended customer
  show <id>       print the profile (never the key)
  credentials <id> [--json]
                  print the customer's local API credentials (issued when it was onboarded); --json prints
                  {"accessKeyId": …, "secretAccessKey": …}. They reach this customer's routes only (403 elsewhere).

Exit codes: 0 done; 1 usage error or unknown customer.`;

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    options: {
      ...COMMON_FLAGS,
      'max-archive-mb': { type: 'string' },
      json: { type: 'boolean' },
      cloud: { type: 'boolean' },
      stack: { type: 'string' },
      region: { type: 'string' },
      trust: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return ExitCodes.Success;
  }
  const [action, customerId] = positionals;
  if (!action || !customerId || positionals.length > 2) throw new UsageError('expected an action and a customer id');
  if (!['add', 'suspend', 'activate', 'show', 'credentials'].includes(action)) throw new UsageError(`unknown action ${action}`);
  const problem = customerIdProblem(customerId);
  if (problem) throw new UsageError(`customer id ${customerId} ${problem} (the API's customerId pattern)`);
  const maxArchiveMb = values['max-archive-mb'] === undefined ? undefined : Number(values['max-archive-mb']);
  if (maxArchiveMb !== undefined && !(maxArchiveMb > 0)) throw new UsageError('--max-archive-mb takes a positive number');
  if (values.cloud) {
    if (action !== 'add') throw new UsageError('--cloud is for add (suspend and activate: update the profile in the table)');
    if (!values.stack) throw new UsageError('--cloud needs --stack <stack name> (its outputs name the table and the key alias prefix)');
    const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    const cloudformation = new CloudFormationClient({ region });
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: values.stack }));
    const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
    if (!outputs.TableName || !outputs.CustomerKeyAliasPrefix || !outputs.CustomerAccessPolicyArn) {
      throw new UsageError(`stack ${values.stack} has no TableName / CustomerKeyAliasPrefix / CustomerAccessPolicyArn outputs (deploy the current template)`);
    }
    const { profile, created, roleArn } = await onboardCustomerWithKms(
      { kms: new KMSClient({ region }), dynamodb: new DynamoDBClient({ region }), iam: new IAMClient({ region }) },
      customerId,
      {
        tableName: outputs.TableName,
        aliasPrefix: outputs.CustomerKeyAliasPrefix,
        plan: maxArchiveMb ? { maxArchiveBytes: maxArchiveMb * 1024 * 1024 } : undefined,
        customerAccessPolicyArn: outputs.CustomerAccessPolicyArn,
        trustedPrincipal: values.trust,
        stackName: values.stack,
      },
    );
    process.stdout.write(`${JSON.stringify({ created, profile, roleArn })}\n`);
    return ExitCodes.Success;
  }
  const reporter = reporterFor(values);
  const session = await openSession({ reporter, stateDir: values['state-dir'] });
  try {
    const tableName = session.manifest.tables[0].name;
    if (action === 'add') {
      const { profile, created } = await ensureCustomer(session.clients.dynamodb, customerId, {
        tableName,
        keystoreDir: session.keystoreDir,
        plan: maxArchiveMb ? { maxArchiveBytes: maxArchiveMb * 1024 * 1024 } : undefined,
      });
      process.stdout.write(`${JSON.stringify({ created, profile })}\n`);
      return ExitCodes.Success;
    }
    if (action === 'credentials') {
      const profile = await new CustomerStore(DynamoDBDocumentClient.from(session.clients.dynamodb), tableName).get(customerId);
      if (!profile) {
        process.stderr.write(`error: customer ${customerId} is not onboarded (npm run customer -- add ${customerId})\n`);
        return ExitCodes.Setup;
      }
      const pair = await new LocalCredentialStore(session.keystoreDir).ensure({ kind: 'customer', customerId });
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ accessKeyId: pair.accessKeyId, secretAccessKey: pair.secretAccessKey })}\n`);
      } else {
        process.stdout.write(
          `Local API credentials of ${customerId} (its own routes only; SigV4, service execute-api, region ${session.manifest.region}):\n` +
            `  export AWS_ACCESS_KEY_ID=${pair.accessKeyId} AWS_SECRET_ACCESS_KEY=${pair.secretAccessKey}\n` +
            `  curl --aws-sigv4 "aws:amz:${session.manifest.region}:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" ${session.endpoints.restApi}/customers/${customerId}/analyses/<runId>\n`,
        );
      }
      return ExitCodes.Success;
    }
    if (action === 'show') {
      const profile = await new CustomerStore(DynamoDBDocumentClient.from(session.clients.dynamodb), tableName).get(customerId);
      if (!profile) {
        process.stderr.write(`error: customer ${customerId} is not onboarded\n`);
        return ExitCodes.Setup;
      }
      process.stdout.write(`${JSON.stringify(profile)}\n`);
      return ExitCodes.Success;
    }
    await setCustomerStatus(session.clients.dynamodb, tableName, customerId, action === 'suspend' ? 'SUSPENDED' : 'ACTIVE');
    process.stdout.write(`${JSON.stringify({ customerId, status: action === 'suspend' ? 'SUSPENDED' : 'ACTIVE' })}\n`);
    return ExitCodes.Success;
  } finally {
    await session.close();
  }
};

runCommand(USAGE, main);
