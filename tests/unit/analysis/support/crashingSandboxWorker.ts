/**
 * A sandbox worker entry for tests: the real layer bundle, serving as a sandbox worker, whose JavaScript analyzer ends
 * the whole thread on a unit that carries {@link CRASH_MARK} — what a native crash or a process.exit deep in a
 * dependency looks like to the sandbox, in the middle of a group of real units.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CRASH_MARK = '/* end this thread */';

/**
 * Writes the entry beside the layer bundle and returns its path.
 *
 * @example
 * const entry = writeCrashingWorker(layer.file, layer.dir);
 */
const writeCrashingWorker = (layerFile: string, dir: string): string => {
  const file = join(dir, 'crashing-sandbox-worker.js');
  writeFileSync(
    file,
    `const engine = require(${JSON.stringify(layerFile)});
const analyzer = engine.getDefaultRegistry().get('javascript');
const analyze = analyzer.analyze.bind(analyzer);
analyzer.analyze = (unit) => {
  if (unit.files.some((file) => file.text.includes(${JSON.stringify(CRASH_MARK)}))) process.exit(3);
  return analyze(unit);
};
`,
  );
  return file;
};

export { CRASH_MARK, writeCrashingWorker };
