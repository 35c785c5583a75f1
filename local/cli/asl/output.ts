/**
 * Where the `asl` command writes: results to stdout (one JSON document per line), diagnostics to stderr.
 */

/** The command's two streams, injectable for tests. */
type CliIo = {
  /** One result line (without the newline). */
  stdout(line: string): void;
  /** One diagnostic line (without the newline). */
  stderr(line: string): void;
};

/** The process's streams. */
const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

export { processIo };
export type { CliIo };
