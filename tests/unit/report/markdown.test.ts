import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { buildReport, renderMarkdown } from '../../../functions/lib/report';
import type { ReportInput } from '../../../functions/lib/report';
import { finding, HOSTILE_MESSAGE, HOSTILE_PATH, smallInput, unit } from './fixtures';

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
      ['Severity', 'Findings', 'Effort (min)', 'Units with this severity', 'Units at or above'],
      ['Blocker', '1', '120', '1', '1'],
      ['Critical', '1', '60', '1', '2'],
      ['Major', '1', '30', '1', '3'],
      ['Minor', '2', '10', '1', '3'],
      ['Info', '0', '0', '0', '3'],
    ]);
  });

  it('renders the findings-by-rule table, most effort first', () => {
    expect(table(parsed, 'Findings by rule')).toEqual([
      ['Rule', 'Severity', 'Category', 'Findings', 'Effort (min)', 'Units'],
      ['s4_simplified_table', 'Blocker', 'data-model', '1', '120', '1'],
      ['native_sql', 'Critical', '', '1', '60', '1'],
      ['db_operation_in_loop', 'Major', 'performance', '1', '30', '1'],
      ['obsolete_statement', 'Minor', '', '2', '10', '1'],
    ]);
  });

  it('renders the top objects with names and paths exactly as given', () => {
    expect(table(parsed, 'Top objects by effort')).toEqual([
      ['#', 'Object', 'Path', 'Findings', 'Effort (min)', 'Highest severity'],
      ['1', 'CLAS ZCL_A', 'src/zcl_a.clas.abap', '3', '130', 'Blocker'],
      ['2', 'PROG Z<B>&"Q"', HOSTILE_PATH, '1', '60', 'Critical'],
      ['3', 'CLAS ZCL_B', 'src/zcl_b.clas.abap', '1', '30', 'Major'],
    ]);
  });

  it('renders the run facts, the summary line and the rule packs', () => {
    const text = renderMarkdown(report);
    expect(table(parsed, 'Upgrade impact report')).toContainEqual(['Customer', 'acme']);
    expect(text).toContain('- **5 findings** in 3 of 5 units (500 lines of code).');
    expect(text).toContain('- Estimated effort: **0.46 person-days** (220 minutes at 8 hours per day).');
    expect(table(parsed, 'Rule packs')).toEqual([
      ['Rule pack', 'Version', 'Language'],
      ['abap-s4hana', '1.0.0-abaplint.2.120.19-3f9a0c2b', 'abap'],
    ]);
  });

  it('renders every finding in its object table, with hostile text kept literal inside one cell', () => {
    // Assess
    const hostile = table(parsed, '2. PROG Z<B>&"Q"');
    expect(hostile).toEqual([
      ['File', 'Line', 'Col', 'Severity', 'Rule', 'Message', 'Effort (min)'],
      [HOSTILE_PATH, '10', '3', 'Critical', 'native_sql', HOSTILE_MESSAGE.replace('\n', ' '), '60'],
    ]);
    const objectRows = parsed.filter((t) => /^\d+\. /.test(t.heading)).reduce((sum, t) => sum + t.rows.length - 1, 0);
    expect(objectRows).toBe(5);
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
});
