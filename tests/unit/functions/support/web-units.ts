/**
 * The AngularJS example code base (examples/angularjs-shop) analysed by the real analysis engine, one unit per file,
 * in the shape the analysis batches write to their findings objects: archive paths, findings on those paths, and the
 * analyzer's facts for the code-base phase.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { analyzeUnit, type Language, type Unit } from 'analysis-engine';
import type { RunUnit } from '../../../../functions/lib/run';

const EXAMPLE_DIR = join(__dirname, '../../../../examples/angularjs-shop');

const LANGUAGE_BY_EXTENSION: Record<string, Language> = { '.js': 'javascript', '.mjs': 'javascript', '.ts': 'typescript', '.html': 'html' };

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();

/**
 * A unit analysed by the real engine, in the shape analyze-units writes it to a batch's findings object: findings on
 * the unit's archive path, the analyzer's facts beside them.
 *
 * @example
 * const unit = runUnitOf({ unitId: 'u1', language: 'javascript', path: 'web/app.js', files: [{ path: 'app.js', name: 'app.js', text }], loc: 12 });
 */
const runUnitOf = (unit: Unit): RunUnit => {
  const result = analyzeUnit(unit);
  return {
    unitId: unit.unitId,
    path: unit.path,
    language: unit.language,
    loc: result.loc,
    findings: result.findings.map((finding) => ({ ...finding, file: unit.path })),
    omittedFindings: result.omittedFindings,
    effortMinutes: result.effortMinutes,
    ...(result.notAnalyzed === undefined ? {} : { notAnalyzed: result.notAnalyzed }),
    ...(result.facts === undefined ? {} : { facts: result.facts }),
  };
};

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
    return [runUnitOf({ unitId, language, path, files: [{ path: name, name, text }], loc: text.split('\n').filter((line) => line.trim()).length })];
  });

/**
 * The example as run units.
 *
 * @example
 * const units = angularShopUnits();
 * units.find((unit) => unit.path === 'app/app.module.js')?.facts; // { schema: 'angularjs-facts/2', kind: 'script', … }
 */
const angularShopUnits = (): RunUnit[] => webUnitsOf(EXAMPLE_DIR);

export { angularShopUnits, EXAMPLE_DIR, runUnitOf, webUnitsOf };
