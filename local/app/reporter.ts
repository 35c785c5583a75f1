/**
 * The local runtime's voice: one human-facing reporter with quiet, normal, verbose and debug levels. Errors always
 * print; nothing animates when stderr is not a terminal. Diagnostics go to stderr, results to stdout.
 */
const Levels = { quiet: 0, normal: 1, verbose: 2, debug: 3 } as const;
type Level = keyof typeof Levels;

type Reporter = {
  level: Level;
  /** A status line (normal and above). */
  status(message: string): void;
  /** Detail (verbose and above). */
  verbose(message: string): void;
  debug(message: string): void;
  warn(message: string): void;
  /** Always printed. */
  error(message: string): void;
  /** A line that overwrites itself on a terminal (progress); printed as plain lines elsewhere, at most every few seconds. */
  progress(message: string): void;
  /** Ends a progress line. */
  done(): void;
};

type ReporterOptions = { level?: Level; stream?: NodeJS.WriteStream; prefix?: string };

/**
 * @example
 * const reporter = createReporter({ level: 'verbose' });
 * reporter.status('S3 on http://127.0.0.1:4568');
 */
const createReporter = (options: ReporterOptions = {}): Reporter => {
  const level = options.level ?? 'normal';
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  const prefix = options.prefix ? `${options.prefix} ` : '';
  let progressShown = false;
  let lastPlainProgress = 0;
  const write = (minimum: Level, message: string): void => {
    if (Levels[level] < Levels[minimum]) return;
    if (progressShown) {
      stream.write('\n');
      progressShown = false;
    }
    stream.write(`${prefix}${message}\n`);
  };
  return {
    level,
    status: (message) => write('normal', message),
    verbose: (message) => write('verbose', message),
    debug: (message) => write('debug', message),
    warn: (message) => write('normal', `warning: ${message}`),
    error: (message) => {
      if (progressShown) stream.write('\n');
      progressShown = false;
      stream.write(`${prefix}error: ${message}\n`);
    },
    progress: (message) => {
      if (Levels[level] < Levels.normal) return;
      if (tty) {
        stream.write(`\r\x1b[2K${prefix}${message}`);
        progressShown = true;
      } else if (Date.now() - lastPlainProgress >= 2000) {
        lastPlainProgress = Date.now();
        stream.write(`${prefix}${message}\n`);
      }
    },
    done: () => {
      if (progressShown) stream.write('\n');
      progressShown = false;
    },
  };
};

export { Levels, createReporter };
export type { Level, Reporter, ReporterOptions };
