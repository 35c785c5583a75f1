/**
 * reportCharts(): the report's four charts as inline SVG, the same markup in the HTML report and the console:
 * escaped, script-free, linked to the objects, bounded however large the run.
 */
import { buildReport, reportCharts } from '../../../functions/lib/report';
import { finding, HOSTILE_PATH, largeInput, smallInput, unit } from './fixtures';

const now = () => new Date('2024-05-01T10:06:00.000Z');

describe('Function: reportCharts()', () => {
  const report = buildReport(smallInput(), { now });
  const charts = reportCharts(report);

  it('draws effort by severity as one bar per severity, with the minutes', () => {
    // Assess
    expect(charts.effortBySeverity.startsWith('<svg class="chart"')).toBe(true);
    expect(charts.effortBySeverity.match(/<g class="bar">/g)).toHaveLength(5);
    expect(charts.effortBySeverity).toContain('<title>Blocker: 120 min · 1 findings in 1 units</title>');
    expect(charts.effortBySeverity).toContain('>120</text>');
  });

  it('draws effort by rule, the most effort first', () => {
    // Assess
    const rules = [...charts.effortByRule.matchAll(/<title>([a-z0-9_]+): /g)].map((match) => match[1]);
    expect(rules).toEqual(report.byRule.map((rule) => rule.ruleId));
  });

  it('draws the treemap by folder and object, each object tile linked to its section, every name escaped', () => {
    // Assess
    expect(charts.effortTreemap).toContain('<a href="#object-1" class="tile">');
    expect(charts.effortTreemap.match(/<g class="folder">/g)?.length).toBeGreaterThanOrEqual(1);
    expect(charts.effortTreemap).not.toContain(HOSTILE_PATH);
    expect(charts.effortTreemap).not.toMatch(/<(script|img)\b/);
    expect(charts.effortTreemap).toContain('Z&lt;B&gt;&amp;&quot;Q&quot;');
  });

  it('counts units by number of findings, the clean ones included', () => {
    // Assess: 4 analysed units: one clean, two with one finding, one with three
    expect(charts.findingsPerUnit).toContain('<title>1 units with 0 findings</title>');
    expect(charts.findingsPerUnit).toContain('<title>2 units with 1 findings</title>');
    expect(charts.findingsPerUnit).toContain('<title>1 units with 2–3 findings</title>');
  });

  it('links tiles where the caller says', () => {
    // Act
    const linked = reportCharts(report, { objectHref: (index) => `/objects/${index}` });

    // Assess
    expect(linked.effortTreemap).toContain('<a href="/objects/0" class="tile">');
  });

  it('keeps a large run’s charts bounded: the top rules and objects drawn, the rest summed', () => {
    // Act
    const large = reportCharts(buildReport(largeInput(3000, 5), { now }), { topRules: 10, treemapObjects: 100 });

    // Assess
    expect(large.effortByRule.match(/<g class="bar">/g)).toHaveLength(11);
    expect(large.effortByRule).toContain('7 other rules');
    expect(large.effortTreemap.match(/class="tile"/g)!.length).toBeLessThanOrEqual(101);
    expect(large.effortTreemap).toMatch(/\+2,\d{3} more/);
    expect(large.effortTreemap.length).toBeLessThan(120_000);
  });

  it('draws clean-up effort lighter beside required effort', () => {
    // Prepare: one object with a required and a clean-up finding of the same severity
    const classified = buildReport(
      {
        ...smallInput(),
        units: [
          unit('zcl_a', [
            finding({ ruleId: 's4_simplified_table', severity: 'blocker', effortMinutes: 120, effortClass: 'required' }),
            finding({ ruleId: 'obsolete_statement', severity: 'blocker', effortMinutes: 30, effortClass: 'cleanup', line: 2 }),
          ]),
        ],
      },
      { now },
    );

    // Act
    const split = reportCharts(classified);

    // Assess
    expect(split.effortBySeverity).toContain('<title>Blocker: 150 min (120 required, 30 clean-up)');
    expect(split.effortBySeverity).toContain('fill-opacity="0.35"');
  });
});
