/**
 * The rule packs the workflow benchmark measures, and the generated code base of each: the project's shared corpus
 * generators (bench/corpus/), written to a folder the benchmark then packs as `npm start -- --source <dir>` does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateAbapCorpus } from '../corpus/abap/generate';
import { generateAngularJsCorpus } from '../corpus/angularjs/generateAngularJsCorpus';

/** The packs, by the name `--pack` takes. */
const Packs = {
  Abap: 'abap',
  AngularJs: 'angularjs',
} as const;

/** One rule pack. */
type Pack = (typeof Packs)[keyof typeof Packs];

/** Every pack, in the order `--pack all` runs them. */
const ALL_PACKS: readonly Pack[] = [Packs.Abap, Packs.AngularJs];

/**
 * Most units per pack (the run's maxItemsPerBatch) when `--batch` is not given: the template's MapMaxItemsPerBatch
 * default, as a deployed run gets. Packs aim at about 16,000 lines (functions/lib/source/packs.ts): about 120 ABAP units
 * (one abapGit object averages 130 lines) and, capped at 500, about 14,000 lines of AngularJS files (28 lines each).
 */
const DEFAULT_BATCH: Readonly<Record<Pack, number>> = {
  [Packs.Abap]: 500,
  [Packs.AngularJs]: 500,
};

/** What the report says about each pack's code base. */
const PACK_LABELS: Readonly<Record<Pack, string>> = {
  [Packs.Abap]: 'ABAP (abap-s4hana), abapGit layout',
  [Packs.AngularJs]: 'AngularJS (angularjs-angular), .js/.ts/.html',
};

/** A generated code base, written to disk. */
type PackCorpus = {
  /** Lines of code as the splitter counts them. */
  loc: number;
  files: number;
  /** Counts shown in the report: objects by abapGit type, or files by extension. */
  objects: Record<string, number>;
  /** Findings seeded into the code base (what the analysis must report per unit). */
  seeded: number;
};

/** Options of {@link generatePackCorpus}. */
type PackCorpusOptions = { loc: number; seed: number; outDir: string };

const EXTENSIONS: Readonly<Record<string, string>> = { javascript: '.js', typescript: '.ts', html: '.html' };

/**
 * Generates the pack's code base of at least `loc` lines from `seed` under `outDir`.
 *
 * @example
 * const corpus = await generatePackCorpus('angularjs', { loc: 1_000_000, seed: 1, outDir: '/tmp/code' });
 */
const generatePackCorpus = async (pack: Pack, options: PackCorpusOptions): Promise<PackCorpus> => {
  if (pack === Packs.Abap) {
    // No seeds that fail to parse: the benchmark compares throughput on code the analyzer parses whole.
    const corpus = generateAbapCorpus({ lines: options.loc, seed: options.seed, outDir: options.outDir, parserErrors: false });
    return { loc: corpus.loc, files: corpus.files.length, objects: { ...corpus.objects }, seeded: corpus.seeded.length };
  }
  // Written here, one file at a time: the generator's own outDir opens every file at once, and a 1M-line code base
  // (about 36,000 files) runs out of file descriptors (EMFILE).
  const corpus = await generateAngularJsCorpus({ lines: options.loc, seed: options.seed });
  const objects: Record<string, number> = {};
  for (const file of corpus.files) {
    const path = join(options.outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
    const extension = EXTENSIONS[file.language] ?? file.language;
    objects[extension] = (objects[extension] ?? 0) + 1;
  }
  return { loc: corpus.loc, files: corpus.files.length, objects, seeded: corpus.seeded.length };
};

export { ALL_PACKS, DEFAULT_BATCH, PACK_LABELS, Packs, generatePackCorpus };
export type { Pack, PackCorpus, PackCorpusOptions };
