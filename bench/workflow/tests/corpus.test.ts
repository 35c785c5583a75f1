import { analyzeUnit } from 'analysis-engine';
import { generateAbapCorpus } from '../../corpus/abap/generate';
import { scoreFindings } from '../../corpus/abap/score';
import { abapGitUnits } from '../../corpus/abap/units';

// The workflow benchmark's corpus is the shared ABAP generator with parser errors switched off (bench/workflow/run.ts).
const PARSER_ERROR_RULES = ['parser_error', 'cds_parser_error'];

describe('Function: generateAbapCorpus() as the workflow benchmark calls it', () => {
  it('seeds no code that fails to parse, and the analyzer reports exactly the seeded findings', () => {
    // Prepare: every routine seeded; with parser errors on, this seed and size hold both kinds
    const options = { lines: 8000, seed: 4, seedRate: 1 };
    const withParserErrors = generateAbapCorpus(options);
    const corpus = generateAbapCorpus({ ...options, parserErrors: false });

    // Act
    const analyses = abapGitUnits(corpus.files).map((unit) => analyzeUnit(unit));

    // Assess
    expect(new Set(withParserErrors.seeded.map((finding) => finding.ruleId).filter((ruleId) => PARSER_ERROR_RULES.includes(ruleId)))).toEqual(new Set(PARSER_ERROR_RULES));
    expect(corpus.seeded.filter((finding) => PARSER_ERROR_RULES.includes(finding.ruleId))).toEqual([]);
    expect(analyses.reduce((sum, analysis) => sum + analysis.parseErrors, 0)).toBe(0);
    const findings = analyses.flatMap((analysis) => analysis.findings).map(({ ruleId, variant, file, line }) => ({ ruleId, variant, file, line }));
    const score = scoreFindings(corpus.seeded, findings);
    expect(score.missed).toEqual([]);
    expect(score.unexpected).toEqual([]);
    expect(corpus.seeded.length).toBeGreaterThan(0);
  });

  it('seeds parser errors by default, exactly as with parserErrors true', () => {
    // Act: seed 3 at 30k lines holds both kinds
    const withDefault = generateAbapCorpus({ lines: 30_000, seed: 3 });
    const explicit = generateAbapCorpus({ lines: 30_000, seed: 3, parserErrors: true });

    // Assess
    expect(explicit).toEqual(withDefault);
    expect(new Set(withDefault.seeded.map((finding) => finding.ruleId).filter((ruleId) => PARSER_ERROR_RULES.includes(ruleId)))).toEqual(new Set(PARSER_ERROR_RULES));
  });

  it('gives byte-identical files for the same seed and size with parser errors off', () => {
    // Act
    const first = generateAbapCorpus({ lines: 3000, seed: 42, parserErrors: false });
    const second = generateAbapCorpus({ lines: 3000, seed: 42, parserErrors: false });

    // Assess
    expect(second).toEqual(first);
  });

  it('names every object once, so no two units share a content hash and nothing is deduplicated on a first run', () => {
    // Act
    const units = abapGitUnits(generateAbapCorpus({ lines: 20_000, seed: 5, parserErrors: false }).files);

    // Assess
    const contents = units.map((unit) => JSON.stringify(unit.files));
    expect(new Set(units.map((unit) => unit.unitId)).size).toBe(units.length);
    expect(new Set(contents).size).toBe(contents.length);
  });
});
