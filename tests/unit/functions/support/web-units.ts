/**
 * The AngularJS example code base (examples/angularjs-shop) analysed by the real analysis engine, one unit per file,
 * in the shape the analysis batches write to their findings objects: archive paths, findings on those paths, and the
 * analyzer's facts for the code-base phase.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { analyzeUnit, type Language } from 'analysis-engine';
import type { RunUnit } from '../../../../functions/lib/run';

const EXAMPLE_DIR = join(__dirname, '../../../../examples/angularjs-shop');

const LANGUAGE_BY_EXTENSION: Record<string, Language> = { '.js': 'javascript', '.mjs': 'javascript', '.ts': 'typescript', '.html': 'html' };

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();

/**
 * Every script and template under a folder as a run unit, analysed as analyze-units does: the analyzer sees the stored
 * (base) name, the findings are then put on the archive path.
 *
 * @example
 * const units = webUnitsOf(join(__dirname, 'fixtures/shop'));
 */
const webUnitsOf = (dir: string): RunUnit[] =>
  filesUnder(dir).flatMap((file) => {
    const language = LANGUAGE_BY_EXTENSION[/\.[a-z]+$/.exec(file)?.[0] ?? ''];
    if (language === undefined) return [];
    const path = relative(dir, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    const unitId = createHash('sha256').update(`${basename(dir)}/${path}`).digest('hex');
    const name = basename(path);
    const result = analyzeUnit({ unitId, language, path, files: [{ path: name, name, text }], loc: text.split('\n').filter((line) => line.trim()).length });
    const unit: RunUnit = {
      unitId,
      path,
      language,
      loc: result.loc,
      findings: result.findings.map((finding) => ({ ...finding, file: path })),
      omittedFindings: result.omittedFindings,
      effortMinutes: result.effortMinutes,
      ...(result.facts === undefined ? {} : { facts: result.facts }),
    };
    return [unit];
  });

/**
 * The example as run units.
 *
 * @example
 * const units = angularShopUnits();
 * units.find((unit) => unit.path === 'app/app.module.js')?.facts; // { schema: 'angularjs-facts/2', kind: 'script', … }
 */
const angularShopUnits = (): RunUnit[] => webUnitsOf(EXAMPLE_DIR);

export { angularShopUnits, EXAMPLE_DIR, webUnitsOf };
