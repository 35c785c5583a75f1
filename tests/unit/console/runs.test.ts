/**
 * headlineOf(): a run's headline from its recorded summary, with what newer summaries add (required and clean-up
 * effort, lines not analysed) when they have it, and the total alone when they do not.
 */
import { headlineOf } from '../../../local/console/runs';

describe('Function: headlineOf()', () => {
  it('reads a summary recorded before effort was told apart by class: units, lines, findings, the total effort alone', () => {
    // Act
    const headline = headlineOf(JSON.stringify({ units: 24, loc: 3072, findings: 82, effortMinutes: 5038, personDays: 10.5, skippedFiles: 6, bySeverity: { blocker: 9 }, assessments: [] }));

    // Assess
    expect(headline).toEqual({ units: 24, loc: 3072, findings: 82, effortMinutes: 5038, skippedFiles: 6, bySeverity: { blocker: 9 }, assessments: [] });
  });

  it('reads required and clean-up effort and the lines not analysed, by reason, when the summary has them', () => {
    // Prepare
    const summary = {
      units: 10,
      effortMinutes: 900,
      requiredEffortMinutes: 600,
      cleanupEffortMinutes: 300,
      notAnalyzed: { units: 2, files: 3, lines: 1200, byReason: { 'invalid-encoding': { units: 1, files: 2, lines: 1000 }, 'time-budget': { units: 1, files: 1, lines: 200 } } },
      assessments: [{ rulePack: 'angularjs-angular@1', approach: 'rewrite', score: 494 }],
    };

    // Act
    const headline = headlineOf(JSON.stringify(summary));

    // Assess
    expect(headline).toMatchObject({
      requiredEffortMinutes: 600,
      cleanupEffortMinutes: 300,
      notAnalyzed: { units: 2, files: 3, lines: 1200, byReason: { 'invalid-encoding': { units: 1, files: 2, lines: 1000 }, 'time-budget': { units: 1, files: 1, lines: 200 } } },
      assessments: [{ rulePack: 'angularjs-angular@1', approach: 'rewrite' }],
    });
  });

  it('falls back to the run item’s numbers when the summary is missing or unreadable', () => {
    // Act
    const missing = headlineOf(undefined, { units: 5, loc: 50, findings: 1, requiredEffortMinutes: 10, cleanupEffortMinutes: 4 });
    const unreadable = headlineOf('{not json', { units: 5 });

    // Assess
    expect(missing).toEqual({ units: 5, loc: 50, findings: 1, requiredEffortMinutes: 10, cleanupEffortMinutes: 4 });
    expect(unreadable).toEqual({ units: 5 });
  });
});
