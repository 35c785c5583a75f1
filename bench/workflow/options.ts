/** The command line of the workflow benchmark: options, their defaults, and the usage text. */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { InvalidOptionError } from './errors';
import { ALL_PACKS, DEFAULT_BATCH, type Pack } from './packs';

const USAGE = `Usage: npm run bench:workflow -- [options]

Measures the whole local workflow against the raw analyzer loop on a generated code base of one rule pack and
prints throughput, state transitions per second, where the time goes, cold starts, memory (peak heap of each Lambda
worker) and cost per million lines.

Options:
  --pack <name>        abap, angularjs, or all (each in turn, then a summary table) (default abap)
  --loc <n>            lines of code to generate, per pack (default 200000)
  --batch <n>          units per map batch, the run's maxItemsPerBatch (default ${ALL_PACKS.map((pack) => `${DEFAULT_BATCH[pack]} for ${pack}`).join(', ')})
  --seed <n>           corpus seed (default 1)
  --passes <n>         passes of the raw analyzer loop; the fastest counts (default 2)
  --loads <n>          cold-start loads per function in fresh worker threads (default 5)
  --process-loads <n>  cold-start loads per function in fresh processes, 0 to skip (default 3)
  --concurrency <n>    Lambda workers of the local pool (default: one per core, ${availableParallelism()} here)
  --timeout <s>        stop everything after this many seconds (default 1800)
  --no-count           no counting proxies in front of S3 and DynamoDB (pure throughput; no cost table)
  --json <file>        also write every measured figure as JSON
  --from-json <file>   print the report of a result saved with --json, measuring nothing
  --keep               keep the temporary directory (corpus, archive, state, logs) and print where it is
  -h, --help

Exit codes: 0 measured; 1 bad option, a failed run, or the time limit reached.`;

const wholeNumber = (values: Record<string, string | boolean | undefined>, name: string, fallback: number, minimum: number): number => {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < minimum) throw new InvalidOptionError(name, String(raw), `takes a whole number of at least ${minimum}`);
  return value;
};

/** What `--pack` selects: one pack, or every pack in turn. */
type PackChoice = Pack | 'all';

const PACK_CHOICES: readonly string[] = [...ALL_PACKS, 'all'];

/** What the command line asked for. */
type Options = {
  pack: PackChoice;
  loc: number;
  /** Units per map batch; the pack's {@link DEFAULT_BATCH} when undefined. */
  batch?: number;
  seed: number;
  passes: number;
  loads: number;
  processLoads: number;
  concurrency: number;
  timeoutSeconds: number;
  json?: string;
  fromJson?: string;
  keep: boolean;
  countRequests: boolean;
};

/**
 * Parses the arguments after `--`; `undefined` means help was asked for. Throws {@link InvalidOptionError} for a
 * value it cannot use, and parseArgs' own error for an unknown option.
 *
 * @example
 * parseOptions(['--loc', '50000']); // { loc: 50000, batch: 25, … }
 */
const parseOptions = (argv: readonly string[]): Options | undefined => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      pack: { type: 'string' },
      loc: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      passes: { type: 'string' },
      loads: { type: 'string' },
      'process-loads': { type: 'string' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'string' },
      'from-json': { type: 'string' },
      keep: { type: 'boolean' },
      'no-count': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const pack = values.pack ?? 'abap';
  if (!PACK_CHOICES.includes(pack)) throw new InvalidOptionError('pack', pack, `takes one of ${PACK_CHOICES.join(', ')}`);
  return {
    pack: pack as PackChoice,
    loc: wholeNumber(values, 'loc', 200_000, 1),
    batch: values.batch === undefined ? undefined : wholeNumber(values, 'batch', 0, 1),
    seed: wholeNumber(values, 'seed', 1, 0),
    passes: wholeNumber(values, 'passes', 2, 1),
    loads: wholeNumber(values, 'loads', 5, 1),
    processLoads: wholeNumber(values, 'process-loads', 3, 0),
    concurrency: wholeNumber(values, 'concurrency', availableParallelism(), 1),
    timeoutSeconds: wholeNumber(values, 'timeout', 1800, 10),
    json: values.json,
    fromJson: values['from-json'],
    keep: values.keep ?? false,
    countRequests: !(values['no-count'] ?? false),
  };
};

/**
 * The packs an option set runs, in order, each with its batch size.
 *
 * @example
 * packsOf(parseOptions(['--pack', 'all'])!); // [{ pack: 'abap', batch: 25 }, { pack: 'angularjs', batch: 100 }]
 */
const packsOf = (options: Pick<Options, 'pack' | 'batch'>): { pack: Pack; batch: number }[] =>
  (options.pack === 'all' ? ALL_PACKS : [options.pack]).map((pack) => ({ pack, batch: options.batch ?? DEFAULT_BATCH[pack] }));

export { USAGE, packsOf, parseOptions };
export type { Options, PackChoice };
