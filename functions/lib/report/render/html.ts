/**
 * The report as one self-contained HTML page: inline CSS, no scripts, no external resources. Every customer string
 * is escaped, and a Content-Security-Policy that forbids scripts backs that up should anything ever slip through.
 */
import { SEVERITIES } from '../constants';
import type { ObjectGroup, Report, ReportAssessment, Severity } from '../types';
import { chartsSection } from './charts';
import { approachLabel, chargeLabel, counted, effortClassLabel, effortPhrase, encodingLabel, escapeHtml, formatAmount, formatCount, isUnicode, notAnalyzedHeadline, notApplicableText, rangeLabel, rulesByCount, severityLabel, withdrawnText } from './text';

const STYLE = `
:root { color-scheme: light; --border: #d0d7de; --muted: #57606a; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.6rem; margin-bottom: .5rem; } h2 { border-bottom: 1px solid var(--border); padding-bottom: .3rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
th, td { border: 1px solid var(--border); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dl.facts dt { color: var(--muted); }
.headline { font-size: 1.1rem; } .muted { color: var(--muted); }
details { border: 1px solid var(--border); border-radius: 6px; margin: .5rem 0; padding: .25rem .75rem; }
details > summary { cursor: pointer; padding: .25rem 0; }
.sev { display: inline-block; border-radius: 3px; padding: 0 .4rem; font-size: 12px; font-weight: 600; color: #fff; }
.sev-blocker { background: #82071e; } .sev-critical { background: #cf222e; } .sev-major { background: #bc4c00; }
.sev-minor { background: #9a6700; } .sev-info { background: #57606a; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
.charts .chart-effortByRule { grid-row: span 2; }
.charts figure { margin: 0; border: 1px solid var(--border); border-radius: 6px; padding: .5rem .75rem; }
.charts figcaption { font-weight: 600; margin-bottom: .25rem; } .charts svg { width: 100%; height: auto; }
.charts .chart-effortTreemap { grid-column: 1 / -1; }
`;

function badge(severity: Severity | null): string {
  return severity === null ? '' : `<span class="sev sev-${escapeHtml(severity)}">${escapeHtml(severityLabel(severity))}</span>`;
}

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

type Cell = { html: string; numeric?: boolean };

function table(header: ReadonlyArray<Cell>, rows: ReadonlyArray<ReadonlyArray<Cell>>, out: string[]): void {
  const cell = (tag: 'th' | 'td', c: Cell) => `<${tag}${c.numeric ? ' class="num"' : ''}>${c.html}</${tag}>`;
  out.push(`<table><thead><tr>${header.map((c) => cell('th', c)).join('')}</tr></thead><tbody>`);
  for (const r of rows) out.push(`<tr>${r.map((c) => cell('td', c)).join('')}</tr>`);
  out.push('</tbody></table>');
}

const text = (value: string): Cell => ({ html: escapeHtml(value) });
const num = (value: string): Cell => ({ html: escapeHtml(value), numeric: true });

function objectTitle(group: Pick<ObjectGroup, 'objectType' | 'objectName' | 'path'>): string {
  if (group.objectName === undefined) return code(group.path);
  return escapeHtml(group.objectType === undefined ? group.objectName : `${group.objectType} ${group.objectName}`);
}

