/**
 * npm run customer -- add <id> | suspend <id> | activate <id> | show <id>: customer onboarding. Locally `add`
 * creates a 256-bit AES key in the local keystore and an ACTIVE profile recording its key id. (In the cloud the
 * same profile records a KMS key ARN with alias alias/<app>/customer/<id>; see the README's deploy section.)
 */
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CustomerStore } from '../../../functions/lib/store';
import { ensureCustomer, openSession, setCustomerStatus } from '../../app';
import { COMMON_FLAGS, ExitCodes, UsageError, reporterFor, runCommand } from './common';

const USAGE = `Usage: npm run customer -- <add|suspend|activate|show> <customerId> [--max-archive-mb <n>]

  add <id>        onboard a customer: a local key and an ACTIVE profile (an existing customer is left as it is)
  suspend <id>    suspend a customer: new runs fail with CustomerNotEntitled
  activate <id>   reactivate a suspended customer
  show <id>       print the profile (never the key)

Exit codes: 0 done; 1 usage error or unknown customer.`;

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    options: { ...COMMON_FLAGS, 'max-archive-mb': { type: 'string' } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return ExitCodes.Success;
  }
  const [action, customerId] = positionals;
  if (!action || !customerId || positionals.length > 2) throw new UsageError('expected an action and a customer id');
  if (!['add', 'suspend', 'activate', 'show'].includes(action)) throw new UsageError(`unknown action ${action}`);
  if (!/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/.test(customerId)) {
    throw new UsageError(`customer id ${customerId} must be 3-40 lower-case letters, digits or dashes (the API's customerId pattern)`);
  }
  const reporter = reporterFor(values);
  const session = await openSession({ reporter, stateDir: values['state-dir'] });
  try {
    const tableName = session.manifest.tables[0].name;
    if (action === 'add') {
      const maxArchiveMb = values['max-archive-mb'] === undefined ? undefined : Number(values['max-archive-mb']);
      const { profile, created } = await ensureCustomer(session.clients.dynamodb, customerId, {
        tableName,
        keystoreDir: session.keystoreDir,
        plan: maxArchiveMb ? { maxArchiveBytes: maxArchiveMb * 1024 * 1024 } : undefined,
      });
      process.stdout.write(`${JSON.stringify({ created, profile })}\n`);
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
