import {
  NotAnalyzedCodes,
  RULE_PACK_VERSION,
  analyzeUnit,
  createAbapAnalyzer,
  createAnalyzerRegistry,
  getDefaultRegistry,
} from 'analysis-engine';
import type { Analyzer, Unit } from 'analysis-engine';

import { abapUnit, at } from './support/units';

const fakeAnalyzer = (language: Analyzer['language'], id: string): Analyzer => ({
  language,
  rulePack: { id, version: '0.0.1', language },
  analyze: (unit) => ({
    findings: [{ ruleId: `${id}_seen`, severity: 'info', message: 'seen', file: unit.files[0].path, line: 1, column: 1, effortMinutes: 0, effortClass: 'required' }],
    loc: 1,
    parseErrors: 0,
  }),
});

describe('Function: createAnalyzerRegistry()', () => {
  it('picks the analyzer by language', () => {
    // Prepare
    const registry = createAnalyzerRegistry([fakeAnalyzer('javascript', 'js-pack'), createAbapAnalyzer()]);

    // Act
    const abap = registry.get('abap');
    const javascript = registry.get('javascript');

    // Assess
    expect(abap?.rulePack.id).toBe('abap-s4hana');
    expect(javascript?.rulePack.id).toBe('js-pack');
    expect(registry.get('html')).toBeUndefined();
    expect(registry.analyzers().map((analyzer) => analyzer.language)).toEqual(['javascript', 'abap']);
  });

  it('refuses two analyzers for one language', () => {
    // Act + Assess
    expect(() => createAnalyzerRegistry([fakeAnalyzer('javascript', 'a'), fakeAnalyzer('javascript', 'b')])).toThrow(
      expect.objectContaining({ name: 'DuplicateAnalyzerError', language: 'javascript' }),
    );
  });

  it('has a version that does not depend on registration order but on the packs', () => {
    // Prepare
    const js = fakeAnalyzer('javascript', 'js-pack');
    const abap = createAbapAnalyzer();

    // Act
    const forward = createAnalyzerRegistry([js, abap]).version;
    const backward = createAnalyzerRegistry([abap, js]).version;
    const abapOnly = createAnalyzerRegistry([abap]).version;

    // Assess
    expect(forward).toBe(backward);
    expect(abapOnly).not.toBe(forward);
  });

  it('builds the default registry once, with the version exported as RULE_PACK_VERSION', () => {
    // Act
    const registry = getDefaultRegistry();

    // Assess
    expect(getDefaultRegistry()).toBe(registry);
    expect(registry.version).toBe(RULE_PACK_VERSION);
    expect(RULE_PACK_VERSION).toMatch(/^\d+\.\d+\.\d+-[0-9a-f]{12}$/);
  });
});

