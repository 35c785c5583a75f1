// A run: its status and headline, and its report, decrypted on demand with the customer's key: the charts (the
// same SVG as the HTML report), the migration assessment with its factors, severities and rules, and every object
// with its findings, each with its code excerpt and the line marked.
import { api, causeHtml, count, duration, effort, errorBox, html, paths, query, raw, severityBadge, statusPill, time } from '../lib.js';
import { headlineCards } from '../headline.js';

const SEVERITIES = ['blocker', 'critical', 'major', 'minor', 'info'];
const PAGE = 100;
/** How an effort class reads: work the conversion requires, or clean-up recommended beside it. */
const EFFORT_CLASS_LABELS = { required: 'required', cleanup: 'clean-up', mixed: 'mixed' };

const CHARTS = [
  ['effortBySeverity', 'Effort by severity (minutes)'],
  ['effortByRule', 'Effort by rule (minutes)'],
  ['findingsPerUnit', 'Findings per unit'],
  ['effortTreemap', 'Effort by folder and object'],
];

const excerptHtml = (finding) => {
  const { excerpt } = finding;
  if (excerpt.unavailable) return html`<p class="muted excerpt-missing">${excerpt.unavailable}</p>`;
  return html`<pre class="excerpt" data-file="${excerpt.file}"><code>${excerpt.lines.map(
    (line) => html`<span class="line${line.marked ? ' marked' : ''}" data-line="${line.number}"><span class="ln">${line.number}</span>${raw(line.html)}${line.marked ? html`<span class="marker" title="column ${finding.column}">◀ ${finding.ruleId}</span>` : ''}\n</span>`,
  )}</code></pre>`;
};

/** An object's findings, each with its excerpt. */
const findingsHtml = (object, findings) => html`<div class="object-findings" data-object="${object.index}">
  <p class="muted"><code>${object.path}</code> · ${object.language} · ${count(object.loc)} lines · ${count(object.findingCount)} findings · required ${effort(object.requiredEffortMinutes)}, clean-up ${effort(object.cleanupEffortMinutes)}
    ${object.omittedFindings > 0 ? html` · ${count(object.omittedFindings)} more not listed by the analyzer` : ''}</p>
  ${findings.map(
    (finding) => html`<div class="finding" data-rule="${finding.ruleId}" data-line="${finding.line}">
      <p>${severityBadge(finding.severity)} <code class="rule">${finding.ruleId}</code> ${finding.message}
        <span class="muted"> · <code>${finding.file}</code>:${finding.line}:${finding.column} · ${count(finding.effortMinutes)} min${finding.effortClass ? ` · ${EFFORT_CLASS_LABELS[finding.effortClass]}` : ''}</span></p>
      ${excerptHtml(finding)}</div>`,
  )}</div>`;

const assessmentHtml = (assessment) => {
  const recommendation = assessment.recommendation;
  return html`<div class="assessment"><h3><code>${assessment.rulePack.id}</code> <span class="muted">${assessment.rulePack.version}</span></h3>
    ${recommendation
      ? html`<p class="headline">Recommended approach: <strong>${recommendation.approach.replace(/-/g, ' ')}</strong></p>
        <p>Score ${count(recommendation.score)} against a rewrite threshold of ${count(recommendation.threshold)} (${recommendation.score <= recommendation.threshold ? 'at or below: rewrite' : 'above: hybrid upgrade'}).</p>
        ${recommendation.reasons.length > 0 ? html`<h4>Factors</h4><ol class="reasons">${recommendation.reasons.map((reason) => html`<li>${reason}</li>`)}</ol>` : ''}`
      : html`<p class="muted">No recommendation from this rule pack.</p>`}
    <p>Cross-file findings: ${count(assessment.findings)}${Object.keys(assessment.findingsByRule).length > 0 ? html` (${Object.entries(assessment.findingsByRule).map(([rule, n], index) => html`${index > 0 ? ', ' : ''}<code>${rule}</code> ${count(n)}`)})` : ''}</p>
    ${Object.keys(assessment.metrics).length > 0
      ? html`<h4>Metrics</h4><dl class="metrics">${Object.entries(assessment.metrics).map(([name, value]) => html`<div><dt><code>${name}</code></dt><dd>${count(value)}</dd></div>`)}</dl>`
      : ''}</div>`;
};

