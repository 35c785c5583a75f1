/**
 * npm run trace -- <execution ARN or name>: an execution's history as a timeline, one line per state: when it
 * started (seconds after the execution), how long it took, its type, and how it ended. Distributed Map runs add
 * their item counts. The same history the Step Functions console draws, from GetExecutionHistory.
 */
import { parseArgs } from 'node:util';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { openSession, readExecutionHistory, timeline } from '../../app';
import { COMMON_FLAGS, ExitCodes, UsageError, reporterFor, runCommand } from './common';

const USAGE = `Usage: npm run trace -- <executionArn | executionName> [--json]

Prints the execution's timeline: state, type, start, duration, outcome (--json: one object per state).

Exit codes: 0 printed (whatever the execution's status); 1 usage error or unknown execution.`;

const resolveExecution = async (sfn: SFNClient, stateMachines: string[], reference: string): Promise<string> => {
  if (reference.startsWith('arn:')) return reference;
  for (const stateMachineArn of stateMachines) {
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken, maxResults: 1000 }));
      const found = page.executions?.find((execution) => execution.name === reference);
      if (found?.executionArn) return found.executionArn;
      nextToken = page.nextToken;
    } while (nextToken);
  }
  throw new UsageError(`no execution named ${reference}`);
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({ options: { ...COMMON_FLAGS, json: { type: 'boolean' } }, allowPositionals: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return ExitCodes.Success;
  }
  if (positionals.length !== 1) throw new UsageError('expected one execution ARN or name');
  const reporter = reporterFor({ ...values, quiet: values.quiet ?? !values.verbose });
  const session = await openSession({ reporter, stateDir: values['state-dir'] });
  try {
    const { sfn } = session.clients;
    const executionArn = await resolveExecution(sfn, session.manifest.stateMachines.map((machine) => machine.arn), positionals[0]);
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn })).catch((error: Error) => {
      throw new UsageError(`${executionArn}: ${error.name}`);
    });
    const events = await readExecutionHistory(sfn, executionArn);
    const spans = timeline(events);
    const { mapRuns = [] } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    const mapDetails = await Promise.all(mapRuns.map((run) => sfn.send(new DescribeMapRunCommand({ mapRunArn: run.mapRunArn }))));
    if (values.json) {
      for (const span of spans) process.stdout.write(`${JSON.stringify(span)}\n`);
      return ExitCodes.Success;
    }
    const out = (line: string): boolean => process.stdout.write(`${line}\n`);
    const seconds = ((execution.stopDate ?? new Date()).getTime() - (execution.startDate?.getTime() ?? 0)) / 1000;
    out(`${execution.name}  ${execution.status}  ${seconds.toFixed(2)} s  (${events.length} events)`);
    out(`${'start'.padStart(8)}  ${'duration'.padStart(8)}  ${'type'.padEnd(8)}  ${'state'.padEnd(28)}  outcome`);
    for (const span of spans) {
      const duration = span.end === undefined ? '…' : `${(span.end - span.start).toFixed(2)}s`;
      out(`${`+${span.start.toFixed(2)}s`.padStart(8)}  ${duration.padStart(8)}  ${span.type.padEnd(8)}  ${span.name.padEnd(28)}  ${span.outcome}${span.detail ? ` (${span.detail})` : ''}`);
    }
    for (const run of mapDetails) {
      const counts = run.itemCounts;
      out(`map run ${run.mapRunArn?.split(':').slice(-2).join(':')}: ${run.status}, items ${counts?.succeeded ?? 0}/${counts?.total ?? 0} succeeded, ${counts?.failed ?? 0} failed`);
    }
    if (execution.status === 'FAILED') out(`error: ${execution.error}\ncause: ${execution.cause}`);
    return ExitCodes.Success;
  } finally {
    await session.close();
  }
};

runCommand(USAGE, main);
