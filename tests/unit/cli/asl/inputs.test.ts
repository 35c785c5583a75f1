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
      { id: 'object', definition: DEFINITION, input: '{"a":1}', line: 1 },
      { id: 2, definition: DEFINITION, input: '{}', testCase: 'Happy', line: 3 },
      { id: 'path', definition: DEFINITION, input: '[1,2]', line: 4 },
    ]);
  });

  it.each([
    ['a line that is not JSON', '{"id":1,', ':1: the case is not valid JSON'],
    ['a line that is not an object', '[1]', ':1: a case must be a JSON object'],
    ['a missing id', `{"definition":${DEFINITION}}`, ':1: "id" must be a string or a number'],
    ['a repeated id', `{"id":"a","definition":${DEFINITION}}\n{"id":"a","definition":${DEFINITION}}`, ':2: "id" "a" is used twice'],
    ['a definition that is not an object', '{"id":1,"definition":5}', '"definition" must be an object'],
    ['a definition file that is missing', '{"id":1,"definition":"missing.asl.json"}', 'cannot read the definition (ENOENT)'],
    ['no case at all', '\n\n', 'the cases file holds no case'],
  ])('refuses %s, naming file and line', async (_case, content, message) => {
    // Prepare
    const path = await write('cases.jsonl', content);

    // Act
    const failure = await readCasesFile(path).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(SetupError);
    expect((failure as SetupError).message).toContain(path);
    expect((failure as SetupError).message).toContain(message);
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