const reportHtml = (view) => {
  const { summary } = view;
  const notAnalyzedLines = summary.notAnalyzed?.lines;
  return html`<section class="report">
    <h2>Report</h2>
    <p class="muted">Decrypted with the key of ${view.run.customerId} · generated ${time(view.generatedAt)} · source <code>${view.run.sourceArchive}</code> ·
      rule packs ${view.rulePacks.map((pack, index) => html`${index > 0 ? ', ' : ''}<code>${pack.id}@${pack.version}</code>`)}</p>
    <p class="headline"><strong>${count(summary.findings)} findings</strong> in ${count(summary.impactedUnits.info)} of ${count(summary.units)} units
      (${count(summary.linesOfCode)} lines of code) ·
      required effort <strong>${effort(view.effortSplit.requiredMinutes)}</strong>, clean-up beside it ${effort(view.effortSplit.cleanupMinutes)}
      · not analysed: ${count(summary.unitsNotAnalyzed)} units${notAnalyzedLines !== undefined ? html`, <span class="warn">${count(notAnalyzedLines)} lines</span>` : ''} · ${count(summary.skippedFiles)} files skipped</p>
    <div class="charts">${CHARTS.map(([key, title]) => html`<figure class="chart-${key}"><figcaption>${title}</figcaption>${raw(view.charts[key])}</figure>`)}</div>
    ${view.assessments.length > 0 ? html`<h2>Migration assessment</h2>${view.assessments.map(assessmentHtml)}` : ''}
    <div class="two-columns">
      <div><h2>Severities</h2><table class="grid"><thead><tr><th>Severity</th><th class="num">Findings</th><th class="num">Required (min)</th><th class="num">Clean-up (min)</th><th class="num">Units</th></tr></thead><tbody>
        ${view.bySeverity.map((group) => html`<tr><td>${severityBadge(group.severity)}</td><td class="num">${count(group.count)}</td><td class="num">${count(group.requiredEffortMinutes)}</td><td class="num">${count(group.cleanupEffortMinutes)}</td><td class="num">${count(group.units)}</td></tr>`)}</tbody></table>
      <h2>Top objects by required effort</h2><table class="grid"><tbody>
        ${view.topObjects.map((entry) => html`<tr><td>${entry.index !== undefined ? html`<a href="#object-${entry.index}">${entry.title}</a>` : html`<code>${entry.unitId}</code>`}</td><td class="num">${count(entry.findings)} findings</td><td class="num">${count(entry.requiredEffortMinutes)} min<br><span class="muted">clean-up ${count(entry.cleanupEffortMinutes)}</span></td><td>${severityBadge(entry.highestSeverity)}</td></tr>`)}</tbody></table></div>
      <div><h2>Rules</h2><table class="grid rules"><thead><tr><th>Rule</th><th>Severity</th><th>Class</th><th class="num">Findings</th><th class="num">Effort (min)</th><th class="num">Units</th></tr></thead><tbody>
        ${view.byRule.map((rule) => html`<tr><td><a href="#" data-rule-filter="${rule.ruleId}"><code>${rule.ruleId}</code></a></td><td>${severityBadge(rule.severity)}</td><td>${EFFORT_CLASS_LABELS[rule.effortClass] ?? rule.effortClass}</td><td class="num">${count(rule.count)}</td><td class="num">${count(rule.effortMinutes)}</td><td class="num">${count(rule.units)}</td></tr>`)}</tbody></table></div>
    </div>
    <h2 id="objects">Objects with findings <span class="muted">${count(view.objects)}</span></h2>
    <div id="object-focus"></div>
    <form class="filters object-filters" autocomplete="off">
      <input type="search" name="q" placeholder="Filter by path or object name">
      <select name="severity"><option value="">any severity</option>${SEVERITIES.map((severity) => html`<option value="${severity}">${severity}</option>`)}</select>
      <select name="rule"><option value="">any rule</option>${view.byRule.map((rule) => html`<option value="${rule.ruleId}">${rule.ruleId}</option>`)}</select>
    </form>
    <div id="object-list"></div>
    <details class="lists"><summary>Units not analysed: ${count(view.notAnalyzedUnits.total)}</summary>
      <table class="grid"><tbody>${view.notAnalyzedUnits.rows.map((unit) => html`<tr><td><code>${unit.path}</code></td><td>${unit.language}</td><td><code>${unit.reason.code}</code> ${unit.reason.message}</td></tr>`)}</tbody></table>
      ${view.notAnalyzedUnits.total > view.notAnalyzedUnits.rows.length ? html`<p class="muted">First ${count(view.notAnalyzedUnits.rows.length)}.</p>` : ''}</details>
    <details class="lists"><summary>Files skipped: ${count(view.skippedFiles.total)}</summary>
      <table class="grid"><tbody>${view.skippedFiles.rows.map((file) => html`<tr><td><code>${file.path}</code></td><td>${file.reason}</td></tr>`)}</tbody></table>
      ${view.skippedFiles.total > view.skippedFiles.rows.length ? html`<p class="muted">First ${count(view.skippedFiles.rows.length)}.</p>` : ''}</details>
  </section>`;
};

