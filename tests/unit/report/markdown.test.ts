import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { buildReport, renderMarkdown } from '../../../functions/lib/report';
import type { ReportInput } from '../../../functions/lib/report';
import { assessedInput, finding, HOSTILE_MESSAGE, HOSTILE_PATH, HOSTILE_REASON, smallInput, unit } from './fixtures';

const now = () => new Date('2024-05-01T10:06:00.000Z');
// html: true on purpose: if any customer string got through unescaped, the parser would report raw HTML tokens.
const parser = new MarkdownIt({ html: true });

type Table = { heading: string; rows: string[][] };

function inlineText(token: Token): string {
  return (token.children ?? []).map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' ? '\n' : '')).join('');
}

/** Every table of the document as plain cell texts, with the heading it sits under. */
function tables(tokens: Token[]): Table[] {
  const result: Table[] = [];
  let heading = '';
  let inHeading = false;
  let current: Table | undefined;
  for (const token of tokens) {
    if (token.type === 'heading_open') inHeading = true;
    else if (token.type === 'heading_close') inHeading = false;
    else if (token.type === 'table_open') result.push((current = { heading, rows: [] }));
    else if (token.type === 'tr_open') current?.rows.push([]);
    else if (token.type === 'inline' && inHeading) heading = inlineText(token);
    else if (token.type === 'inline' && current) current.rows[current.rows.length - 1]?.push(inlineText(token));
    else if (token.type === 'table_close') current = undefined;
  }
  return result;
}

/** Headings in order, as plain text. */
function headings(tokens: Token[]): string[] {
  return tokens.flatMap((token, index) => (token.type === 'heading_open' ? [inlineText(tokens[index + 1])] : []));
}

/** The items of ordered lists under a heading, as plain text. */
function orderedItems(tokens: Token[], heading: string): string[] {
  const items: string[] = [];
  let current = '';
  let inOrdered = false;
  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') current = inlineText(tokens[index + 1]);
    else if (token.type === 'ordered_list_open') inOrdered = true;
    else if (token.type === 'ordered_list_close') inOrdered = false;
    else if (token.type === 'inline' && inOrdered && current === heading) items.push(inlineText(token));
  });
  return items;
}

function allTokens(tokens: Token[]): Token[] {
  return tokens.flatMap((token) => [token, ...allTokens(token.children ?? [])]);
}

function table(all: Table[], heading: string): string[][] {
  const found = all.find((t) => t.heading === heading);
  if (!found) throw new Error(`no table under '${heading}'`);
  return found.rows;
}