function summarySection(report: Report, out: string[]): void {
  const { summary } = report;
  out.push('<section id="summary"><h2>Summary</h2>');
  out.push(
    `<p class="headline"><strong>${counted(summary.findings, 'finding')}</strong> in ${formatCount(summary.impactedUnits.info)} of ` +
      `${counted(summary.units, 'unit')} (${counted(summary.linesOfCode, 'line')} of code).</p>`,
    `<p class="headline">Required for the conversion: <strong>${escapeHtml(effortPhrase(summary.personDays.required, summary.requiredEffortRange))}</strong>.</p>`,
    `<p>Recommended clean-up, beside it and not included: ${escapeHtml(effortPhrase(summary.personDays.cleanup, summary.cleanupEffortRange))}. ` +
      `Person-days of ${summary.hoursPerPersonDay} hours.</p>`,
    `<p>Reported apart, no effort: ${formatCount(summary.acknowledgedFindings)} acknowledged in the code (pragma or pseudo comment), ` +
      `${formatCount(summary.generatedFindings)} in generated code.</p>`,
  );
  out.push(`<p class="headline">Not analysed: <strong>${escapeHtml(notAnalyzedHeadline(summary.notAnalyzed))}</strong>.</p>`);
  out.push(
    `<p class="muted">Units analysed: ${formatCount(summary.units - summary.unitsNotAnalyzed)}; not analysed: ${formatCount(summary.unitsNotAnalyzed)}; ` +
      `files skipped: ${formatCount(summary.skippedFiles)}.` +
      (summary.omittedFindings > 0 ? ` ${formatCount(summary.omittedFindings)} findings were not listed by the analyzer (its per-unit cap); their effort is included.` : '') +
      '</p>',
  );
  out.push('<h3>Findings by severity</h3>');
  table(
    [text('Severity'), num('Findings'), num('Required (min)'), num('Clean-up (min)'), num('Units with this severity'), num('Units at or above')],
    report.bySeverity.map((group) => [
      { html: badge(group.severity) },
      num(formatCount(group.count)),
      num(formatAmount(group.requiredEffortMinutes)),
      num(formatAmount(group.cleanupEffortMinutes)),
      num(formatCount(group.units)),
      num(formatCount(summary.impactedUnits[group.severity])),
    ]),
    out,
  );
  out.push('<h3>Findings by rule</h3>');
  if (report.byRule.length === 0) out.push('<p>No findings.</p>');
  else {
    table(
      [text('Rule'), text('Severity'), text('Category'), text('Class'), num('Findings'), num('Effort (min)'), num('Units')],
      report.byRule.map((rule) => [
        { html: code(rule.ruleId) },
        { html: badge(rule.severity) },
        text(rule.category ?? ''),
        text(rule.effortClass === 'mixed' ? 'required and clean-up' : effortClassLabel(rule.effortClass)),
        num(formatCount(rule.count)),
        num(formatAmount(rule.effortMinutes)),
        num(formatCount(rule.units)),
      ]),
      out,
    );
  }
  out.push('<h3>Reported apart (no effort)</h3>');
  if (report.apart.length === 0) out.push('<p>None.</p>');
  else {
    table(
      [text('Rule'), text('Why'), num('Findings'), num('Units')],
      report.apart.map((group) => [
        { html: code(group.ruleId) },
        text(group.disposition === 'acknowledged' ? 'acknowledged in the code (pragma or pseudo comment)' : 'generated code'),
        num(formatCount(group.count)),
        num(formatCount(group.units)),
      ]),
      out,
    );
  }
  out.push('<h3>Top objects by required effort</h3>');
  const indexById = new Map(report.objects.map((group, index) => [group.unitId, index]));
  if (summary.topObjects.length === 0) out.push('<p>No findings.</p>');
  else {
    table(
      [num('#'), text('Object'), text('Path'), num('Findings'), num('Required (min)'), num('Clean-up (min)'), text('Highest severity')],
      summary.topObjects.map((entry, rank) => {
        const index = indexById.get(entry.unitId);
        const group = index === undefined ? undefined : report.objects[index];
        return [
          num(String(rank + 1)),
          { html: group && index !== undefined ? `<a href="#object-${index + 1}">${objectTitle(group)}</a>` : code(entry.unitId) },
          { html: group ? code(group.path) : '' },
          num(formatCount(entry.findings)),
          num(formatAmount(entry.requiredEffortMinutes)),
          num(formatAmount(entry.cleanupEffortMinutes)),
          { html: badge(entry.highestSeverity) },
        ];
      }),
      out,
    );
  }
  out.push('</section>');
}

