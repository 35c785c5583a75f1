/**
 * The report as GitHub-flavoured Markdown: run facts, the summary tables (severity, rule, top objects), the migration
 * assessment of each rule pack with a code-base phase, the rule packs, every finding grouped by object, the units not
 * analysed and the skipped files.
 */
import { SEVERITIES } from '../constants';
import type { ObjectGroup, Report, ReportAssessment } from '../types';
import {
  approachLabel,
  chargeLabel,
  counted,
  effortClassLabel,
  effortPhrase,
  escapeMarkdown,
  formatAmount,
  formatCount,
  encodingLabel,
  isUnicode,
  markdownCode,
  notAnalyzedHeadline,
  notApplicableText,
  rangeLabel,
  rulesByCount,
  severityLabel,
  withdrawnText,
} from './text';

/** Appends without spreading: a table of a large run has more rows than a call may take arguments. */
function append(lines: string[], more: ReadonlyArray<string>): void {
  for (const line of more) lines.push(line);
}

function row(cells: ReadonlyArray<string>): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: ReadonlyArray<string>, align: ReadonlyArray<'l' | 'r'>, rows: ReadonlyArray<ReadonlyArray<string>>): string[] {
  return [row(header), row(align.map((a) => (a === 'r' ? '--:' : '---'))), ...rows.map(row)];
}

/** `CLAS ZCL_BILLING`, escaped; the path when the unit has no object name. */
function objectTitle(group: Pick<ObjectGroup, 'objectType' | 'objectName' | 'path'>): string {
  if (group.objectName === undefined) return markdownCode(group.path, { inTable: true });
  return escapeMarkdown(group.objectType === undefined ? group.objectName : `${group.objectType} ${group.objectName}`);
}

