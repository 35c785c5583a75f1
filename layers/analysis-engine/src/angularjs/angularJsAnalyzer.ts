/**
 * The AngularJS → Angular analyzers: one rule pack (`angularjs-angular`) registered for three languages. Scripts go
 * through the script scanner (meriyah or babel), their inline templates and HTML files through the template scanner
 * (htmlparser2). Each unit also yields facts for the code-base phase.
 */
import { createRuleFailures } from '../analyzerError';
import type { RuleFailures } from '../analyzerError';
import { Languages } from '../constants';
import { ownValue } from '../ownValue';
import type { AnalysisResult, Analyzer, Finding, JsonValue, Language, RulePackInfo, Unit } from '../types';
import { FACTS_SCHEMA, MAX_NAMES, emptyScriptFacts, emptyTemplateFacts } from './facts';
import type { ScriptFacts, TemplateFacts } from './facts';
import { FileRoles, roleByName } from './fileRole';
import { createFindingFactory } from './findings';
import type { FindingFactory } from './findings';
import type { RuleHit } from './hits';
import { countLoc, createLineIndex } from './lineIndex';
import { angularJsRulePackVersion } from './rulePackVersion';
import { ANGULARJS_RULE_PACK, ANGULARJS_RULES } from './ruleTable';
import type { NgRuleDefinition } from './ruleTable';
import { scanScript } from './script/scanScript';
import { checkScriptLimits } from './script/sourceLimits';
import { scanTemplate } from './template/scanTemplate';

/** Options of {@link createAngularJsAnalyzers}. */
type AngularJsAnalyzerOptions = {
  /**
   * The rule table. Pass a modified copy of {@link ANGULARJS_RULES} to change severities, efforts or messages; the
   * rule-pack version follows.
   * @default ANGULARJS_RULES
   */
  rules?: readonly NgRuleDefinition[];
};

/** Rule ids the file scanners report; each must have a row in the table. */
const FILE_RULE_IDS = ANGULARJS_RULES.filter((rule) => rule.scope !== 'codebase').map((rule) => rule.id);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byPosition = (a: Finding, b: Finding): number =>
  compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId);

const mergeNames = (into: string[], from: readonly string[]): void => {
  const seen = new Set(into);
  for (const name of from) {
    if (into.length >= MAX_NAMES) return;
    if (!seen.has(name)) {
      seen.add(name);
      into.push(name);
    }
  }
};

const mergeCounts = (into: Record<string, number>, from: Readonly<Record<string, number>>): void => {
  for (const [key, value] of Object.entries(from)) into[key] = (ownValue(into, key) ?? 0) + value;
};

/** Adds the uses and counts of a template (inline in a script, or a second file of a unit) to the facts. */
const mergeTemplateInto = (facts: ScriptFacts | TemplateFacts, template: TemplateFacts): void => {
  if (facts.kind === 'script') {
    mergeNames(facts.uses.directives, template.directives);
    mergeNames(facts.uses.filters, template.filters);
    mergeNames(facts.uses.controllers, template.controllers);
  } else {
    mergeNames(facts.directives, template.directives);
    mergeNames(facts.filters, template.filters);
    mergeNames(facts.controllers, template.controllers);
  }
  mergeCounts(facts.counts, template.counts);
};

/** Maps an offset of a template joined from literals to the literal's place in the file (literals hold no newline in practice). */
const partsOrigin = (text: string, parts: ReadonlyArray<{ offset: number; line: number; column: number }>) => {
  const lineOf = createLineIndex(text);
  return (offset: number): { line: number; column: number } => {
    let index = parts.length - 1;
    while (index > 0 && parts[index].offset > offset) index -= 1;
    const part = parts[index];
    const inPart = lineOf(offset);
    const partStart = lineOf(part.offset);
    if (inPart.line === partStart.line) return { line: part.line, column: part.column + offset - part.offset };
    // A literal with a newline (a template literal part): count lines from the part's start.
    return { line: part.line + inPart.line - partStart.line, column: inPart.column };
  };
};

/** Turns a file's hits into findings; a hit its rule cannot turn into a finding is one `analyzer_error` of that rule. */
const collectFindings = (hits: readonly RuleHit[], path: string, toFinding: FindingFactory, into: Finding[], failures: RuleFailures): void => {
  for (const hit of hits) {
    try {
      into.push(toFinding(hit, path));
    } catch {
      failures.add(hit.ruleId, path);
    }
  }
};

