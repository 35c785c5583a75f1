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

const LANGUAGE_BY_EXTENSION: Record<string, Language> = { '.js': 'javascript', '.ts': 'typescript', '.html': 'html' };

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();

/**
 * Every script and template of the example as a run unit, analysed as analyze-units does: the analyzer sees the stored
 * (base) name, the findings are then put on the archive path.
 *
 * @example
 * const units = angularShopUnits();
 * units.find((unit) => unit.path === 'app/app.module.js')?.facts; // { schema: 'angularjs-facts/2', kind: 'script', … }
 */
const angularShopUnits = (): RunUnit[] =>
  filesUnder(EXAMPLE_DIR).flatMap((file) => {
    const language = LANGUAGE_BY_EXTENSION[/\.[a-z]+$/.exec(file)?.[0] ?? ''];
    if (language === undefined) return [];
    const path = relative(EXAMPLE_DIR, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    const unitId = createHash('sha256').update(`angularjs-shop/${path}`).digest('hex');
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

export { angularShopUnits, EXAMPLE_DIR };
