/**
 * invocationLog(): one line as each invocation ends, with the run's ids, the error's name and message on failure, and
 * neither the event nor a stack.
 */
import { lambdaHandler } from '../../../functions/lib/middleware';
import { lambdaContext } from '../functions/support/lambda';
import { logLines } from './support';

describe('Function: invocationLog()', () => {
  it('writes "Invocation succeeded" with the Lambda context and the run’s ids', async () => {
    // Prepare
    const handler = lambdaHandler(async () => ({ ok: true }));

    // Act
    const lines = await logLines(() => handler({ customerId: 'acme', runId: 'r1', source: { key: 'uploads/acme/src.zip' } }, lambdaContext('SplitSourceFunction')));

    // Assess
    const line = lines.find((candidate) => candidate.message === 'Invocation succeeded');
    expect(line).toMatchObject({ level: 'INFO', customerId: 'acme', runId: 'r1', function_name: 'SplitSourceFunction', function_request_id: expect.any(String), cold_start: expect.any(Boolean) });
    expect(JSON.stringify(line)).not.toContain('uploads/acme/src.zip');
  });

  it('writes "Invocation failed" with the error’s name and message, and no stack', async () => {
    // Prepare
    class NotAnArchiveError extends Error {
      public constructor() {
        super('The upload is not a zip or tar.gz archive');
        this.name = 'NotAnArchiveError';
      }
    }
    const handler = lambdaHandler(async () => {
      throw new NotAnArchiveError();
    });

    // Act
    const lines = await logLines(() => handler({ customerId: 'acme', runId: 'r2' }, lambdaContext('SplitSourceFunction')).catch(() => undefined));

    // Assess
    const line = lines.find((candidate) => candidate.message === 'Invocation failed');
    expect(line).toMatchObject({ level: 'ERROR', customerId: 'acme', runId: 'r2', errorName: 'NotAnArchiveError', errorMessage: 'The upload is not a zip or tar.gz archive' });
    expect(JSON.stringify(line)).not.toMatch(/stack|at .*\.ts:\d+/);
    expect(lines.some((candidate) => candidate.message === 'Invocation succeeded')).toBe(false);
  });
});
