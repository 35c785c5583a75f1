/** Builders of small analysis units for the analysis-engine tests. */
import type { Finding, Unit } from 'analysis-engine';

/**
 * A unit of one ABAP program (or any abapGit file name given).
 *
 * @example
 * abapUnit('REPORT z.\nMOVE 1 TO x.');
 */
const abapUnit = (text: string, name = 'zprog.prog.abap', extraFiles: { path: string; text: string }[] = []): Unit => ({
  unitId: `unit-${name}`,
  language: 'abap',
  path: `src/${name}`,
  files: [{ path: `src/${name}`, text }, ...extraFiles],
  loc: text.split('\n').filter((line) => line.trim() !== '').length,
});

/** `ruleId@line` of each finding, the compact form most assertions compare. */
const at = (findings: readonly Finding[]): string[] => findings.map((finding) => `${finding.ruleId}@${finding.line}`);

export { abapUnit, at };