describe('Function: analyzeUnit()', () => {
  it('analyses an ABAP unit with the default registry', () => {
    // Act
    const result = analyzeUnit(abapUnit('REPORT z.\nDATA a TYPE i.\nMOVE 1 TO a.\nEXEC SQL.\n  COMMIT\nENDEXEC.'));

    // Assess
    expect(at(result.findings)).toEqual(['obsolete_statement@3', 'hana_native_sql@4']);
    expect(result).toMatchObject({ unitId: 'unit-zprog.prog.abap', language: 'abap', loc: 6, parseErrors: 0, omittedFindings: 0 });
    expect(result.effortMinutes).toBe(result.findings[0].effortMinutes + result.findings[1].effortMinutes);
    expect(result.rulePack?.id).toBe('abap-s4hana');
    expect(result.notAnalyzed).toBeUndefined();
  });

  it.each(['javascript', 'typescript', 'html'] as const)('returns notAnalyzed, not an error, for %s without an analyzer', (language) => {
    // Prepare
    const unit: Unit = { unitId: 'u1', language, path: 'app/a', files: [{ path: 'app/a', text: 'x' }], loc: 1 };
    const abapOnly = createAnalyzerRegistry([fakeAnalyzer('abap', 'abap-pack')]);

    // Act
    const result = analyzeUnit(unit, { registry: abapOnly });

    // Assess
    expect(result.findings).toEqual([]);
    expect(result.notAnalyzed?.code).toBe(NotAnalyzedCodes.NO_ANALYZER);
    expect(result.loc).toBe(1);
    expect(result.rulePack).toBeUndefined();
  });

  it('returns notAnalyzed for a unit without files', () => {
    // Act
    const result = analyzeUnit({ ...abapUnit(''), files: [] });

    // Assess
    expect(result.notAnalyzed?.code).toBe(NotAnalyzedCodes.NO_SOURCE);
  });

  it('uses the registry given in the options', () => {
    // Prepare
    const registry = createAnalyzerRegistry([fakeAnalyzer('javascript', 'js-pack')]);
    const unit: Unit = { unitId: 'u1', language: 'javascript', path: 'app.js', files: [{ path: 'app.js', text: 'x' }], loc: 1 };

    // Act
    const result = analyzeUnit(unit, { registry });

    // Assess
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['js-pack_seen']);
    expect(result.rulePack?.id).toBe('js-pack');
  });

  it('keeps the most severe findings under maxFindings, in position order, and counts the rest', () => {
    // Prepare: minor, critical, minor, critical (native SQL), minor
    const text = 'REPORT z.\nDATA a TYPE i.\nMOVE 1 TO a.\nEXEC SQL.\n  COMMIT\nENDEXEC.\nADD 1 TO a.\nEXEC SQL.\n  COMMIT\nENDEXEC.\nADD 2 TO a.';

    // Act
    const result = analyzeUnit(abapUnit(text), { maxFindings: 3 });
    const uncapped = analyzeUnit(abapUnit(text));

    // Assess: the total still counts the two omitted minor findings
    expect(at(result.findings)).toEqual(['obsolete_statement@3', 'hana_native_sql@4', 'hana_native_sql@8']);
    expect(result.omittedFindings).toBe(2);
    expect(result.effortMinutes).toBe(uncapped.findings.reduce((sum, finding) => sum + finding.effortMinutes, 0));
    expect(result.effortMinutes).toBeGreaterThan(result.findings.reduce((sum, finding) => sum + finding.effortMinutes, 0));
  });

  it.each([
    ['not an object', 'unit', '(unit)'],
    ['no unitId', { language: 'abap', path: 'p', files: [], loc: 0 }, 'unitId'],
    ['unknown language', { unitId: 'u', language: 'cobol', path: 'p', files: [], loc: 0 }, 'language'],
    ['no path', { unitId: 'u', language: 'abap', files: [], loc: 0 }, 'path'],
    ['negative loc', { unitId: 'u', language: 'abap', path: 'p', files: [], loc: -1 }, 'loc'],
    ['files not an array', { unitId: 'u', language: 'abap', path: 'p', files: {}, loc: 0 }, 'files'],
    ['file without text', { unitId: 'u', language: 'abap', path: 'p', files: [{ path: 'a' }], loc: 0 }, 'files[0].text'],
    ['file with empty path', { unitId: 'u', language: 'abap', path: 'p', files: [{ path: 'a', text: '' }, { path: '', text: '' }], loc: 0 }, 'files[1].path'],
    ['file with a non-string name', { unitId: 'u', language: 'abap', path: 'p', files: [{ path: 'a', name: 3, text: '' }], loc: 0 }, 'files[0].name'],
  ])('refuses a unit with %s, naming the field', (_name, value, field) => {
    // Act + Assess
    expect(() => analyzeUnit(value)).toThrow(expect.objectContaining({ name: 'InvalidUnitError', field }));
  });

  it('says which unit was invalid', () => {
    // Act + Assess
    expect(() => analyzeUnit({ unitId: 'u-42', language: 'abap', path: 'p', files: 'x', loc: 0 })).toThrow(/u-42.*files must be an array/);
  });
});