const objectRow = (object) => html`<tr class="object-row" data-index="${object.index}" tabindex="0"><td>${severityBadge(object.highestSeverity)}</td><td><strong>${object.title}</strong><br><code class="muted">${object.path}</code></td>
  <td class="num">${count(object.loc)}</td><td class="num">${count(object.findingCount)}</td><td class="num">${count(object.requiredEffortMinutes)}<br><span class="muted">${count(object.cleanupEffortMinutes)}</span></td>
  <td>${SEVERITIES.filter((severity) => object.bySeverity[severity] > 0).map((severity) => html`<span class="sev-count sev-${severity}">${object.bySeverity[severity]}</span>`)}</td></tr>`;

const reportPath = (customerId, runId) => `/api/runs/${encodeURIComponent(customerId)}/${encodeURIComponent(runId)}/report`;

async function showReport(section, customerId, runId, context, loading, firstPage) {
  const base = reportPath(customerId, runId);
  const view = await loading;
  if (context.signal.aborted) return;
  section.innerHTML = reportHtml(view).toString();
  const list = section.querySelector('#object-list');
  const form = section.querySelector('form.object-filters');
  let offset = 0;

  let first = firstPage;
  const loadObjects = async () => {
    const filters = Object.fromEntries(new FormData(form));
    // The first page was asked for with the report itself (no filter yet).
    const page = await (first ?? api(`${base}/objects${query({ ...filters, offset, limit: PAGE })}`));
    first = undefined;
    if (context.signal.aborted) return;
    list.innerHTML = html`${page.total === 0
      ? html`<p class="muted">No objects match.</p>`
      : html`<table class="grid objects"><thead><tr><th></th><th>Object</th><th class="num">Lines</th><th class="num">Findings</th><th class="num">Required / clean-up (min)</th><th>By severity</th></tr></thead>
        <tbody>${page.rows.map(objectRow)}</tbody></table>
        <p class="pager">${offset > 0 ? html`<button type="button" data-page="-1">Previous</button>` : ''} ${count(offset + 1)}–${count(offset + page.rows.length)} of ${count(page.total)}
          ${offset + page.rows.length < page.total ? html`<button type="button" data-page="1">Next</button>` : ''}</p>`}`.toString();
  };
  const objectPath = (index) => `${base}/objects/${index}`;
  const toggleRow = async (row) => {
    const next = row.nextElementSibling;
    if (next?.classList.contains('object-detail')) {
      next.remove();
      row.classList.remove('open');
      return;
    }
    row.classList.add('open');
    const detail = document.createElement('tr');
    detail.className = 'object-detail';
    detail.innerHTML = html`<td colspan="6"><p class="muted">Reading the unit…</p></td>`.toString();
    row.after(detail);
    const { object, findings } = await api(objectPath(row.dataset.index));
    detail.innerHTML = html`<td colspan="6">${findingsHtml(object, findings)}</td>`.toString();
  };
  const focusObject = async (index) => {
    const focus = section.querySelector('#object-focus');
    focus.innerHTML = html`<p class="muted">Reading the unit…</p>`.toString();
    focus.scrollIntoView({ block: 'start' });
    const { object, findings } = await api(objectPath(index));
    focus.innerHTML = html`<div class="focus"><h3>${object.title} <button type="button" class="close" aria-label="close">×</button></h3>${findingsHtml(object, findings)}</div>`.toString();
  };

  section.addEventListener(
    'click',
    (event) => {
      const target = event.target;
      const anchor = target.closest?.('a[href^="#object-"]');
      if (anchor) {
        event.preventDefault();
        void focusObject(Number(anchor.getAttribute('href').slice('#object-'.length)));
        return;
      }
      const ruleLink = target.closest?.('a[data-rule-filter]');
      if (ruleLink) {
        event.preventDefault();
        form.elements.rule.value = ruleLink.dataset.ruleFilter;
        offset = 0;
        void loadObjects().then(() => section.querySelector('#objects').scrollIntoView({ block: 'start' }));
        return;
      }
      if (target.closest?.('button.close')) {
        section.querySelector('#object-focus').innerHTML = '';
        return;
      }
      const pageButton = target.closest?.('button[data-page]');
      if (pageButton) {
        offset = Math.max(0, offset + Number(pageButton.dataset.page) * PAGE);
        void loadObjects();
        return;
      }
      const row = target.closest?.('tr.object-row');
      if (row) void toggleRow(row);
    },
    { signal: context.signal },
  );
  section.addEventListener(
    'keydown',
    (event) => {
      const row = event.target.closest?.('tr.object-row');
      if (row && event.key === 'Enter') void toggleRow(row);
    },
    { signal: context.signal },
  );
  let typing;
  form.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      offset = 0;
      void loadObjects();
    }, 200);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  await loadObjects();
}

