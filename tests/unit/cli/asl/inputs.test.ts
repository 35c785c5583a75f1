import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SetupError } from '../../../../local/cli/asl/errors';
import { readCasesFile, readDefinitionFile, readInputFile } from '../../../../local/cli/asl/inputs';

const DEFINITION = '{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}';

describe('Function: readCasesFile()', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'asl-inputs-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const write = async (name: string, content: string): Promise<string> => {
    const path = join(directory, name);
    await writeFile(path, content);
    return path;
  };

  it('reads definitions given as objects, JSON text or paths next to the file, skipping blank lines', async () => {
    // Prepare
    await write('done.asl.json', DEFINITION);
    const path = await write(
      'cases.jsonl',
      [
        JSON.stringify({ id: 'object', definition: JSON.parse(DEFINITION), input: { a: 1 } }),
        '',
        JSON.stringify({ id: 2, definition: DEFINITION, testCase: 'Happy' }),
        JSON.stringify({ id: 'path', definition: 'done.asl.json', input: [1, 2] }),
      ].join('\n')
    );

    // Act
    const cases = await readCasesFile(path);

    // Assess
    expect(cases).toEqual([
      { kind: 'case', id: 'object', definition: DEFINITION, input: '{"a":1}', line: 1 },
      { kind: 'case', id: 2, definition: DEFINITION, input: '{}', testCase: 'Happy', line: 3 },
      { kind: 'case', id: 'path', definition: DEFINITION, input: '[1,2]', line: 4 },
    ]);
  });

  it.each([
    ['a line that is not JSON', '{"id":1,', null, ':1: the case is not valid JSON'],
    ['a line that is not an object', '[1]', null, ':1: a case must be a JSON object'],
    ['a missing id', `{"definition":${DEFINITION}}`, null, ':1: "id" must be a string or a number'],
    ['a definition that is not an object', '{"id":1,"definition":5}', 1, '"definition" must be an object'],
    ['a definition file that is missing', '{"id":"m","definition":"missing.asl.json"}', 'm', 'cannot read the definition (ENOENT)'],
    ['a test case that is not a string', `{"id":3,"definition":${DEFINITION},"testCase":7}`, 3, '"testCase" must be a string'],
  ])('rejects %s as that line, naming file and line', async (_case, content, id, message) => {
    // Prepare
    const path = await write('cases.jsonl', content);

    // Act
    const [entry] = await readCasesFile(path);

    // Assess
    expect(entry).toMatchObject({ kind: 'rejected', id, line: 1 });
    expect(entry.kind === 'rejected' && entry.problem).toMatch(new RegExp(`^${path}:1: `));
    expect(entry.kind === 'rejected' && entry.problem).toContain(message.replace(/^:1: /, ''));
  });

  it('rejects a repeated id on its second line and keeps the first and the lines after it', async () => {
    // Prepare
    const path = await write('cases.jsonl', [`{"id":"a","definition":${DEFINITION}}`, `{"id":"a","definition":${DEFINITION}}`, `{"id":"b","definition":${DEFINITION}}`].join('\n'));

    // Act
    const entries = await readCasesFile(path);

    // Assess
    expect(entries.map((entry) => [entry.kind, entry.id, entry.line])).toEqual([
      ['case', 'a', 1],
      ['rejected', null, 2],
      ['case', 'b', 3],
    ]);
    expect(entries[1].kind === 'rejected' && entries[1].problem).toBe(`${path}:2: "id" "a" is used twice`);
  });

  it.each([
    ['no case at all', '\n\n', 'the cases file holds no case'],
    ['a file that does not exist', undefined, 'cannot read the cases file (ENOENT)'],
  ])('refuses %s as a whole, naming the file', async (_case, content, message) => {
    // Prepare
    const path = content === undefined ? join(directory, 'absent.jsonl') : await write('cases.jsonl', content);

    // Act
    const failure = await readCasesFile(path).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(SetupError);
    expect((failure as SetupError).message).toBe(`${path}: ${message}`);
  });
});

describe('Function: readDefinitionFile()', () => {
  it('refuses a definition that is JSON but not an object', async () => {
    // Prepare
    const directory = await mkdtemp(join(tmpdir(), 'asl-inputs-'));
    const path = join(directory, 'list.asl.json');
    await writeFile(path, '[]');

    // Act
    const failure = await readDefinitionFile(path).catch((error: unknown) => error);

    // Assess
    expect((failure as SetupError).message).toBe(`${path}: the definition must be a JSON object`);
    await rm(directory, { recursive: true, force: true });
  });
});

describe('Function: readInputFile()', () => {
  it('refuses an input that is not JSON', async () => {
    // Prepare
    const directory = await mkdtemp(join(tmpdir(), 'asl-inputs-'));
    const path = join(directory, 'input.json');
    await writeFile(path, '{oops');

    // Act
    const failure = await readInputFile(path).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(SetupError);
    expect((failure as SetupError).message).toContain('the input is not valid JSON');
    await rm(directory, { recursive: true, force: true });
  });
});
