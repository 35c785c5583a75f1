/**
 * The code-base phase: what can only be judged across files. Each rule pack with a code-base phase joins the facts its
 * analyzers left on the units (`AnalysisResult.facts`) and returns its findings, metrics and recommendation.
 */
import { getDefaultRegistry } from '../analyzerRegistry';
import { ANGULARJS_RULE_PACK } from '../angularjs/ruleTable';
import { createAngularJsCodebasePhase } from '../angularjs/codebase/assessAngularJs';
import { Languages } from '../constants';
import type { Language } from '../types';
import { InvalidCodebaseInputError } from './errors';
import type { CodebaseAssessment, CodebasePhase, CodebaseUnit } from './types';

/** Options of {@link assessCodebase}. */
type AssessCodebaseOptions = {
  /**
   * Code-base phases to run.
   * @default the phases of the default registry's packs (today the AngularJS pack)
   */
  phases?: readonly CodebasePhase[];
};

const LANGUAGES: readonly string[] = Object.values(Languages);

let defaultPhases: readonly CodebasePhase[] | undefined;

/** The code-base phases of the packs in the default registry, built once per process. */
const getDefaultCodebasePhases = (): readonly CodebasePhase[] => {
  if (defaultPhases === undefined) {
    const angular = getDefaultRegistry()
      .analyzers()
      .find((analyzer) => analyzer.rulePack.id === ANGULARJS_RULE_PACK.id);
    defaultPhases = angular === undefined ? [] : [createAngularJsCodebasePhase({ ...angular.rulePack, language: Languages.JAVASCRIPT })];
  }
  return defaultPhases;
};

const validateUnits = (value: unknown): CodebaseUnit[] => {
  if (!Array.isArray(value)) throw new InvalidCodebaseInputError('units', 'must be an array');
  value.forEach((unit: unknown, index) => {
    const at = `units[${index}]`;
    if (typeof unit !== 'object' || unit === null) throw new InvalidCodebaseInputError(at, 'must be an object');
    const { unitId, path, language, loc } = unit as Record<string, unknown>;
    if (typeof unitId !== 'string' || unitId === '') throw new InvalidCodebaseInputError(`${at}.unitId`, 'must be a non-empty string');
    if (typeof path !== 'string') throw new InvalidCodebaseInputError(`${at}.path`, 'must be a string');
    if (typeof language !== 'string' || !LANGUAGES.includes(language)) {
      throw new InvalidCodebaseInputError(`${at}.language`, `must be one of ${LANGUAGES.join(', ')}, got ${JSON.stringify(language)}`);
    }
    if (typeof loc !== 'number' || !Number.isFinite(loc) || loc < 0) throw new InvalidCodebaseInputError(`${at}.loc`, 'must be a non-negative number');
  });
  return value as CodebaseUnit[];
};

/**
 * Assesses a whole code base: one assessment per rule pack that has a code-base phase and at least one unit in one
 * of its languages. Units are what the analysis left (ids, paths, languages, lines, facts), never source text, so
 * this runs after all units were analysed, on the stored per-unit rows.
 *
 * @throws InvalidCodebaseInputError when a unit does not have the agreed shape (the field and the problem are named).
 * @example
 * const units = results.map((result, index) => ({ unitId: result.unitId, path: paths[index], language: result.language, loc: result.loc, facts: result.facts }));
 * const [angular] = assessCodebase(units);
 * angular.recommendation?.approach; // 'hybrid-upgrade'
 * angular.metrics.controllers; // 42
 */
const assessCodebase = (units: Array<{ unitId: string; path: string; language: Language; loc: number; facts?: CodebaseUnit['facts'] }>, options: AssessCodebaseOptions = {}): CodebaseAssessment[] => {
  const valid = validateUnits(units);
  const assessments: CodebaseAssessment[] = [];
  for (const phase of options.phases ?? getDefaultCodebasePhases()) {
    const own = valid.filter((unit) => phase.languages.includes(unit.language));
    if (own.length > 0) assessments.push(phase.assess(own));
  }
  return assessments;
};

export type { AssessCodebaseOptions };
export { assessCodebase, getDefaultCodebasePhases };