function summarySection(report: Report): string[] {
  const { summary } = report;
  const analysed = summary.units - summary.unitsNotAnalyzed;
  const lines = [
    '## Summary',
    '',
    `- **${counted(summary.findings, 'finding')}** in ${formatCount(summary.impactedUnits.info)} of ${counted(summary.units, 'unit')} ` +
      `(${counted(summary.linesOfCode, 'line')} of code).`,
    `- Required for the conversion: **${effortPhrase(summary.personDays.required, summary.requiredEffortRange)}**.`,
    `- Recommended clean-up, beside it and not included: ${effortPhrase(summary.personDays.cleanup, summary.cleanupEffortRange)}.`,
    `- Person-days of ${summary.hoursPerPersonDay} hours.`,
    `- Reported apart, no effort: ${formatCount(summary.acknowledgedFindings)} acknowledged in the code (pragma or pseudo comment), ` +
      `${formatCount(summary.generatedFindings)} in generated code.`,
    `- Not analysed: **${escapeMarkdown(notAnalyzedHeadline(summary.notAnalyzed))}**.`,
    `- Units analysed: ${formatCount(analysed)}; not analysed: ${formatCount(summary.unitsNotAnalyzed)}; files skipped: ${formatCount(summary.skippedFiles)}.`,
  ];
  if (summary.omittedFindings > 0) {
    lines.push(`- ${formatCount(summary.omittedFindings)} findings were not listed by the analyzer (its per-unit cap); their effort is included.`);
  }
  lines.push(
    '',
    '### Findings by severity',
    '',
    ...table(
      ['Severity', 'Findings', 'Required (min)', 'Clean-up (min)', 'Units with this severity', 'Units at or above'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      report.bySeverity.map((group) => [
        severityLabel(group.severity),
        formatCount(group.count),
        formatAmount(group.requiredEffortMinutes),
        formatAmount(group.cleanupEffortMinutes),
        formatCount(group.units),
        formatCount(summary.impactedUnits[group.severity]),
      ]),
    ),
    '',
    '### Findings by rule',
    '',
  );
  if (report.byRule.length === 0) lines.push('No findings.');
  else {
    append(
      lines,
      table(
        ['Rule', 'Severity', 'Category', 'Class', 'Findings', 'Effort (min)', 'Units'],
        ['l', 'l', 'l', 'l', 'r', 'r', 'r'],
        report.byRule.map((rule) => [
          markdownCode(rule.ruleId, { inTable: true }),
          severityLabel(rule.severity),
          rule.category === undefined ? '' : escapeMarkdown(rule.category),
          rule.effortClass === 'mixed' ? 'required and clean-up' : effortClassLabel(rule.effortClass),
          formatCount(rule.count),
          formatAmount(rule.effortMinutes),
          formatCount(rule.units),
        ]),
      ),
    );
  }
  lines.push('', '### Reported apart (no effort)', '');
  if (report.apart.length === 0) lines.push('None.');
  else {
    append(
      lines,
      table(
        ['Rule', 'Why', 'Findings', 'Units'],
        ['l', 'l', 'r', 'r'],
        report.apart.map((group) => [
          markdownCode(group.ruleId, { inTable: true }),
          group.disposition === 'acknowledged' ? 'acknowledged in the code (pragma or pseudo comment)' : 'generated code',
          formatCount(group.count),
          formatCount(group.units),
        ]),
      ),
    );
  }
  lines.push('', '### Top objects by required effort', '');
  const byId = new Map(report.objects.map((group) => [group.unitId, group]));
  const top = summary.topObjects.map((entry, index) => {
    const group = byId.get(entry.unitId);
    return [
      String(index + 1),
      group ? objectTitle(group) : markdownCode(entry.unitId, { inTable: true }),
      group ? markdownCode(group.path, { inTable: true }) : '',
      formatCount(entry.findings),
      formatAmount(entry.requiredEffortMinutes),
      formatAmount(entry.cleanupEffortMinutes),
      entry.highestSeverity === null ? '' : severityLabel(entry.highestSeverity),
    ];
  });
  if (top.length === 0) lines.push('No findings.');
  else lines.push(...table(['#', 'Object', 'Path', 'Findings', 'Required (min)', 'Clean-up (min)', 'Highest severity'], ['r', 'l', 'l', 'r', 'r', 'r', 'l'], top));
  return lines;
}

function assessmentSection(assessment: ReportAssessment): string[] {
  const { rulePack, recommendation } = assessment;
  const lines = [`### ${markdownCode(rulePack.id)} ${markdownCode(rulePack.version)}`, ''];
  if (assessment.notApplicable !== undefined) lines.push(`- ${escapeMarkdown(notApplicableText(assessment.notApplicable, assessment.withdrawnFindings))}`);
  else if (recommendation === undefined) lines.push('- No recommendation from this rule pack.');
  else {
    lines.push(
      `- Recommended approach: **${escapeMarkdown(approachLabel(recommendation.approach))}**.`,
      `- Score ${formatAmount(recommendation.score)} against a rewrite threshold of ${formatAmount(recommendation.threshold)} ` +
        `(${recommendation.score <= recommendation.threshold ? 'at or below' : 'above'} it; at or below means rewrite).`,
    );
  }
  const rules = rulesByCount(assessment.findingsByRule)
    .map(([ruleId, count]) => `${markdownCode(ruleId)} ${formatCount(count)}`)
    .join(', ');
  lines.push(
    `- Cross-file findings: ${formatCount(assessment.findings)}${rules === '' ? '' : ` (${rules})`}` +
      `${assessment.findings > 0 ? '; they are listed with the objects they are placed in' : ''}.`,
  );
  if (assessment.notApplicable === undefined && (assessment.withdrawnFindings ?? 0) > 0) lines.push(`- ${withdrawnText(assessment.withdrawnFindings ?? 0)}`);
  if (recommendation !== undefined && recommendation.reasons.length > 0) {
    lines.push('', 'Reasons:', '');
    recommendation.reasons.forEach((reason, index) => lines.push(`${index + 1}. ${escapeMarkdown(reason)}`));
  }
  const metrics = Object.entries(assessment.metrics);
  if (metrics.length > 0) {
    lines.push('');
    append(lines, table(['Metric', 'Value'], ['l', 'r'], metrics.map(([name, value]) => [markdownCode(name, { inTable: true }), formatAmount(value)])));
  }
  lines.push('');
  return lines;
}

/** `; 2 reported apart (acknowledged 1, generated 1)`, or nothing. */
function apartNote(group: ObjectGroup): string {
  const apart = group.acknowledgedFindings + group.generatedFindings;
  return apart === 0 ? '' : ` · ${formatCount(apart)} reported apart (acknowledged ${formatCount(group.acknowledgedFindings)}, generated ${formatCount(group.generatedFindings)})`;
}

function objectSection(group: ObjectGroup, index: number): string[] {
  const counts = SEVERITIES.filter((severity) => group.bySeverity[severity] > 0)
    .map((severity) => `${formatCount(group.bySeverity[severity])} ${severity}`)
    .join(', ');
  const lines = [
    `### ${index + 1}. ${objectTitle(group)}`,
    '',
    `${markdownCode(group.path)} · ${escapeMarkdown(group.language)} · ${counted(group.loc, 'line')} · ` +
      `${counted(group.findingCount, 'finding')} (${counts || 'none listed'}) · required ${formatAmount(group.requiredEffortMinutes)} min · ` +
      `clean-up ${formatAmount(group.cleanupEffortMinutes)} min${apartNote(group)}`,
    '',
  ];
  if (group.omittedFindings > 0) lines.push(`${formatCount(group.omittedFindings)} more findings were not listed by the analyzer.`, '');
  append(
    lines,
    table(
      ['File', 'Line', 'Col', 'Severity', 'Rule', 'Variant', 'Message', 'Class', 'Effort (min)', 'Range (min)'],
      ['l', 'r', 'r', 'l', 'l', 'l', 'l', 'l', 'r', 'r'],
      group.findings.map((finding) => [
        markdownCode(finding.file, { inTable: true }),
        String(finding.line),
        String(finding.column),
        severityLabel(finding.severity),
        markdownCode(finding.ruleId, { inTable: true }),
        finding.variant === undefined ? '' : markdownCode(finding.variant, { inTable: true }),
        escapeMarkdown(finding.message),
        escapeMarkdown(chargeLabel(finding)),
        formatAmount(finding.effortMinutes),
        rangeLabel(finding.effortRange),
      ]),
    ),
  );
  lines.push('');
  return lines;
}

/** Files per encoding, then every file that is not in a Unicode encoding with its code page (all files are in the JSON format). */
function encodingSection(report: Report): string[] {
  const { byEncoding, files } = report.encodings;
  if (byEncoding.length === 0) return ['No files recorded.'];
  const lines = table(['Encoding', 'Files'], ['l', 'r'], byEncoding.map((row) => [escapeMarkdown(row.encoding), formatCount(row.files)]));
  const legacy = files.filter((file) => !isUnicode(file.encoding));
  if (legacy.length === 0) {
    lines.push('', 'Every file is in a Unicode encoding.');
    return lines;
  }
  lines.push('', 'Files decoded from a legacy code page:', '');
  append(lines, table(['File', 'Encoding'], ['l', 'l'], legacy.map((file) => [markdownCode(file.path, { inTable: true }), escapeMarkdown(encodingLabel(file, false))])));
  return lines;
}

/**
 * Renders the report as Markdown. The migration assessment section appears only when the report has assessments.
 *
 * @example
 * await writeFile('report.md', renderMarkdown(report));
 */
function renderMarkdown(report: Report): string {
  const { run } = report;
  const lines: string[] = [
    '# Upgrade impact report',
    '',
    ...table(
      ['Run', 'Value'],
      ['l', 'l'],
      [
        ['Customer', markdownCode(run.customerId, { inTable: true })],
        ['Run id', markdownCode(run.runId, { inTable: true })],
        ['Source archive', markdownCode(run.sourceArchive, { inTable: true })],
        ['Started', escapeMarkdown(run.startedAt)],
        ['Finished', escapeMarkdown(run.finishedAt)],
        ['Generated', escapeMarkdown(report.generatedAt)],
        ['Report version', String(report.reportVersion)],
      ],
    ),
    '',
    ...summarySection(report),
    '',
  ];
  if (report.assessments.length > 0) {
    lines.push('## Migration assessment', '');
    for (const assessment of report.assessments) append(lines, assessmentSection(assessment));
  }
  lines.push('## Rule packs', '');
  if (report.rulePacks.length === 0) lines.push('None recorded.');
  else {
    append(
      lines,
      table(
        ['Rule pack', 'Version', 'Language'],
        ['l', 'l', 'l'],
        report.rulePacks.map((pack) => [markdownCode(pack.id, { inTable: true }), markdownCode(pack.version, { inTable: true }), escapeMarkdown(pack.language ?? '')]),
      ),
    );
  }
  lines.push('', '## Findings by object', '');
  if (report.objects.length === 0) lines.push('No findings.', '');
  report.objects.forEach((group, index) => append(lines, objectSection(group, index)));
  lines.push('## Units not analysed', '');
  if (report.notAnalyzedUnits.length === 0) lines.push('None.');
  else {
    append(
      lines,
      table(
        ['Object', 'Path', 'Language', 'Lines', 'Reason'],
        ['l', 'l', 'l', 'r', 'l'],
        report.notAnalyzedUnits.map((unit) => [
          unit.objectName === undefined ? '' : escapeMarkdown(unit.objectType === undefined ? unit.objectName : `${unit.objectType} ${unit.objectName}`),
          markdownCode(unit.path, { inTable: true }),
          escapeMarkdown(unit.language),
          formatCount(unit.loc),
          `${markdownCode(unit.reason.code, { inTable: true })} ${escapeMarkdown(unit.reason.message)}`,
        ]),
      ),
    );
  }
  lines.push('', '## Skipped files', '');
  if (report.skippedFiles.length === 0) lines.push('None.');
  else {
    append(
      lines,
      table(
        ['Path', 'Reason', 'Detail', 'Lines'],
        ['l', 'l', 'l', 'r'],
        report.skippedFiles.map((file) => [
          markdownCode(file.path, { inTable: true }),
          escapeMarkdown(file.reason),
          escapeMarkdown(file.detail ?? ''),
          file.lines === undefined ? '' : formatCount(file.lines),
        ]),
      ),
    );
  }
  lines.push('', '## Encodings', '');
  append(lines, encodingSection(report));
  lines.push('');
  return lines.join('\n');
}

export { renderMarkdown };
