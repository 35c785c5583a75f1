import { ABAPObject, Config, MemoryFile, Objects, Registry, Unknown, Version } from '@abaplint/core';
import type { ABAPFile, IObject, Issue } from '@abaplint/core';

import { createRuleFailures } from '../analyzerError';
import { Languages } from '../constants';
import { RulePackConfigError } from '../errors';
import { ownValue } from '../ownValue';
import type { AnalysisResult, Analyzer, Finding, RulePackInfo, Unit } from '../types';
import type { AbapCheckContext, CheckHit } from './checks/types';
import { compileRuleTable } from './compileRuleTable';
import type { CompiledAbaplintRule, CompiledCheck } from './compileRuleTable';
import { ABAP_RULE_PACK, ABAP_RULES } from './ruleTable';
import type { AbapRuleDefinition, RuleOutcome } from './ruleTable';
import { DEFAULT_ABAP_RELEASE, abapRulePackInfo } from './rulePackVersion';
import type { AbapRelease } from './rulePackVersion';
import { generatorOf } from './generatedCode';
import type { Generator } from './generatedCode';
import { settleFindings } from './settleFindings';
import type { RawFinding } from './settleFindings';
import { checkAbapSourceLimits } from './sourceLimits';
import { countLoc, prepareFiles } from './unitFiles';
import type { PreparedFile } from './unitFiles';
import { nameAnonymousComponents } from './anonymousComponents';
import { unknownStatementVariant } from './unknownStatements';
import { databaseModifyInLoopOf, modifiedInternalTable } from './checks/declarations';
import { indexStatements } from './statementIndex';

/** Options of {@link createAbapAnalyzer}. */
type AbapAnalyzerOptions = {
  /**
   * The rule table. Pass a modified copy of {@link ABAP_RULES} to change severities, efforts or configuration; the
   * rule-pack version follows.
   * @default ABAP_RULES
   */
  rules?: readonly AbapRuleDefinition[];
  /**
   * ABAP release whose syntax the parser accepts. The target is on-premise S/4HANA: 7.58 is S/4HANA 2023. Syntax
   * valid in ECC (7.0x–7.50) is still valid there, so a parser error means broken code or syntax the target refuses;
   * not `Cloud`, which would report every classic statement that on-premise S/4HANA keeps supporting.
   * @default 'v758'
   */
  release?: AbapRelease;
};

const outcomeOf = (definition: AbapRuleDefinition, variant: string | undefined): RuleOutcome => ({
  ...definition,
  ...(variant === undefined ? {} : ownValue(definition.variants, variant)),
});

