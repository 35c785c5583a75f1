/**
 * Generates a realistic AngularJS code base of a given size, deterministic from a seed, with every finding the
 * AngularJS pack must report known in advance (`seeded`): modules, routes, controllers in script and TypeScript style,
 * services, directives of each kind (component-style, attribute with link, legacy with compile/replace/transclude),
 * components with inline templates, filters, templates and unit tests, surrounded by plain code that must not be
 * reported.
 *
 * Usage: `npx tsx bench/corpus/angularjs/generateAngularJsCorpus.ts --lines 100000 --seed 1 --out /tmp/corpus`
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { applicationFiles, featureFiles } from './features';
import type { SeededFinding } from './fileBuilder';
import { createRandom } from '../random';

/** Options of {@link generateAngularJsCorpus}. */
type AngularJsCorpusOptions = {
  /** At least this many non-blank lines (the corpus stops after the feature that reaches it). */
  lines: number;
  /** Seed of the generator: the same seed and size give the same files. */
  seed: number;
  /** When given, the files are written under this folder as well. */
  outDir?: string;
};

/** One generated file. */
type CorpusFile = { path: string; language: 'javascript' | 'typescript' | 'html'; text: string; loc: number };

/** What {@link generateAngularJsCorpus} returns. */
type AngularJsCorpus = {
  files: CorpusFile[];
  /** Every finding the file analysis must report, and nothing else. */
  seeded: SeededFinding[];
  /** Non-blank lines over all files. */
  loc: number;
};

const languageOf = (path: string): CorpusFile['language'] => (path.endsWith('.ts') ? 'typescript' : path.endsWith('.html') ? 'html' : 'javascript');

/**
 * Generates the corpus (and writes it when `outDir` is given).
 *
 * @example
 * const { files, seeded } = await generateAngularJsCorpus({ lines: 100_000, seed: 1 });
 */
const generateAngularJsCorpus = async (options: AngularJsCorpusOptions): Promise<AngularJsCorpus> => {
  const random = createRandom(options.seed);
  const builders = applicationFiles();
  let loc = builders.reduce((sum, file) => sum + file.loc, 0);
  for (let index = 1; loc < options.lines; index += 1) {
    for (const file of featureFiles(index, random)) {
      builders.push(file);
      loc += file.loc;
    }
  }
  const files = builders.map((file) => ({ path: file.path, language: languageOf(file.path), text: file.text(), loc: file.loc }));
  const seeded = builders.flatMap((file) => file.seeded);
  if (options.outDir !== undefined) {
    // One file at a time: tens of thousands of writes at once run out of file descriptors (EMFILE).
    for (const file of files) {
      await mkdir(dirname(join(options.outDir, file.path)), { recursive: true });
      await writeFile(join(options.outDir, file.path), file.text);
    }
  }
  return { files, seeded, loc };
};

const main = async (): Promise<void> => {
  const argument = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const corpus = await generateAngularJsCorpus({ lines: Number(argument('--lines') ?? 100_000), seed: Number(argument('--seed') ?? 1), outDir: argument('--out') });
  const byRule = new Map<string, number>();
  for (const finding of corpus.seeded) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
  process.stdout.write(`${corpus.files.length} files, ${corpus.loc} lines, ${corpus.seeded.length} seeded findings\n`);
  for (const [rule, count] of [...byRule].sort()) process.stdout.write(`  ${rule}: ${count}\n`);
};

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}

export type { AngularJsCorpus, AngularJsCorpusOptions, CorpusFile };
export { generateAngularJsCorpus };
