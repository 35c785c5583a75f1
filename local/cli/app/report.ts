/**
 * npm run report -- <customerId> <runId> [--format md|html|json] [--out FILE]: decrypts the run's report with the
 * customer's key (the local keystore) and renders it. The encryption context {customerId, runId} is checked: a
 * report of another customer or run does not decrypt.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseReportFormat, renderReport } from '../../../functions/lib/report';
import { CustomerNotOnboardedError, openSession, readRunReport, reportSourcesOf } from '../../app';
import { customerIdProblem, runIdProblem } from '../../../functions/lib/ids';
import { COMMON_FLAGS, ExitCodes, UsageError, reporterFor, runCommand } from './common';

const USAGE = `Usage: npm run report -- <customerId> <runId> [--format md|html|json] [--out <file>]

Decrypts a run's report with the customer's key and prints it (md by default; json lists every finding with
rule, severity, file, line, message and effort).

Exit codes: 0 printed; 1 usage error, unknown customer or run, or a report that does not decrypt.`;

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    options: { ...COMMON_FLAGS, format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return ExitCodes.Success;
  }
  const [customerId, runId] = positionals;
  if (!customerId || !runId || positionals.length > 2) throw new UsageError('expected a customer id and a run id');
  const problem = customerIdProblem(customerId) ? `customer id ${customerId} ${customerIdProblem(customerId)}` : runIdProblem(runId) ? `run id ${runId} ${runIdProblem(runId)}` : undefined;
  if (problem) throw new UsageError(problem);
  const format = parseReportFormat(values.format ?? 'md');
  const reporter = reporterFor({ ...values, quiet: values.quiet ?? true });
  const session = await openSession({ reporter, stateDir: values['state-dir'] });
  try {
    const report = await readRunReport(reportSourcesOf(session), customerId, runId).catch((error: Error) => {
      throw error instanceof CustomerNotOnboardedError ? new UsageError(error.message) : error;
    });
    const rendered = renderReport(report, format);
    if (values.out) {
      writeFileSync(values.out, rendered);
      process.stderr.write(`wrote ${values.out}\n`);
    } else {
      process.stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
    }
    return ExitCodes.Success;
  } finally {
    await session.close();
  }
};

runCommand(USAGE, main);