/** Statements and objects the parser did not recognise, counted from the parse itself (independent of the rule table). */
const countParseErrors = (obj: IObject): number => {
  if (obj instanceof ABAPObject) {
    let count = obj.getParsingIssues().length;
    for (const file of obj.getABAPFiles()) for (const statement of file.getStatements()) if (statement.get() instanceof Unknown) count += 1;
    return count;
  }
  if (obj instanceof Objects.DataDefinition && obj.hasParserError() === true) return 1;
  return 0;
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The variant of an abaplint issue: by issue key first, then by the rule's message patterns. */
const issueVariant = (rule: CompiledAbaplintRule, keyVariant: string | undefined, message: string): string | undefined =>
  keyVariant ?? rule.messageVariants.find((candidate) => candidate.pattern.test(message))?.variant;

/** A check context over one object's ABAP files, with a memo that lives as long as the object is analysed. */
const checkContext = (objectFiles: readonly ABAPFile[]): AbapCheckContext => {
  const memo = new Map<string, unknown>();
  return {
    objectFiles,
    memo: <T>(key: string, compute: () => T): T => {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
};

const byPosition = (a: RawFinding, b: RawFinding): number =>
  compareText(a.finding.file, b.finding.file) ||
  a.finding.line - b.finding.line ||
  a.finding.column - b.finding.column ||
  compareText(a.finding.ruleId, b.finding.ruleId) ||
  compareText(a.finding.message, b.finding.message);

/**
 * Drops findings identical to the previous one (sorted input). abaplint reports each statement of a colon chain
 * (`RANGES: r_a FOR …, r_b FOR …`) at the chain's first token, which would list the same finding twice.
 */
const withoutDuplicates = (sorted: RawFinding[]): RawFinding[] =>
  sorted.filter((finding, index) => index === 0 || byPosition(sorted[index - 1], finding) !== 0);

/**
 * Creates the ABAP analyzer: abaplint (parser and a chosen set of its rules) plus this engine's S/4HANA checks, as
 * configured by the rule table. Each unit gets its own abaplint Registry, so units never see each other.
 *
 * @throws RulePackConfigError when the rule table is inconsistent.
 * @example
 * const analyzer = createAbapAnalyzer();
 * const result = analyzer.analyze({ unitId: 'u1', language: 'abap', path: 'src/zr.prog.abap', loc: 2,
 *   files: [{ path: 'src/zr.prog.abap', text: "REPORT zr.\nMOVE 1 TO x." }] });
 * result.findings[0].ruleId; // 'obsolete_statement'
 */
const createAbapAnalyzer = (options: AbapAnalyzerOptions = {}): Analyzer => {
  const rules = options.rules ?? ABAP_RULES;
  const release = options.release ?? DEFAULT_ABAP_RELEASE;
  if (!(Object.values(Version) as string[]).includes(release)) {
    throw new RulePackConfigError(ABAP_RULE_PACK.id, 'release', `unknown ABAP release ${JSON.stringify(release)}`);
  }
  const { abaplintRules, checks, byIssueKey } = compileRuleTable(rules);
  // errorNamespace matches nothing: a unit is analysed without the rest of the system, so every reference to another
  // object must count as "void" (unknown but acceptable) instead of an error.
  const config = new Config(JSON.stringify({ syntax: { version: release, errorNamespace: '^(?!)', globalConstants: [], globalMacros: [] }, rules: {} }));
  const rulePack: RulePackInfo = abapRulePackInfo(rules, release);

  const parsed = (files: readonly PreparedFile[]): Registry => {
    const registry = new Registry(config);
    for (const file of files) if (file.include) registry.addFile(new MemoryFile(file.abaplintName, file.text));
    return registry.parse();
  };

  const analyze = (unit: Unit): AnalysisResult => {
    const prepared = prepareFiles(unit.files, unit.context);
    const pathOf = new Map(prepared.map((file) => [file.abaplintName, file.path]));
    // Context files (includes of another program whose macros this one calls) are parsed, never reported on.
    const reported = new Set(prepared.filter((file) => !file.context).map((file) => file.abaplintName));
    const loc = prepared.reduce((sum, file) => sum + (file.isSource ? countLoc(file.text) : 0), 0);
    let registry = parsed(prepared);
    // Anonymous structure components are valid obsolete syntax abaplint does not parse: name them and parse again.
    const renamed = new Map<string, string>();
    for (const obj of registry.getObjects()) {
      if (!(obj instanceof ABAPObject)) continue;
      for (const file of obj.getABAPFiles()) {
        const text = nameAnonymousComponents(file);
        if (text !== undefined) renamed.set(file.getFilename(), text);
      }
    }
    if (renamed.size > 0) registry = parsed(prepared.map((file) => ({ ...file, text: renamed.get(file.abaplintName) ?? file.text })));

    const findings: RawFinding[] = [];
    const add = (definition: AbapRuleDefinition, variant: string | undefined, at: { file: string; line: number; column: number }, extra: string) => {
      if (!reported.has(at.file)) return;
      const outcome = outcomeOf(definition, variant);
      findings.push({
        fileName: at.file,
        ...(outcome.acknowledgedBy === undefined ? {} : { acknowledgedBy: outcome.acknowledgedBy }),
        ...(outcome.chargedOncePer === undefined ? {} : { chargedOncePer: outcome.chargedOncePer }),
        finding: {
          ruleId: definition.id,
          severity: outcome.severity,
          message: outcome.message + extra,
          file: pathOf.get(at.file) ?? at.file,
          line: at.line,
          column: at.column,
          effortMinutes: outcome.effortMinutes,
          effortClass: outcome.effortClass,
          category: definition.category,
          ...(variant === undefined ? {} : { variant }),
          ...(outcome.effortRange === undefined ? {} : { effortRange: { low: outcome.effortRange.low, high: outcome.effortRange.high } }),
        },
      });
    };
    const failures = createRuleFailures();
    const abapFiles = new Map<string, ABAPFile>();
    const generated = new Map<string, Generator>();

    // A program's includes are objects of their own for abaplint; the checks see the whole program's declarations.
    const programFiles = [...registry.getObjects()]
      .filter((obj): obj is ABAPObject => obj instanceof ABAPObject && (obj.getType() === 'PROG' || obj.getType() === 'FUGR'))
      .flatMap((obj) => obj.getABAPFiles() as ABAPFile[]);

    let parseErrors = 0;
    for (const rule of abaplintRules) rule.instance.initialize(registry);
    for (const obj of registry.getObjects()) {
      if (!obj.getFiles().some((file) => reported.has(file.getFilename()))) continue;
      parseErrors += countParseErrors(obj);
      const firstFile = obj.getFiles()[0]?.getFilename() ?? unit.path;
      const objectFiles = obj instanceof ABAPObject ? (obj.getABAPFiles() as readonly ABAPFile[]) : [];
      const context = checkContext(obj.getType() === 'PROG' || obj.getType() === 'FUGR' ? programFiles : objectFiles);
      /**
       * Where an issue of a rule with `skipInternalTableModify` belongs: at its own position, unless its statement is
       * `MODIFY itab FROM wa` on a declared internal table; then at the loop's next MODIFY of a database table, which
       * abaplint (one finding per loop, MODIFY looked for last) did not report, or nowhere.
       */
      const settledPosition = (issue: Issue): { line: number; column: number } | undefined => {
        const position = { line: issue.getStart().getRow(), column: issue.getStart().getCol() };
        const file = objectFiles.find((candidate) => candidate.getFilename() === issue.getFilename());
        const statement = file === undefined ? undefined : indexStatements(file).locate(position.line, position.column);
        if (file === undefined || statement === undefined || modifiedInternalTable(statement, context) === undefined) return position;
        const next = databaseModifyInLoopOf(file, statement, context);
        return next === undefined ? undefined : { line: next.getStart().getRow(), column: next.getStart().getCol() };
      };
      for (const rule of abaplintRules) {
        let issues: readonly Issue[];
        try {
          issues = rule.instance.run(obj);
        } catch {
          failures.add(rule.definition.id, firstFile);
          continue;
        }
        for (const issue of issues) {
          const mapped = byIssueKey.get(issue.getKey()) ?? { definition: rule.definition, variant: undefined };
          const settled =
            mapped.definition.source.engine === 'abaplint' && mapped.definition.source.skipInternalTableModify === true
              ? settledPosition(issue)
              : { line: issue.getStart().getRow(), column: issue.getStart().getCol() };
          if (settled === undefined) continue;
          const start = issue.getStart();
          const extra = mapped.definition.source.engine === 'abaplint' && mapped.definition.source.appendEngineMessage === true ? ` (${issue.getMessage()})` : '';
          const keyVariant = issueVariant(rule, mapped.variant, issue.getMessage());
          const variant =
            mapped.definition.source.engine === 'abaplint' && mapped.definition.source.rule === 'parser_error' && keyVariant === 'statement'
              ? (unknownStatementVariant(issue.getMessage(), obj.getFiles().find((file) => file.getFilename() === issue.getFilename())?.getRaw() ?? '', start.getRow(), start.getCol()) ?? keyVariant)
              : keyVariant;
          add(mapped.definition, variant, { file: issue.getFilename(), ...settled }, extra);
        }
      }
      const runCheck = (check: CompiledCheck, file: string, run: () => CheckHit[]) => {
        try {
          for (const hit of run()) add(check.definition, hit.variant, { file, line: hit.line, column: hit.column }, hit.detail === undefined ? '' : `: ${hit.detail}`);
        } catch {
          failures.add(check.definition.id, pathOf.get(file) ?? file);
        }
      };
      if (obj instanceof ABAPObject) {
        for (const file of objectFiles) {
          abapFiles.set(file.getFilename(), file);
          const generator = generatorOf(file.getFilename(), file.getRaw());
          if (generator !== undefined) generated.set(file.getFilename(), generator);
        }
        for (const file of objectFiles) {
          for (const check of checks) if (check.run.abap !== undefined) runCheck(check, file.getFilename(), () => check.run.abap?.(file, context) ?? []);
        }
      } else if (obj instanceof Objects.DataDefinition) {
        const tree = obj.getTree();
        const file = obj.findSourceFile()?.getFilename();
        if (tree === undefined || file === undefined) continue;
        for (const check of checks) if (check.run.cds !== undefined) runCheck(check, file, () => check.run.cds?.(tree) ?? []);
      }
    }
    return { findings: [...settleFindings(withoutDuplicates(findings.sort(byPosition)), { files: abapFiles, generated }), ...failures.findings()], loc, parseErrors };
  };

  return { language: Languages.ABAP, rulePack, analyze, checkLimits: (unit) => checkAbapSourceLimits(unit.files) };
};

export type { AbapAnalyzerOptions };
export { createAbapAnalyzer };
