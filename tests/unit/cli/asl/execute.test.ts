import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAslArgs } from '../../../../local/cli/asl/args';
import type { ExecuteCommand } from '../../../../local/cli/asl/args';
import { executeCommand } from '../../../../local/cli/asl/execute';
import type { CliIo } from '../../../../local/cli/asl/output';

const GREET = { QueryLanguage: 'JSONata', StartAt: 'Greet', States: { Greet: { Type: 'Pass', Output: "{% 'hello ' & $states.input.name %}", End: true } } };
const FOREVER = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 99999999, End: true } } };
const REFUSED = { StartAt: 'Missing', States: { Here: { Type: 'Succeed' } } };

describe('Function: executeCommand() with --cases', () => {
  let directory: string;
  let stdout: string[];
  let stderr: string[];
  const io: CliIo = { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) };

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'asl-execute-'));
    stdout = [];
    stderr = [];
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const casesFile = async (lines: string[]): Promise<string> => {
    const path = join(directory, 'cases.jsonl');
    await writeFile(path, lines.join('\n'));
    return path;
  };

  const execute = (args: string[]): Promise<number> => executeCommand(parseAslArgs(['execute', ...args]) as ExecuteCommand, io);

  it('reports a refused and a never-ending case as their results and runs every other case', async () => {
    // Prepare
    const path = await casesFile([
      JSON.stringify({ id: 'first', definition: GREET, input: { name: 'Ada' } }),
      JSON.stringify({ id: 'refused', definition: REFUSED }),
      JSON.stringify({ id: 'forever', definition: FOREVER }),
      '{"id": "broken", ',
      JSON.stringify({ id: 'last', definition: GREET, input: { name: 'Lin' } }),
    ]);

    // Act
    const code = await execute(['--cases', path, '--case-timeout', '0.3']);

    // Assess
    const results = stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(code).toBe(2);
    expect(stderr).toEqual([]);
    expect(results.map((result) => [result.id, result.status, result.error])).toEqual([
      ['first', 'SUCCEEDED', null],
      ['refused', 'REJECTED', 'InvalidDefinition'],
      ['forever', 'TIMED_OUT', 'Local.CaseTimeout'],
      [null, 'REJECTED', 'Local.InvalidCase'],
      ['last', 'SUCCEEDED', null],
    ]);
    expect(results[0].output).toBe('hello Ada');
    expect(results[1].cause).toContain(`${path}:2: Invalid State Machine Definition`);
    expect(results[1].cause).toContain("the state 'Missing' does not exist");
    expect(results[2].cause).toBe('The execution did not finish within the case time limit of 0.3 seconds (--case-timeout); it was stopped');
    expect(results[3].cause).toBe(`${path}:4: the case is not valid JSON: ${(() => {
      try {
        JSON.parse('{"id": "broken", ');
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })()}`);
    expect(results[4].output).toBe('hello Lin');
  });

  it('gives a timed-out case its history so far with --history', async () => {
    // Prepare
    const path = await casesFile([JSON.stringify({ id: 1, definition: FOREVER })]);

    // Act
    const code = await execute(['--cases', path, '--case-timeout', '0.1', '--history']);

    // Assess
    const [result] = stdout.map((line) => JSON.parse(line) as { status: string; history: { type: string }[] });
    expect(code).toBe(2);
    expect(result.status).toBe('TIMED_OUT');
    expect(result.history.map((event) => event.type).slice(0, 2)).toEqual(['ExecutionStarted', 'WaitStateEntered']);
    expect(result.history.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Local.CaseTimeout' } });
  });

  it('rejects an input over the payload limit and an unknown test case, naming the line', async () => {
    // Prepare
    const mocks = join(directory, 'mocks.json');
    await writeFile(mocks, JSON.stringify({ StateMachines: { 'asl-cli': { TestCases: { Happy: {} } } }, MockedResponses: {} }));
    const path = await casesFile([
      JSON.stringify({ id: 'big', definition: GREET, input: { name: 'x'.repeat(300 * 1024) } }),
      JSON.stringify({ id: 'unknown', definition: GREET, input: { name: 'Ada' }, testCase: 'Nope' }),
      JSON.stringify({ id: 'known', definition: GREET, input: { name: 'Ada' }, testCase: 'Happy' }),
    ]);

    // Act
    const code = await execute(['--cases', path, '--mock-config', mocks]);

    // Assess
    const results = stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(code).toBe(2);
    expect(results.map((result) => [result.id, result.status, result.error])).toEqual([
      ['big', 'REJECTED', 'InvalidExecutionInput'],
      ['unknown', 'REJECTED', 'Local.InvalidCase'],
      ['known', 'SUCCEEDED', null],
    ]);
    expect(results[1].cause).toContain(`${path}:2: `);
    expect(results[1].cause).toContain('Nope');
  });

  it('exits 0 when every case succeeds within its time limit', async () => {
    // Prepare
    const path = await casesFile([JSON.stringify({ id: 'only', definition: GREET, input: { name: 'Ada' } })]);

    // Act
    const code = await execute(['--cases', path, '--case-timeout', '30']);

    // Assess
    expect(code).toBe(0);
    expect(stdout.map((line) => JSON.parse(line) as unknown)).toEqual([{ id: 'only', status: 'SUCCEEDED', output: 'hello Ada', error: null, cause: null }]);
  });
});