function assessmentSection(assessment: ReportAssessment, out: string[]): void {
  const { rulePack, recommendation } = assessment;
  out.push(`<h3>${code(rulePack.id)} ${code(rulePack.version)}</h3>`);
  if (assessment.notApplicable !== undefined) out.push(`<p class="headline">${escapeHtml(notApplicableText(assessment.notApplicable, assessment.withdrawnFindings))}</p>`);
  else if (recommendation === undefined) out.push('<p>No recommendation from this rule pack.</p>');
  else {
    out.push(
      `<p class="headline">Recommended approach: <strong>${escapeHtml(approachLabel(recommendation.approach))}</strong></p>`,
      `<p>Score ${formatAmount(recommendation.score)} against a rewrite threshold of ${formatAmount(recommendation.threshold)} ` +
        `(${recommendation.score <= recommendation.threshold ? 'at or below' : 'above'} it; at or below means rewrite).</p>`,
    );
  }
  const rules = rulesByCount(assessment.findingsByRule)
    .map(([ruleId, count]) => `${code(ruleId)} ${formatCount(count)}`)
    .join(', ');
  out.push(
    `<p>Cross-file findings: ${formatCount(assessment.findings)}${rules === '' ? '' : ` (${rules})`}` +
      `${assessment.findings > 0 ? '; they are listed with the objects they are placed in' : ''}.</p>`,
  );
  if (assessment.notApplicable === undefined && (assessment.withdrawnFindings ?? 0) > 0) out.push(`<p>${escapeHtml(withdrawnText(assessment.withdrawnFindings ?? 0))}</p>`);
  if (recommendation !== undefined && recommendation.reasons.length > 0) {
    out.push('<h4>Reasons</h4>', '<ol>');
    for (const reason of recommendation.reasons) out.push(`<li>${escapeHtml(reason)}</li>`);
    out.push('</ol>');
  }
  const metrics = Object.entries(assessment.metrics);
  if (metrics.length > 0) {
    out.push('<h4>Metrics</h4>');
    table([text('Metric'), num('Value')], metrics.map(([name, value]) => [{ html: code(name) }, num(formatAmount(value))]), out);
  }
}

function objectSection(group: ObjectGroup, index: number, out: string[]): void {
  const counts = SEVERITIES.filter((severity) => group.bySeverity[severity] > 0)
    .map((severity) => `${formatCount(group.bySeverity[severity])} ${severity}`)
    .join(', ');
  out.push(
    `<details id="object-${index + 1}"><summary>${badge(group.highestSeverity)} <strong>${objectTitle(group)}</strong> ` +
      `<span class="muted">${code(group.path)} · ${escapeHtml(group.language)} · ${counted(group.loc, 'line')} · ` +
      `${counted(group.findingCount, 'finding')} (${escapeHtml(counts || 'none listed')}) · required ${formatAmount(group.requiredEffortMinutes)} min · ` +
      `clean-up ${formatAmount(group.cleanupEffortMinutes)} min` +
      `${group.acknowledgedFindings + group.generatedFindings === 0 ? '' : ` · ${formatCount(group.acknowledgedFindings + group.generatedFindings)} reported apart`}</span></summary>`,
  );
  if (group.omittedFindings > 0) out.push(`<p class="muted">${formatCount(group.omittedFindings)} more findings were not listed by the analyzer.</p>`);
  table(
    [text('File'), num('Line'), num('Col'), text('Severity'), text('Rule'), text('Variant'), text('Message'), text('Class'), num('Effort (min)'), num('Range (min)')],
    group.findings.map((finding) => [
      { html: code(finding.file) },
      num(String(finding.line)),
      num(String(finding.column)),
      { html: badge(finding.severity) },
      { html: code(finding.ruleId) },
      { html: finding.variant === undefined ? '' : code(finding.variant) },
      text(finding.message),
      text(chargeLabel(finding)),
      num(formatAmount(finding.effortMinutes)),
      num(rangeLabel(finding.effortRange)),
    ]),
    out,
  );
  out.push('</details>');
}

/**
 * Renders the report as a self-contained HTML page.
 *
 * @example
 * await writeFile('report.html', renderHtml(report));
 */
