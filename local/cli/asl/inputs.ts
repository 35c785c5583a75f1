/**
 * Reading what `asl execute` is given: definition and input files, and JSON Lines case files. A problem with a file
 * as a whole is a SetupError naming it, raised before anything runs; a problem with one line of a cases file makes
 * that line a {@link RejectedCase}, reported as its result while the other cases run.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SetupError } from './errors';

/** One case of a `--cases` file, resolved. */
type ExecutionCase = {
  kind: 'case';
  /** The case's `id` as written (string or number), echoed in its result line. */
  id: string | number;
  /** The definition, as JSON text. */
  definition: string;
  /** The execution input, as JSON text. */
  input: string;
  /** Overrides `--test-case` for this case. */
  testCase?: string;
  /** The 1-based line of the case in its file. */
  line: number;
};

/** A line of a `--cases` file that cannot run: its id when it has a usable one, and what is wrong with it. */
type RejectedCase = {
  kind: 'rejected';
  id: string | number | null;
  line: number;
  /** What is wrong and where (`cases.jsonl:3: …`). */
  problem: string;
};

/** A line of a `--cases` file, as read. */
type CaseEntry = ExecutionCase | RejectedCase;

const readText = async (path: string, what: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SetupError(path, `cannot read the ${what}${code === undefined ? '' : ` (${code})`}`, { cause: error });
  }
};

const parseJson = (text: string, path: string, what: string, line?: number): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SetupError(path, `the ${what} is not valid JSON: ${(error as Error).message}`, { cause: error, line });
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a definition file: it must hold a JSON object. Returns the text as written (the engine parses it again,
 * as CreateStateMachine would).
 *
 * @example
 * const definition = await readDefinitionFile('statemachines/analysis.asl.json');
 */
const readDefinitionFile = async (path: string): Promise<string> => {
  const text = await readText(path, 'definition');
  if (!isObject(parseJson(text, path, 'definition'))) throw new SetupError(path, 'the definition must be a JSON object');
  return text;
};

/** Reads an input file: any JSON value; returned as JSON text. */
const readInputFile = async (path: string): Promise<string> => {
  const text = await readText(path, 'input');
  parseJson(text, path, 'input');
  return text;
};

/** Reads any JSON file (the mock config). */
const readJsonFile = async (path: string, what: string): Promise<unknown> => parseJson(await readText(path, what), path, what);

const caseDefinition = async (value: unknown, casesPath: string, line: number): Promise<string> => {
  if (isObject(value)) return JSON.stringify(value);
  if (typeof value !== 'string' || value.trim() === '')
    throw new SetupError(casesPath, '"definition" must be an object, its JSON text, or a file path', { line });
  if (value.trimStart().startsWith('{')) {
    if (!isObject(parseJson(value, casesPath, '"definition" text', line)))
      throw new SetupError(casesPath, '"definition" must be a JSON object', { line });
    return value;
  }
  return readDefinitionFile(resolve(dirname(casesPath), value)).catch((error: unknown) => {
    throw new SetupError(casesPath, `"definition": ${(error as Error).message}`, { cause: error, line });
  });
};

const readCase = async (text: string, path: string, line: number, seen: Set<string>): Promise<CaseEntry> => {
  let id: string | number | null = null;
  try {
    const value = parseJson(text, path, 'case', line);
    if (!isObject(value)) throw new SetupError(path, 'a case must be a JSON object', { line });
    const { definition, input, testCase } = value;
    if (typeof value.id !== 'string' && typeof value.id !== 'number') throw new SetupError(path, '"id" must be a string or a number', { line });
    if (seen.has(String(value.id))) throw new SetupError(path, `"id" ${JSON.stringify(value.id)} is used twice`, { line });
    id = value.id;
    seen.add(String(id));
    if (testCase !== undefined && typeof testCase !== 'string') throw new SetupError(path, '"testCase" must be a string', { line });
    return {
      kind: 'case',
      id,
      definition: await caseDefinition(definition, path, line),
      input: JSON.stringify(input ?? {}),
      ...(testCase === undefined ? {} : { testCase }),
      line,
    };
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    return { kind: 'rejected', id, line, problem: error.message };
  }
};

/**
 * Reads a JSON Lines case file: one `{"id", "definition", "input"}` object per non-blank line, ids unique. A line
 * that cannot be a case (not JSON, no id, a repeated id, a definition file that cannot be read) comes back as a
 * {@link RejectedCase} in its place; only a file that cannot be read or holds no line at all is a SetupError.
 *
 * @example
 * const entries = await readCasesFile('tests/fixtures/cases.jsonl');
 */
const readCasesFile = async (path: string): Promise<CaseEntry[]> => {
  const lines = (await readText(path, 'cases file')).split('\n');
  const entries: CaseEntry[] = [];
  const seen = new Set<string>();
  for (const [index, text] of lines.entries()) {
    if (text.trim() !== '') entries.push(await readCase(text, path, index + 1, seen));
  }
  if (entries.length === 0) throw new SetupError(path, 'the cases file holds no case');
  return entries;
};

export { readCasesFile, readDefinitionFile, readInputFile, readJsonFile };
export type { CaseEntry, ExecutionCase, RejectedCase };
