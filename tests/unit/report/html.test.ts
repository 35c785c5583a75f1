import { buildReport, renderHtml } from '../../../functions/lib/report';
import { assessedInput, finding, HOSTILE_MESSAGE, HOSTILE_PATH, HOSTILE_REASON, largeInput, smallInput } from './fixtures';

const now = () => new Date('2024-05-01T10:06:00.000Z');
const ALLOWED_TAGS = new Set([
  '!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'section', 'h1', 'h2', 'h3', 'h4', 'p', 'strong',
  'span', 'code', 'a', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'ol', 'li',
  // the charts: inline SVG, no script
  'div', 'figure', 'figcaption', 'svg', 'g', 'rect', 'text',
]);
// A tag as the renderer writes it: a name and double-quoted attributes whose values hold no quote or angle bracket.
const WELL_FORMED_TAG = /^<\/?[a-z0-9!]+(?:\s+[a-z-]+(?:="[^"<>]*")?)*\s*>$/i;

function decode(html: string): string {
  return html.replace(/&(lt|gt|quot|#39|amp);/g, (_, entity: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[entity] ?? '');
}

describe('Function: renderHtml()', () => {
  const html = renderHtml(buildReport(smallInput(), { now }));
  const body = html.slice(html.indexOf('</style>'));

  it.each([
    ['a report without assessments', body],
    ['a report with a migration assessment', (() => {
      const assessed = renderHtml(buildReport(assessedInput(), { now }));
      return assessed.slice(assessed.indexOf('</style>'));
    })()],
  ])('writes only the tags of its own template, each well formed, for %s', (_case, body) => {
    // Act: outside <style>, every '<' must open a tag the template writes; escaped customer text never does
    const tags = body.match(/<[^>]*>/g) ?? [];

    // Assess
    expect(tags.length).toBeGreaterThan(50);
    for (const tag of tags) {
      expect(tag).toMatch(WELL_FORMED_TAG);
      expect(ALLOWED_TAGS).toContain(/^<\/?([a-z0-9!]+)/i.exec(tag)?.[1].toLowerCase());
    }
    expect((body.match(/</g) ?? []).length).toBe(tags.length);
  });

  it('escapes customer paths, object names and messages, which decode back to the original', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('PROG Z&lt;B&gt;&amp;&quot;Q&quot;');
    const cells = [...html.matchAll(/<td>([^<]*)<\/td>/g)].map((match) => decode(match[1]));
    expect(cells).toContain(HOSTILE_MESSAGE);
    const codes = [...html.matchAll(/<code>([^<]*)<\/code>/g)].map((match) => decode(match[1]));
    expect(codes).toContain(HOSTILE_PATH);
  });

  it('is self-contained and forbids scripts by policy', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    const tags = html.match(/<[^>]*>/g) ?? [];
    expect(tags.filter((tag) => /^<(script|link|img|iframe|object)\b|\s(src|on[a-z]+)=|href="(?!#object-)/i.test(tag))).toEqual([]);
  });

  it('shows the four charts as inline SVG, with no script, their tiles linked to the objects', () => {
    // Act
    const section = html.slice(html.indexOf('<section id="charts">'), html.indexOf('</section>', html.indexOf('<section id="charts">')));

    // Assess
    expect(section.match(/<figure class="chart-\w+"><figcaption>/g)).toHaveLength(4);
    expect(section.match(/<svg class="chart"/g)).toHaveLength(4);
    expect(section).toContain('<a href="#object-1" class="tile">');
    expect(html.indexOf('<section id="charts">')).toBeLessThan(html.indexOf('<section id="objects">'));
  });

  it('renders the summary numbers and one section per object, linked from the top objects', () => {
    expect(html).toContain('<strong>5 findings</strong> in 3 of 5 units (500 lines of code)');
    expect(html).toContain('Required for the conversion: <strong>0.38 person-days (180 minutes; low 180, high 180)</strong>.');
    expect(html).toContain('Recommended clean-up, beside it and not included: 0.08 person-days (40 minutes; low 40, high 40).');
    expect(html.match(/<details id="object-\d+">/g)).toEqual(['<details id="object-1">', '<details id="object-2">', '<details id="object-3">']);
    expect(html).toContain('<a href="#object-2">PROG Z&lt;B&gt;&amp;&quot;Q&quot;</a>');
  });

  it('renders findings reported apart in their own table, and each finding with its class, variant and range', () => {
    // Prepare
    const input = smallInput();
    input.units[0].findings.push(
      finding({ line: 60, variant: 'posix-regex', effortMinutes: 0, effortRange: { low: 0, high: 0 }, disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX' }),
      finding({ line: 61, variant: 'occurs', effortMinutes: 25, effortRange: { low: 10, high: 60 } }),
    );

    // Act
    const page = renderHtml(buildReport(input, { now }));

    // Assess
    expect(page).toContain('<h3>Reported apart (no effort)</h3>');
    expect(page).toContain('<td>acknowledged in the code (pragma or pseudo comment)</td>');
    expect(page).toContain('<td>acknowledged (##REGEX_POSIX), no effort</td>');
    expect(page).toContain('<td><code>occurs</code></td>');
    expect(page).toContain('<td class="num">10–60</td>');
  });

  it('renders every finding of a larger run', () => {
    // Prepare
    const report = buildReport(largeInput(40, 5), { now });

    // Act
    const page = renderHtml(report);

    // Assess
    for (const group of report.objects) {
      for (const finding of group.findings) expect(page).toContain(`<td>${finding.message}</td>`);
    }
    expect(page.match(/<td class="num">\d+<\/td><td class="num">3<\/td><td><span class="sev/g)).toHaveLength(200);
  });

  describe('the migration assessment', () => {
    const assessed = renderHtml(buildReport(assessedInput(), { now }));
    const section = assessed.slice(assessed.indexOf('<section id="assessment">'), assessed.indexOf('<section id="rule-packs">'));

    it('renders the section between the summary and the rule packs', () => {
      expect(assessed.indexOf('<section id="summary">')).toBeLessThan(assessed.indexOf('<section id="assessment">'));
      expect(section).toContain('<h2>Migration assessment</h2>');
      expect(section).toContain('<h3><code>angularjs-angular</code> <code>1.0.0-test</code></h3>');
    });

    it('states the approach, the score against the threshold and the cross-file findings', () => {
      expect(section).toContain('Recommended approach: <strong>Rewrite</strong>');
      expect(section).toContain('Score 494 against a rewrite threshold of 5,245.21 (at or below it; at or below means rewrite).');
      expect(section).toContain('Cross-file findings: 2 (<code>cb_directive_not_upgradable_usage</code> 1, <code>cb_third_party_module</code> 1)');
    });

    it('escapes the reasons, which decode back to the original, in order', () => {
      const reasons = [...section.matchAll(/<li>([^<]*)<\/li>/g)].map((match) => decode(match[1]));
      expect(reasons).toEqual([HOSTILE_REASON, '494 lines of code at or below the rewrite threshold of 5245.21: rewriting in Angular is cheaper']);
      expect(section).not.toContain('<script>');
    });

    it('renders the metrics table', () => {
      const rows = [...section.matchAll(/<tr><td><code>([^<]*)<\/code><\/td><td class="num">([^<]*)<\/td><\/tr>/g)].map((match) => [match[1], match[2]]);
      expect(rows).toEqual([
        ['loc', '494'],
        ['controllers', '4'],
        ['directivesNotUpgradable', '1'],
        ['testFiles', '0'],
      ]);
    });

    it('says when a rule pack found nothing to assess, escaped, instead of a recommendation', () => {
      // Prepare
      const input = assessedInput();
      delete input.assessments![0].recommendation;
      input.assessments![0].notApplicable = 'no AngularJS found: <none> of its 2 files';
      input.assessments![0].withdrawnFindings = 1;

      // Act
      const rendered = renderHtml(buildReport(input, { now }));

      // Assess
      expect(rendered).toContain('<p class="headline">No AngularJS found: &lt;none&gt; of its 2 files; no recommendation. 1 finding of the file scan on these files is withdrawn.</p>');
      expect(rendered).not.toContain('Recommended approach');
    });

    it('leaves the section out of a report without assessments', () => {
      expect(html).not.toContain('Migration assessment');
    });
  });
});