export async function render(main, context) {
  const [customerId, runId] = context.params;
  const runPath = `/api/runs/${encodeURIComponent(customerId)}/${encodeURIComponent(runId)}`;
  // The report is asked for at once, beside the run: decrypting it is the page's longest step.
  const ask = () => {
    const view = api(reportPath(customerId, runId));
    const objects = api(`${reportPath(customerId, runId)}/objects${query({ offset: 0, limit: PAGE })}`);
    view.catch(() => undefined);
    objects.catch(() => undefined);
    return { view, objects };
  };
  let reportLoading = ask();
  let run = await api(runPath);

  const draw = async () => {
    const ended = run.endedAt ? new Date(run.endedAt) - new Date(run.startedAt) : undefined;
    main.innerHTML = html`<p class="crumbs"><a href="${paths.customers()}">Runs and reports</a> / <a href="${paths.customer(customerId)}">${customerId}</a> /</p>
      <h1>Run ${runId} ${statusPill(run.status)}</h1>
      <p class="facts">Customer ${customerId} · started ${time(run.startedAt)}${ended !== undefined ? html` · took ${duration(ended)}` : ''}
        ${run.executionArn ? html` · <a href="${paths.execution(run.executionArn)}">execution</a>` : ''}
        · <a href="${paths.function('AnalyzeUnitsFunction', `${customerId}/${runId}`)}">function logs of this run</a></p>
      ${run.status === 'FAILED' ? html`<div class="error-box run-error"><strong>${run.error ?? 'Failed'}</strong>${causeHtml(run.cause)}</div>` : ''}
      ${run.status === 'RUNNING' ? html`<p class="running-note">The run is in progress; this page follows it.</p>` : ''}
      ${headlineCards(run.headline)}
      <div id="report">${run.hasReport ? html`<p class="muted">Decrypting the report with the key of ${customerId}…</p>` : run.status === 'PUBLISHED' ? '' : html`<p class="muted">No report: the run ${run.status === 'RUNNING' ? 'has not published one yet' : 'did not publish one'}.</p>`}</div>`.toString();
    if (run.hasReport) {
      try {
        await showReport(main.querySelector('#report'), customerId, runId, context, reportLoading.view, reportLoading.objects);
      } catch (error) {
        if (!context.signal.aborted) main.querySelector('#report').innerHTML = errorBox(error).toString();
      }
    }
  };
  await draw();
  context.ready();
  context.poll(async () => {
    if (run.status !== 'RUNNING') return;
    const next = await api(runPath);
    if (context.signal.aborted || next.status === run.status) return;
    run = next;
    reportLoading = ask();
    await draw();
  }, 2000);
}
