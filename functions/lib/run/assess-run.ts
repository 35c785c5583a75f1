/**
 * The code-base phase of a run: what can only be judged across files (an AngularJS directive registered in one file
 * and defined in another, used from several templates; module dependencies on libraries; the hybrid-upgrade or
 * rewrite recommendation). It runs on the units the batches wrote (ids, paths, languages, lines and the analyzers'
 * facts; never source text), after all of them were analysed. Both the aggregation and the report call it on the
 * same units, so the summary in DynamoDB and the encrypted report agree.
 */
import { assessCodebase, Languages, type CodebaseAssessment, type CodebaseUnit, type Language } from 'analysis-engine';
import { addEffort, type ReportAssessment, type ReportUnit } from '../report';
import { CodebaseFindingPlacementError } from './errors';
import type { RunUnit } from './types';

/** Options of {@link assessRun}. */
type AssessRunOptions = {
  /**
   * The code-base phase to run over the analysed units.
   * @default the analysis engine's `assessCodebase` (the code-base phases of the default registry's packs)
   */
  assess?: (units: CodebaseUnit[]) => CodebaseAssessment[];
};

/** A run's units with the code-base findings merged in, and one assessment per rule pack with a code-base phase. */
type AssessedRun = {
  /** Every unit, facts left out; a unit a code-base finding is placed in lists it with its own findings and effort. */
  units: ReportUnit[];
  /** Recommendation, metrics and how many findings (per rule) each pack's code-base phase placed in the units. */
  assessments: ReportAssessment[];
};

const LANGUAGES: ReadonlySet<string> = new Set(Object.values(Languages));

const isLanguage = (language: string): language is Language => LANGUAGES.has(language);

/**
 * What the code-base phase reads of a unit. Units that were not analysed are left out: they have no facts and can
 * carry no findings. A unit's `path` is its archive path, on which the phase resolves imports between files.
 */
const codebaseUnitsOf = (units: readonly RunUnit[]): CodebaseUnit[] =>
  units
    .filter((unit) => unit.notAnalyzed === undefined && isLanguage(unit.language))
    .map((unit) => ({
      unitId: unit.unitId,
      path: unit.path,
      language: unit.language as Language,
      loc: unit.loc,
      ...(unit.facts === undefined ? {} : { facts: unit.facts }),
    }));

/**
 * Runs the code-base phase over a run's units and merges its findings into the units they are placed in.
 *
 * A merged finding's `file` is the archive path of its unit. The code-base phases today are web packs, whose units are
 * single files, so that path is the file; the phase names files by the paths it was given (the archive paths), not by
 * stored names, yet setting it here keeps the rule whatever a phase writes. The unit's effort grows by the finding's.
 *
 * @throws CodebaseFindingPlacementError when a phase places a finding in a unit the run does not have or did not analyse
 * @throws InvalidCodebaseInputError (from the engine) when a unit does not have the shape the phase needs
 * @example
 * const run = await loadRunUnits(blobs, mapResult);
 * const { units, assessments } = assessRun(run.units);
 * const summary = summarizeFindings(units); // code-base findings included
 * assessments[0]?.recommendation?.approach; // 'rewrite'
 */
const assessRun = (units: readonly RunUnit[], options: AssessRunOptions = {}): AssessedRun => {
  const assess = options.assess ?? ((input: CodebaseUnit[]) => assessCodebase(input));
  const merged: ReportUnit[] = units.map(({ facts: _facts, ...unit }) => ({ ...unit }));
  const indexById = new Map(merged.map((unit, index) => [unit.unitId, index]));
  const copied = new Set<number>();

  const assessments = assess(codebaseUnitsOf(units)).map((assessment): ReportAssessment => {
    const pack = `${assessment.rulePack.id}@${assessment.rulePack.version}`;
    const byRule = new Map<string, number>();
    for (const { unitId, ...finding } of assessment.findings) {
      const index = indexById.get(unitId);
      if (index === undefined) throw new CodebaseFindingPlacementError(pack, finding.ruleId, unitId, 'is not a unit of the run');
      const unit = merged[index];
      if (unit.notAnalyzed !== undefined) throw new CodebaseFindingPlacementError(pack, finding.ruleId, unitId, 'was not analysed');
      // Copy on first write: the caller's units and their findings arrays stay as they were.
      if (!copied.has(index)) {
        unit.findings = [...unit.findings];
        copied.add(index);
      }
      unit.findings.push({ ...finding, file: unit.path });
      if (unit.effortMinutes !== undefined) unit.effortMinutes += finding.effortMinutes;
      if (unit.effortByClass !== undefined) {
        // Copy on write, as the findings: the caller's totals stay as they were.
        unit.effortByClass = { required: { ...unit.effortByClass.required }, cleanup: { ...unit.effortByClass.cleanup } };
        addEffort(unit.effortByClass, finding);
      }
      byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    }
    // The findings the pack's file scan left on units the code base shows it does not assess are withdrawn.
    let withdrawnFindings = 0;
    for (const unitId of assessment.withdrawnUnitIds ?? []) {
      const index = indexById.get(unitId);
      // A unit the run does not have has no findings to withdraw.
      if (index === undefined) continue;
      const unit = merged[index];
      withdrawnFindings += unit.findings.length + (unit.omittedFindings ?? 0);
      unit.findings = [];
      if (unit.omittedFindings !== undefined) unit.omittedFindings = 0;
      if (unit.effortMinutes !== undefined) unit.effortMinutes = 0;
    }
    const { rulePack, recommendation, notApplicable } = assessment;
    return {
      rulePack: { id: rulePack.id, version: rulePack.version, language: rulePack.language },
      ...(recommendation === undefined
        ? {}
        : { recommendation: { approach: recommendation.approach, score: recommendation.score, threshold: recommendation.threshold, reasons: [...recommendation.reasons] } }),
      ...(notApplicable === undefined ? {} : { notApplicable }),
      ...(assessment.withdrawnUnitIds === undefined ? {} : { withdrawnFindings }),
      metrics: { ...assessment.metrics },
      findings: assessment.findings.length,
      findingsByRule: Object.fromEntries(byRule),
    };
  });
  return { units: merged, assessments };
};

export type { AssessedRun, AssessRunOptions };
export { assessRun };