describe('Function: renderMarkdown()', () => {
  const report = buildReport(smallInput(), { now });
  const tokens = parser.parse(renderMarkdown(report), {});
  const parsed = tables(tokens);

  it('renders the findings-by-severity table with counts, effort and impacted units', () => {
    expect(table(parsed, 'Findings by severity')).toEqual([
      ['Severity', 'Findings', 'Required (min)', 'Clean-up (min)', 'Units with this severity', 'Units at or above'],
      ['Blocker', '1', '120', '0', '1', '1'],
      ['Critical', '1', '60', '0', '1', '2'],
      ['Major', '1', '0', '30', '1', '3'],
      ['Minor', '2', '0', '10', '1', '3'],
      ['Info', '0', '0', '0', '0', '3'],
    ]);
  });

  it('renders the findings-by-rule table, most effort first', () => {
    expect(table(parsed, 'Findings by rule')).toEqual([
      ['Rule', 'Severity', 'Category', 'Class', 'Findings', 'Effort (min)', 'Units'],
      ['s4_simplified_table', 'Blocker', 'data-model', 'required', '1', '120', '1'],
      ['native_sql', 'Critical', '', 'required', '1', '60', '1'],
      ['db_operation_in_loop', 'Major', 'performance', 'clean-up', '1', '30', '1'],
      ['obsolete_statement', 'Minor', '', 'clean-up', '2', '10', '1'],
    ]);
  });

  it('renders the top objects with names and paths exactly as given', () => {
    expect(table(parsed, 'Top objects by required effort')).toEqual([
      ['#', 'Object', 'Path', 'Findings', 'Required (min)', 'Clean-up (min)', 'Highest severity'],
      ['1', 'CLAS ZCL_A', 'src/zcl_a.clas.abap', '3', '120', '10', 'Blocker'],
      ['2', 'PROG Z<B>&"Q"', HOSTILE_PATH, '1', '60', '0', 'Critical'],
      ['3', 'CLAS ZCL_B', 'src/zcl_b.clas.abap', '1', '0', '30', 'Major'],
    ]);
  });

  it('renders the run facts, the summary line and the rule packs', () => {
    const text = renderMarkdown(report);
    expect(table(parsed, 'Upgrade impact report')).toContainEqual(['Customer', 'acme']);
    expect(text).toContain('- **5 findings** in 3 of 5 units (500 lines of code).');
    expect(text).toContain('- Required for the conversion: **0.38 person-days (180 minutes; low 180, high 180)**.');
    expect(text).toContain('- Recommended clean-up, beside it and not included: 0.08 person-days (40 minutes; low 40, high 40).');
    expect(text).toContain('- Reported apart, no effort: 0 acknowledged in the code (pragma or pseudo comment), 0 in generated code.');
    expect(table(parsed, 'Rule packs')).toEqual([
      ['Rule pack', 'Version', 'Language'],
      ['abap-s4hana', '1.0.0-abaplint.2.120.19-3f9a0c2b', 'abap'],
    ]);
  });

  it('renders every finding in its object table, with hostile text kept literal inside one cell', () => {
    // Assess
    const hostile = table(parsed, '2. PROG Z<B>&"Q"');
    expect(hostile).toEqual([
      ['File', 'Line', 'Col', 'Severity', 'Rule', 'Variant', 'Message', 'Class', 'Effort (min)', 'Range (min)'],
      [HOSTILE_PATH, '10', '3', 'Critical', 'native_sql', '', HOSTILE_MESSAGE.replace('\n', ' '), 'required', '60', ''],
    ]);
    const objectRows = parsed.filter((t) => /^\d+\. /.test(t.heading)).reduce((sum, t) => sum + t.rows.length - 1, 0);
    expect(objectRows).toBe(5);
  });

  it('renders findings reported apart in their own table and in the object with why and no effort', () => {
    // Prepare
    const input: ReportInput = {
      ...smallInput(),
      units: [
        unit('u1', [
          finding({ effortMinutes: 0, variant: 'posix-regex', effortRange: { low: 0, high: 0 }, disposition: 'acknowledged', acknowledgedBy: '##REGEX_POSIX' }),
          finding({ line: 12, variant: 'occurs', effortMinutes: 25, effortRange: { low: 10, high: 60 } }),
        ]),
      ],
    };

    // Act
    const rendered = tables(parser.parse(renderMarkdown(buildReport(input, { now })), {}));

    // Assess
    expect(table(rendered, 'Reported apart (no effort)')).toEqual([
      ['Rule', 'Why', 'Findings', 'Units'],
      ['obsolete_statement', 'acknowledged in the code (pragma or pseudo comment)', '1', '1'],
    ]);
    expect(table(rendered, '1. CLAS U1').slice(1)).toEqual([
      ['src/zcl_a.clas.abap', '10', '3', 'Minor', 'obsolete_statement', 'posix-regex', 'MOVE is obsolete, use the assignment operator', 'acknowledged (##REGEX_POSIX), no effort', '0', '0–0'],
      ['src/zcl_a.clas.abap', '12', '3', 'Minor', 'obsolete_statement', 'occurs', 'MOVE is obsolete, use the assignment operator', 'clean-up', '25', '10–60'],
    ]);
  });

  it('produces no raw HTML, links, emphasis or strikethrough from customer strings', () => {
    // Prepare
    const kinds = new Set(allTokens(tokens).map((token) => token.type));

    // Assess
    for (const kind of ['html_inline', 'html_block', 'link_open', 'em_open', 's_open', 'image']) expect(kinds).not.toContain(kind);
    expect(parser.render(renderMarkdown(report))).not.toMatch(/<(script|img|b)[\s>]/);
  });

  it('keeps a path with backticks, pipes and a newline as one literal code span', () => {
    // Prepare
    const path = 'src/a``b|c`\nd.prog.abap';
    const input: ReportInput = { ...smallInput(), units: [unit('u1', [finding({ file: path })], { path })] };

    // Act
    const rows = table(tables(parser.parse(renderMarkdown(buildReport(input, { now })), {})), '1. CLAS U1');

    // Assess
    expect(rows[1][0]).toBe('src/a``b|c` d.prog.abap');
  });

  it('says so when there are no findings', () => {
    const input: ReportInput = { ...smallInput(), units: [unit('clean', [])], skippedFiles: [] };
    const text = renderMarkdown(buildReport(input, { now }));
    expect(text).toContain('## Findings by object\n\nNo findings.');
    expect(text).toContain('## Skipped files\n\nNone.');
  });

  describe('the migration assessment', () => {
    const assessed = buildReport(assessedInput(), { now });
    const text = renderMarkdown(assessed);
    const assessedTokens = parser.parse(text, {});

    it('renders one section per rule pack after the summary, before the rule packs', () => {
      const order = headings(assessedTokens);
      expect(order.indexOf('Migration assessment')).toBeGreaterThan(order.indexOf('Top objects by effort'));
      expect(order.indexOf('Migration assessment')).toBeLessThan(order.indexOf('Rule packs'));
      expect(order[order.indexOf('Migration assessment') + 1]).toBe('angularjs-angular 1.0.0-test');
    });

    it('states the approach, the score against the threshold and the cross-file findings', () => {
      expect(text).toContain('- Recommended approach: **Rewrite**.');
      expect(text).toContain('- Score 494 against a rewrite threshold of 5,245.21 (at or below it; at or below means rewrite).');
      expect(text).toContain(
        '- Cross-file findings: 2 (`cb_directive_not_upgradable_usage` 1, `cb_third_party_module` 1); they are listed with the objects they are placed in.',
      );
    });

    it('lists the reasons literally, in order', () => {
      expect(orderedItems(assessedTokens, 'angularjs-angular 1.0.0-test')).toEqual(assessed.assessments[0].recommendation!.reasons);
      expect(assessed.assessments[0].recommendation!.reasons[0]).toBe(HOSTILE_REASON);
    });

    it('renders the metrics table', () => {
      expect(table(tables(assessedTokens), 'angularjs-angular 1.0.0-test')).toEqual([
        ['Metric', 'Value'],
        ['loc', '494'],
        ['controllers', '4'],
        ['directivesNotUpgradable', '1'],
        ['testFiles', '0'],
      ]);
    });

    it('produces no raw HTML, links or emphasis from the reasons', () => {
      const kinds = new Set(allTokens(assessedTokens).map((token) => token.type));
      for (const kind of ['html_inline', 'html_block', 'link_open', 'em_open', 's_open', 'image']) expect(kinds).not.toContain(kind);
    });

    it('says when a rule pack gives no recommendation', () => {
      // Prepare
      const input = assessedInput();
      delete input.assessments![0].recommendation;

      // Act
      const withoutRecommendation = renderMarkdown(buildReport(input, { now }));

      // Assess
      expect(withoutRecommendation).toContain('- No recommendation from this rule pack.');
      expect(withoutRecommendation).not.toContain('Reasons:');
    });

    it('says when a rule pack found nothing to assess, and how many file-scan findings it withdrew', () => {
      // Prepare
      const input = assessedInput();
      delete input.assessments![0].recommendation;
      input.assessments![0].notApplicable = 'no AngularJS found: none of its 4 JavaScript and TypeScript files defines or uses an AngularJS module (angular.module)';
      input.assessments![0].withdrawnFindings = 2;

      // Act
      const markdown = renderMarkdown(buildReport(input, { now }));

      // Assess
      expect(markdown).toContain(
        '- No AngularJS found: none of its 4 JavaScript and TypeScript files defines or uses an AngularJS module (angular.module); no recommendation. 2 findings of the file scan on these files are withdrawn.',
      );
      expect(markdown).not.toContain('No recommendation from this rule pack');
    });

    it('says how many file-scan findings on files it does not assess a rule pack withdrew', () => {
      // Prepare
      const input = assessedInput();
      input.assessments![0].withdrawnFindings = 4;

      // Act
      const markdown = renderMarkdown(buildReport(input, { now }));

      // Assess
      expect(markdown).toContain('- 4 findings of the file scan on files this rule pack does not assess (end-to-end tests, tooling, …) are withdrawn.');
      expect(markdown).toContain('Recommended approach');
    });

    it('leaves the section out of a report without assessments', () => {
      expect(headings(tokens)).not.toContain('Migration assessment');
    });
  });
});
