// One function: its recent invocations (duration, cold start, memory, outcome, run) and its structured log lines,
// all of them or one run's.
import { api, count, duration, html, paths, query, raw, statusPill, time } from '../lib.js';

const fieldsText = (fields) => {
  const shown = Object.entries(fields).filter(([key]) => !['service', 'sampling_rate', 'function_arn', 'function_name', 'xray_trace_id'].includes(key));
  return shown.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join('  ');
};

/** Rows drawn at first: a person reads the newest; the rest are a click away. */
const FIRST_ROWS = 100;

export async function render(main, context) {
  const [logicalId] = context.params;
  let all = false;
  const run = context.search.get('run') ?? '';
  const load = () => api(`/api/functions/${encodeURIComponent(logicalId)}${query({ run })}`);
  const draw = (detail) => {
    const fn = detail.function;
    const runs = detail.runs.map((ref) => `${ref.customerId}/${ref.runId}`);
    if (run && !runs.includes(run)) runs.unshift(run);
    main.innerHTML = html`<p class="crumbs"><a href="${paths.functions()}">Functions</a> /</p><h1>${fn.logicalId}</h1>
      <p class="facts">${fn.functionName} · ${fn.runtime} · ${count(fn.memoryMb)} MB · timeout ${count(fn.timeoutSeconds)} s · ${count(fn.invocations)} invocations logged, ${count(fn.coldStarts)} cold starts, ${count(fn.errors)} errors</p>
      <form class="filters run-filter">Run: <select name="run"><option value="">all runs</option>${runs.map((ref) => html`<option value="${ref}"${ref === run ? raw(' selected') : ''}>${ref}</option>`)}</select></form>
      <h2>Invocations <span class="muted">${run ? `of run ${run}: ` : ''}${count(detail.totalInvocations)}</span></h2>
      ${detail.invocations.length === 0
        ? html`<p class="muted">None logged${run ? ' for this run' : ''}.</p>`
        : html`<table class="grid invocations"><thead><tr><th>Time</th><th>Request</th><th>Run</th><th>Outcome</th><th class="num">Duration</th><th>Cold start</th><th class="num">Memory used / size</th></tr></thead><tbody>
          ${(all ? detail.invocations : detail.invocations.slice(0, FIRST_ROWS)).map(
            (invocation) => html`<tr><td>${time(invocation.timestamp)}</td><td><code>${invocation.requestId.slice(0, 8)}</code></td>
              <td>${invocation.customerId && invocation.runId ? html`<a href="${paths.run(invocation.customerId, invocation.runId)}">${invocation.customerId}/${invocation.runId}</a>` : html`<span class="muted">–</span>`}</td>
              <td>${statusPill(invocation.status)}${invocation.errorName ? html` <code>${invocation.errorName}</code>` : ''}</td>
              <td class="num">${duration(invocation.durationMs)}</td><td>${invocation.coldStart ? html`yes${invocation.initMs !== undefined ? html` <span class="muted">(init ${duration(invocation.initMs)})</span>` : ''}` : html`<span class="muted">no</span>`}</td>
              <td class="num">${invocation.maxMemoryUsedMb !== undefined ? `${count(invocation.maxMemoryUsedMb)} MB` : '–'} / ${invocation.memorySizeMb !== undefined ? `${count(invocation.memorySizeMb)} MB` : '–'}</td></tr>`,
          )}</tbody></table>${detail.totalInvocations > detail.invocations.length ? html`<p class="muted">Newest ${count(detail.invocations.length)} shown.</p>` : ''}`}
      <h2>Log lines <span class="muted">${count(detail.totalLines)}</span></h2>
      ${detail.lines.length === 0
        ? html`<p class="muted">No structured lines${run ? ' for this run' : ''}.</p>`
        : html`<table class="grid log-lines"><thead><tr><th>Time</th><th>Level</th><th>Message</th><th>Run</th><th>Fields</th></tr></thead><tbody>
          ${(all ? detail.lines : detail.lines.slice(0, FIRST_ROWS)).map(
            (line) => html`<tr class="level-${line.level.toLowerCase()}"><td>${time(line.timestamp)}</td><td>${line.level}</td><td>${line.message}</td>
              <td>${line.customerId ? `${line.customerId}/${line.runId ?? ''}` : ''}</td><td><code class="fields">${fieldsText(line.fields)}</code></td></tr>`,
          )}</tbody></table>`}
      ${!all && (detail.invocations.length > FIRST_ROWS || detail.lines.length > FIRST_ROWS) ? html`<p><button type="button" class="show-all">Show all ${count(detail.invocations.length)} invocations and ${count(detail.lines.length)} lines</button></p>` : ''}
      ${detail.others.length > 0 ? html`<details class="lists"><summary>Other output (${count(detail.others.length)} lines, not structured)</summary><pre>${detail.others.join('\n')}</pre></details>` : ''}`.toString();
    main.querySelector('button.show-all')?.addEventListener('click', () => {
      all = true;
      draw(detail);
    });
    main.querySelector('form.run-filter select').addEventListener('change', (event) => {
      // A new URL, so the filter can be linked to and the back button undoes it.
      window.history.pushState(null, '', paths.function(logicalId, event.target.value));
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
  };
  draw(await load());
  context.ready();
}
