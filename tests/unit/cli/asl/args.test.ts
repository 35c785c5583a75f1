import { parseAslArgs } from '../../../../local/cli/asl/args';
import { UsageError } from '../../../../local/cli/asl/errors';

describe('Function: parseAslArgs()', () => {
  it('parses serve with defaults', () => {
    // Act
    const command = parseAslArgs(['serve']);

    // Assess
    expect(command).toEqual({ command: 'serve', port: 8083, host: '127.0.0.1', stateDir: '.local/stepfunctions', fresh: false });
  });

  it('parses serve options', () => {
    // Act
    const command = parseAslArgs(['serve', '--port', '0', '--state-dir', '/tmp/s', '--fresh']);

    // Assess
    expect(command).toMatchObject({ command: 'serve', port: 0, stateDir: '/tmp/s', fresh: true });
  });

  it('parses execute with a definition, input, mocks and history', () => {
    // Act
    const command = parseAslArgs([
      'execute',
      '--definition',
      'm.asl.json',
      '--input',
      'in.json',
      '--mock-config',
      'mocks.json',
      '--test-case',
      'HappyPath',
      '--history',
    ]);

    // Assess
    expect(command).toEqual({
      command: 'execute',
      definitionFile: 'm.asl.json',
      inputFile: 'in.json',
      casesFile: undefined,
      mockConfigFile: 'mocks.json',
      testCase: 'HappyPath',
      history: true,
      caseTimeoutSeconds: 0,
    });
  });

  it.each([
    [['execute', '--cases', 'c.jsonl'], 300],
    [['execute', '--cases', 'c.jsonl', '--case-timeout', '2.5'], 2.5],
    [['execute', '--cases', 'c.jsonl', '--case-timeout', '0'], 0],
    [['execute', '--definition', 'm.asl.json'], 0],
    [['execute', '--definition', 'm.asl.json', '--case-timeout', '10'], 10],
  ])('gives %j a case time limit of %d seconds', (argv, seconds) => {
    // Act
    const command = parseAslArgs(argv);

    // Assess
    expect(command).toMatchObject({ command: 'execute', caseTimeoutSeconds: seconds });
  });

  it.each([[[]], [['--help']], [['execute', '--help']], [['help']]])('answers help for %j', (argv) => {
    // Act & Assess
    expect(parseAslArgs(argv)).toEqual({ command: 'help' });
  });

  it.each([
    [['run'], "Unknown command 'run'"],
    [['serve', '--port', 'eighty'], "--port must be an integer from 0 to 65535 (got 'eighty')"],
    [['serve', '--port', '70000'], '--port must be an integer'],
    [['serve', '--verbose'], "Unknown option '--verbose'"],
    [['execute'], 'exactly one of --definition FILE or --cases FILE.jsonl'],
    [['execute', '--definition', 'a', '--cases', 'b'], 'exactly one of'],
    [['execute', '--cases', 'b', '--input', 'i'], '--input applies to --definition'],
    [['execute', '--definition', 'a', '--test-case', 'T'], '--test-case needs --mock-config FILE'],
    [['execute', '--definition'], "Option '--definition <value>' argument missing"],
    [['execute', '--cases', 'c.jsonl', '--case-timeout', 'soon'], "--case-timeout must be a number of seconds >= 0 (got 'soon')"],
    [['execute', '--cases', 'c.jsonl', '--case-timeout=-1'], "--case-timeout must be a number of seconds >= 0 (got '-1')"],
  ])('refuses %j', (argv, message) => {
    // Act
    const act = (): unknown => parseAslArgs(argv);

    // Assess
    expect(act).toThrow(UsageError);
    expect(act).toThrow(message);
  });
});
