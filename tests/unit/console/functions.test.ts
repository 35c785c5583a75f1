/**
 * parseLog(): a function's log as Lambda writes it (START / END / REPORT lines, Powertools JSON lines, pretty-printed
 * across lines locally, and stray runtime output) read back as invocations tied to their runs, and log lines.
 */
import { parseLog } from '../../../local/console/functions';

const pretty = (record: object): string => JSON.stringify(record, null, 4);

const LOG = [
  'START RequestId: 11111111-aaaa-4bbb-8ccc-000000000001 Version: 1',
  'START RequestId: 22222222-aaaa-4bbb-8ccc-000000000002 Version: 1',
  '(node:14700) Warning: NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)',
  pretty({ level: 'INFO', message: 'Invocation succeeded', timestamp: '2026-12-07T11:06:10.000Z', cold_start: true, function_memory_size: '2048', function_request_id: '11111111-aaaa-4bbb-8ccc-000000000001', customerId: 'demo', runId: 'r1' }),
  'END RequestId: 11111111-aaaa-4bbb-8ccc-000000000001',
  'REPORT RequestId: 11111111-aaaa-4bbb-8ccc-000000000001 Duration: 6440 ms Init Duration: 3903 ms Memory Size: 2048 MB Max Memory Used: 180 MB',
  JSON.stringify({ level: 'ERROR', message: 'Invocation failed', timestamp: '2026-12-07T11:06:11.000Z', cold_start: false, function_request_id: '22222222-aaaa-4bbb-8ccc-000000000002', customerId: 'demo', runId: 'r2', errorName: 'NotAnArchiveError', errorMessage: 'not an archive' }),
  'END RequestId: 22222222-aaaa-4bbb-8ccc-000000000002',
  'REPORT RequestId: 22222222-aaaa-4bbb-8ccc-000000000002 Duration: 675 ms Memory Size: 2048 MB Max Memory Used: 95 MB',
  'START RequestId: 33333333-aaaa-4bbb-8ccc-000000000003 Version: 1',
  'END RequestId: 33333333-aaaa-4bbb-8ccc-000000000003',
  'REPORT RequestId: 33333333-aaaa-4bbb-8ccc-000000000003 Duration: 300000 ms Memory Size: 2048 MB Status: timeout',
  'START RequestId: 44444444-aaaa-4bbb-8ccc-000000000004 Version: 1',
  '',
].join('\n');

describe('Function: parseLog()', () => {
  const log = parseLog(LOG);
  const byId = Object.fromEntries(log.invocations.map((invocation) => [invocation.requestId.slice(0, 8), invocation]));

  it('reads each invocation’s duration, cold start, memory, outcome and run', () => {
    // Assess
    expect(byId['11111111']).toEqual({
      requestId: '11111111-aaaa-4bbb-8ccc-000000000001',
      timestamp: '2026-12-07T11:06:10.000Z',
      durationMs: 6440,
      initMs: 3903,
      coldStart: true,
      memorySizeMb: 2048,
      maxMemoryUsedMb: 180,
      status: 'succeeded',
      customerId: 'demo',
      runId: 'r1',
    });
    expect(byId['22222222']).toMatchObject({ status: 'failed', errorName: 'NotAnArchiveError', coldStart: false, durationMs: 675, runId: 'r2' });
    expect(byId['33333333']).toMatchObject({ status: 'timed out', durationMs: 300000 });
    expect(byId['44444444']).toMatchObject({ status: 'running' });
  });

  it('puts pretty-printed lines back together and keeps other output apart', () => {
    // Assess
    expect(log.lines.map((line) => [line.message, line.level, line.runId])).toEqual([
      ['Invocation succeeded', 'INFO', 'r1'],
      ['Invocation failed', 'ERROR', 'r2'],
    ]);
    expect(log.lines[1].fields).toMatchObject({ errorName: 'NotAnArchiveError', errorMessage: 'not an archive' });
    expect(log.others).toEqual(['(node:14700) Warning: NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)']);
  });

  it('keeps a structured line it cannot parse as plain output', () => {
    // Act
    const broken = parseLog('{\n    "level": "INFO",\n    "message": \n}\n');

    // Assess
    expect(broken.lines).toEqual([]);
    expect(broken.others).toHaveLength(4);
  });
});