function renderHtml(report: Report): string {
  const { run } = report;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No scripts, no fetches: the page is data only, so even a missed escape could not run anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Upgrade impact report – ${escapeHtml(run.customerId)} – ${escapeHtml(run.runId)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header><h1>Upgrade impact report</h1><dl class="facts">',
    `<dt>Customer</dt><dd>${code(run.customerId)}</dd>`,
    `<dt>Run</dt><dd>${code(run.runId)}</dd>`,
    `<dt>Source archive</dt><dd>${code(run.sourceArchive)}</dd>`,
    `<dt>Started</dt><dd>${escapeHtml(run.startedAt)}</dd>`,
    `<dt>Finished</dt><dd>${escapeHtml(run.finishedAt)}</dd>`,
    `<dt>Generated</dt><dd>${escapeHtml(report.generatedAt)}</dd>`,
    `<dt>Report version</dt><dd>${escapeHtml(String(report.reportVersion))}</dd>`,
    '</dl></header>',
    '<main>',
  ];
  summarySection(report, out);
  out.push(chartsSection(report));
  if (report.assessments.length > 0) {
    out.push('<section id="assessment"><h2>Migration assessment</h2>');
    for (const assessment of report.assessments) assessmentSection(assessment, out);
    out.push('</section>');
  }
  out.push('<section id="rule-packs"><h2>Rule packs</h2>');
  if (report.rulePacks.length === 0) out.push('<p>None recorded.</p>');
  else table([text('Rule pack'), text('Version'), text('Language')], report.rulePacks.map((pack) => [{ html: code(pack.id) }, { html: code(pack.version) }, text(pack.language ?? '')]), out);
  out.push('</section>', '<section id="objects"><h2>Findings by object</h2>');
  if (report.objects.length === 0) out.push('<p>No findings.</p>');
  report.objects.forEach((group, index) => objectSection(group, index, out));
  out.push('</section>', '<section id="not-analysed"><h2>Units not analysed</h2>');
  if (report.notAnalyzedUnits.length === 0) out.push('<p>None.</p>');
  else {
    table(
      [text('Object'), text('Path'), text('Language'), num('Lines'), text('Reason')],
      report.notAnalyzedUnits.map((unit) => [
        text(unit.objectName === undefined ? '' : unit.objectType === undefined ? unit.objectName : `${unit.objectType} ${unit.objectName}`),
        { html: code(unit.path) },
        text(unit.language),
        num(formatCount(unit.loc)),
        { html: `${code(unit.reason.code)} ${escapeHtml(unit.reason.message)}` },
      ]),
      out,
    );
  }
  out.push('</section>', '<section id="skipped"><h2>Skipped files</h2>');
  if (report.skippedFiles.length === 0) out.push('<p>None.</p>');
  else {
    table(
      [text('Path'), text('Reason'), text('Detail'), num('Lines')],
      report.skippedFiles.map((file) => [{ html: code(file.path) }, text(file.reason), text(file.detail ?? ''), num(file.lines === undefined ? '' : formatCount(file.lines))]),
      out,
    );
  }
  out.push('</section>', '<section id="encodings"><h2>Encodings</h2>');
  if (report.encodings.byEncoding.length === 0) out.push('<p>No files recorded.</p>');
  else {
    table([text('Encoding'), num('Files')], report.encodings.byEncoding.map((row) => [text(row.encoding), num(formatCount(row.files))]), out);
    const legacy = report.encodings.files.filter((file) => !isUnicode(file.encoding));
    if (legacy.length === 0) out.push('<p>Every file is in a Unicode encoding.</p>');
    else {
      out.push('<p>Files decoded from a legacy code page:</p>');
      table([text('File'), text('Encoding')], legacy.map((file) => [{ html: code(file.path) }, text(encodingLabel(file, false))]), out);
    }
  }
  out.push('</section>', '</main>', '</body>', '</html>', '');
  return out.join('\n');
}

export { renderHtml };