/** Analyses one file: findings and facts. */
const analyzeFile = (file: { path: string; text: string }, language: Language, toFinding: FindingFactory, failures: RuleFailures) => {
  const findings: Finding[] = [];
  // End-to-end tests, tooling, generated and library files are not migrated with the application: no findings. Only
  // the name counts here (a unit is the same content wherever it sits); the code-base phase also reads the folders.
  const nameRole = roleByName(file.path.slice(file.path.lastIndexOf('/') + 1));
  if (nameRole !== undefined) return { findings, facts: language === Languages.HTML ? emptyTemplateFacts(nameRole) : emptyScriptFacts(nameRole), parseErrors: 0 };
  if (language === Languages.HTML) {
    const { hits, facts } = scanTemplate(file.text);
    collectFindings(hits, file.path, toFinding, findings, failures);
    return { findings, facts, parseErrors: 0 };
  }
  const scan = scanScript(file.text, { path: file.path, typescript: language === Languages.TYPESCRIPT });
  collectFindings(scan.hits, file.path, toFinding, findings, failures);
  for (const inline of scan.inlineTemplates) {
    const template = scanTemplate(inline.text, inline.parts === undefined ? { line: inline.line, column: inline.column } : partsOrigin(inline.text, inline.parts));
    collectFindings(template.hits, file.path, toFinding, findings, failures);
    mergeTemplateInto(scan.facts, template.facts);
  }
  return { findings, facts: scan.facts as ScriptFacts | TemplateFacts, parseErrors: scan.parseError === undefined ? 0 : 1 };
};

/** Facts of a unit with several files (the splitter makes one file per web unit; this keeps other callers working). */
const mergeFacts = (all: Array<ScriptFacts | TemplateFacts>): ScriptFacts | TemplateFacts => {
  const [first, ...rest] = all;
  const merged: ScriptFacts | TemplateFacts = JSON.parse(JSON.stringify(first)) as ScriptFacts | TemplateFacts;
  for (const facts of rest) {
    if (facts.kind === 'template') {
      mergeTemplateInto(merged, facts);
    } else if (merged.kind === 'script') {
      if (merged.role === FileRoles.APP) merged.role = facts.role;
      merged.esModule ||= facts.esModule;
      merged.reexports.push(...facts.reexports);
      merged.modules.push(...facts.modules);
      merged.registrations.push(...facts.registrations);
      merged.definitions.push(...facts.definitions);
      merged.imports.push(...facts.imports);
      mergeNames(merged.uses.directives, facts.uses.directives);
      mergeNames(merged.uses.filters, facts.uses.filters);
      mergeNames(merged.uses.controllers, facts.uses.controllers);
      mergeCounts(merged.counts, facts.counts);
    }
  }
  return merged;
};

/**
 * Creates the AngularJS analyzers, one per language (`javascript`, `typescript`, `html`), sharing one rule pack, one
 * rule table and one version.
 *
 * @throws RulePackConfigError when the rule table is inconsistent.
 * @example
 * const registry = createAnalyzerRegistry([createAbapAnalyzer(), ...createAngularJsAnalyzers()]);
 * registry.get('html')?.rulePack.id; // 'angularjs-angular'
 */
const createAngularJsAnalyzers = (options: AngularJsAnalyzerOptions = {}): Analyzer[] => {
  const rules = options.rules ?? ANGULARJS_RULES;
  const toFinding = createFindingFactory(rules, FILE_RULE_IDS);
  const version = angularJsRulePackVersion(rules);
  const create = (language: Language): Analyzer => {
    const rulePack: RulePackInfo = { id: ANGULARJS_RULE_PACK.id, version, language };
    const analyze = (unit: Unit): AnalysisResult => {
      const findings: Finding[] = [];
      const facts: Array<ScriptFacts | TemplateFacts> = [];
      let parseErrors = 0;
      let loc = 0;
      const failures = createRuleFailures();
      for (const file of unit.files) {
        const result = analyzeFile(file, language, toFinding, failures);
        findings.push(...result.findings);
        facts.push(result.facts);
        parseErrors += result.parseErrors;
        loc += countLoc(file.text);
      }
      findings.push(...failures.findings());
      const unitFacts = facts.length === 0 ? undefined : facts.length === 1 ? facts[0] : mergeFacts(facts);
      return { findings: findings.sort(byPosition), loc, parseErrors, ...(unitFacts === undefined ? {} : { facts: unitFacts as unknown as JsonValue }) };
    };
    return language === Languages.HTML ? { language, rulePack, analyze } : { language, rulePack, analyze, checkLimits: (unit) => checkScriptLimits(unit.files) };
  };
  return [create(Languages.JAVASCRIPT), create(Languages.TYPESCRIPT), create(Languages.HTML)];
};

export type { AngularJsAnalyzerOptions };
export { FACTS_SCHEMA, createAngularJsAnalyzers };
