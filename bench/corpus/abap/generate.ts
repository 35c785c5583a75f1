/**
 * A deterministic generator of realistic ABAP code bases in abapGit layout, with a known set of seeded findings of the
 * `abap-s4hana` rule pack: which rule, which variant, which file and line. Same options, same files, byte for byte.
 *
 * The code base is a package `$ZERP` with one sub-package per business area (`src/sd`, `src/mm`, …), each with its
 * `package.devc.xml`, and `.abapgit.xml` at the root. Objects are reports, global classes (with local classes and
 * test classes), function groups, interfaces and CDS views in about the proportions of an ECC custom code base.
 * Routines are clean (no rule reports them) or carry exactly one seeded finding; CDS views can be seeded too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import catalog from '../../../layers/analysis-engine/data/abap/simplification-items.json';
import { cdsView, functionGroup, globalClass, globalInterface, report } from './objects';
import type { CdsRead, GeneratedObject, ObjectSpec, SeededFinding } from './objects';
import { createRandom } from '../random';
import type { Random } from '../random';
import { isSourceFile, nonBlankLines } from './units';
import type { SourceFile } from './units';
import { AREAS, NOUNS } from './vocabulary';

/** Options of {@link generateAbapCorpus}. */
type AbapCorpusOptions = {
  /** Lines of code to generate at least: non-blank lines of source files, XML excluded, as the splitter counts them. */
  lines: number;
  /**
   * Seed of every choice.
   * @default 1
   */
  seed?: number;
  /** When given, the files are also written below this directory (created if missing). */
  outDir?: string;
  /**
   * Probability that a routine (or a CDS view) carries a seeded finding.
   * @default 0.3
   */
  seedRate?: number;
  /**
   * Whether seeds may include code that does not parse (`parser_error` statements, `cds_parser_error` views). The
   * workflow benchmark turns them off: it measures throughput on code the analyzer parses whole. Off, the other seeds
   * keep their relative weights and the seeded findings still list every finding the pack must report.
   * @default true
   */
  parserErrors?: boolean;
};

/** Object counts by abapGit type. */
type ObjectCounts = { PROG: number; CLAS: number; FUGR: number; INTF: number; DDLS: number };

/** A generated code base. */
type AbapCorpus = {
  /** Every file, paths relative to the code base root (`src/sd/zsd_order_00001.prog.abap`). */
  files: SourceFile[];
  /** The findings the rule pack must report: rule, variant, file, line. */
  seeded: SeededFinding[];
  /** Non-blank lines of the source files. */
  loc: number;
  objects: ObjectCounts;
  seed: number;
};

type ObjectType = keyof ObjectCounts;

const OBJECT_MIX: readonly { weight: number; value: ObjectType }[] = [
  { weight: 45, value: 'PROG' },
  { weight: 30, value: 'CLAS' },
  { weight: 14, value: 'FUGR' },
  { weight: 5, value: 'INTF' },
  { weight: 6, value: 'DDLS' },
];

const ROUTINES: Record<ObjectType, [number, number]> = { PROG: [3, 24], CLAS: [2, 18], FUGR: [1, 6], INTF: [2, 8], DDLS: [1, 1] };

const CDS_READS: readonly CdsRead[] = (catalog as unknown as { tables: { table: string; kind: string; computedFields?: string[] }[] }).tables.map((row) => ({
  table: row.table.toLowerCase(),
  variant: row.kind === 'notFilled' ? 'read-not-filled' : row.kind === 'hybrid' ? 'read-hybrid-table' : 'read-compatibility-view',
  ...(row.computedFields === undefined ? {} : { stockField: row.computedFields[0].toLowerCase() }),
}));

const xmlFile = (path: string, text: string): SourceFile => ({ path, text });

const rootFiles = (): SourceFile[] => [
  xmlFile(
    '.abapgit.xml',
    [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<asx:abap xmlns:asx="http://www.sap.com/abapxml" version="1.0">',
      ' <asx:values>',
      '  <DATA>',
      '   <MASTER_LANGUAGE>E</MASTER_LANGUAGE>',
      '   <STARTING_FOLDER>/src/</STARTING_FOLDER>',
      '   <FOLDER_LOGIC>PREFIX</FOLDER_LOGIC>',
      '  </DATA>',
      ' </asx:values>',
      '</asx:abap>',
      '',
    ].join('\n'),
  ),
];

