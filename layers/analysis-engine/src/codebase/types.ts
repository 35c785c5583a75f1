import type { Finding, JsonValue, Language, RulePackInfo } from '../types';

/** One unit as the code-base phase sees it: identity, size and the facts its analysis produced (no source text). */
type CodebaseUnit = {
  unitId: string;
  /** Path of the unit in the archive; imports between files are resolved on these paths. */
  path: string;
  language: Language;
  /** Lines of code of the unit. */
  loc: number;
  /** `AnalysisResult.facts` of the unit's analysis; units without facts only count in size metrics. */
  facts?: JsonValue;
};

/** A finding of the code-base phase: placed in one unit, but found by joining facts of several. */
type CodebaseFinding = Finding & { unitId: string };

/** Migration approaches a recommendation can name. */
type MigrationApproach = 'hybrid-upgrade' | 'rewrite';

/** The overall recommendation for a code base: the approach, the score compared, the threshold and why. */
type CodebaseRecommendation = {
  approach: MigrationApproach;
  /** What is compared with the threshold (for the AngularJS pack: lines of code). */
  score: number;
  /** Below or at this score the recommendation is `rewrite`. */
  threshold: number;
  /** Each factor that raised the threshold, and the comparison, in plain words without customer identifiers. */
  reasons: string[];
};

/** The code-base assessment of one rule pack. */
type CodebaseAssessment = {
  rulePack: RulePackInfo;
  /** Findings that need several files (registration ↔ definition, directive ↔ templates, module ↔ libraries). */
  findings: CodebaseFinding[];
  recommendation?: CodebaseRecommendation;
  /**
   * Set when the code base has nothing the pack assesses (for the AngularJS pack: no AngularJS module defined or used):
   * what was looked for, in plain words without customer identifiers. Then there is no recommendation and no finding.
   */
  notApplicable?: string;
  /**
   * Units whose own findings (from the file scan) the assessment withdraws, because they came from code the pack does
   * not assess: every unit when `notApplicable` is set, else the files only the whole code base shows are not
   * assessed (for the AngularJS pack: end-to-end tests and tooling by their folders). The run drops them and their
   * effort.
   */
  withdrawnUnitIds?: string[];
  /** Counts over the code base (lines, files, modules, controllers, directives by kind, …). */
  metrics: Record<string, number>;
};

/** A rule pack's code-base phase. */
type CodebasePhase = {
  rulePack: RulePackInfo;
  /** Languages of the units the phase reads; it runs when at least one unit has one of them. */
  languages: readonly Language[];
  assess(units: readonly CodebaseUnit[]): CodebaseAssessment;
};

export type { CodebaseAssessment, CodebaseFinding, CodebasePhase, CodebaseRecommendation, CodebaseUnit, MigrationApproach };
