import {
  buildReport,
  parseReportFormat,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderReport,
  UnknownReportFormatError,
} from '../../../functions/lib/report';
import { largeInput, smallInput } from './fixtures';

const now = () => new Date('2024-05-01T10:06:00.000Z');

describe('Function: renderReport()', () => {
  const report = buildReport(smallInput(), { now });

  it.each([
    ['md', renderMarkdown],
    ['html', renderHtml],
    ['json', renderJson],
  ] as const)('renders %s with its renderer', (format, render) => {
    expect(renderReport(report, format)).toBe(render(report));
  });

  it('renders a run of 100,000 findings in every format, the last finding included', () => {
    // Prepare
    const large = buildReport(largeInput(10_000, 10), { now });
    const last = large.objects[large.objects.length - 1];
    const lastMessage = last.findings[last.findings.length - 1].message;

    // Act
    const outputs = (['md', 'html', 'json'] as const).map((format) => renderReport(large, format));

    // Assess
    for (const output of outputs) expect(output).toContain(lastMessage);
  });
});

describe('Function: parseReportFormat()', () => {
  it.each(['md', 'html', 'json'])('accepts %s', (format) => {
    expect(parseReportFormat(format)).toBe(format);
  });

  it.each(['pdf', 'MD', ''])('refuses %j listing the known formats', (format) => {
    expect(() => parseReportFormat(format)).toThrow(UnknownReportFormatError);
    expect(() => parseReportFormat(format)).toThrow(`Unknown report format '${format}': use one of md, html, json`);
  });
});