const packageFile = (folder: string, description: string): SourceFile =>
  xmlFile(
    `${folder}/package.devc.xml`,
    [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<abapGit version="v1.0.0" serializer="LCL_OBJECT_DEVC" serializer_version="v1.0.0">',
      ' <asx:abap xmlns:asx="http://www.sap.com/abapxml" version="1.0">',
      '  <asx:values>',
      '   <DEVC>',
      `    <CTEXT>${description}</CTEXT>`,
      '   </DEVC>',
      '  </asx:values>',
      ' </asx:abap>',
      '</abapGit>',
      '',
    ].join('\n'),
  );

const objectName = (type: ObjectType, prefix: string, noun: string, index: number): string => {
  const number = String(index).padStart(5, '0');
  if (type === 'CLAS') return `zcl_${prefix}_${noun}_${number}`;
  if (type === 'INTF') return `zif_${prefix}_${noun}_${number}`;
  if (type === 'DDLS') return `zi_${prefix}_${noun}_${number}`;
  return `z${prefix}_${noun}_${number}`;
};

const buildObject = (type: ObjectType, spec: ObjectSpec): GeneratedObject => {
  if (type === 'PROG') return report(spec);
  if (type === 'CLAS') return globalClass(spec);
  if (type === 'FUGR') return functionGroup(spec);
  if (type === 'INTF') return globalInterface(spec);
  return cdsView(spec, CDS_READS);
};

const sourceLines = (files: readonly SourceFile[]): number => files.filter((file) => isSourceFile(file.path)).reduce((sum, file) => sum + nonBlankLines(file.text), 0);

/**
 * Generates a code base of at least `lines` lines of code, deterministic for a seed, and returns its files and the
 * findings seeded into it; writes the files below `outDir` when given.
 *
 * @example
 * const { files, seeded } = generateAbapCorpus({ lines: 100_000, seed: 7 });
 * seeded[0]; // { ruleId: 's4_simplified_table', variant: 'read-compatibility-view', file: 'src/fi/zfi_ledger_00003.prog.abap', line: 41 }
 */
const generateAbapCorpus = (options: AbapCorpusOptions): AbapCorpus => {
  if (!Number.isInteger(options.lines) || options.lines < 1) throw new RangeError(`lines must be a positive integer, got ${String(options.lines)}`);
  const seed = options.seed ?? 1;
  const seedRate = options.seedRate ?? 0.3;
  const parserErrors = options.parserErrors ?? true;
  if (!(seedRate >= 0 && seedRate <= 1)) throw new RangeError(`seedRate must be between 0 and 1, got ${String(seedRate)}`);
  const random: Random = createRandom(seed);
  const files: SourceFile[] = rootFiles();
  const seeded: SeededFinding[] = [];
  const objects: ObjectCounts = { PROG: 0, CLAS: 0, FUGR: 0, INTF: 0, DDLS: 0 };
  const usedAreas = new Set<string>();
  let loc = 0;
  for (let index = 1; loc < options.lines; index += 1) {
    const type = random.weighted(OBJECT_MIX);
    const area = random.pick(AREAS);
    const noun = random.pick(NOUNS);
    const [least, most] = ROUTINES[type];
    const spec: ObjectSpec = {
      random,
      folder: `src/${area.folder}`,
      name: objectName(type, area.prefix, noun, index),
      description: `${area.description}: ${noun} processing ${index}`,
      routines: random.int(least, most),
      seedRate,
      parserErrors,
    };
    const object = buildObject(type, spec);
    if (!usedAreas.has(area.folder)) {
      usedAreas.add(area.folder);
      files.push(packageFile(spec.folder, area.description));
    }
    files.push(...object.files);
    seeded.push(...object.seeded);
    objects[type] += 1;
    loc += sourceLines(object.files);
  }
  files.push(packageFile('src', 'Custom ERP developments (generated)'));
  if (options.outDir !== undefined) {
    for (const file of files) {
      const target = join(options.outDir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.text);
    }
  }
  return { files, seeded, loc, objects, seed };
};

export type { AbapCorpus, AbapCorpusOptions, ObjectCounts };
export { generateAbapCorpus };
