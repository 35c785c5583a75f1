// One customer's runs, newest first, with status and headline: units and lines, findings, required and clean-up
// effort (or the total), lines not analysed.
import { api, count, html, paths, statusPill, time } from '../lib.js';
import { effortCell, notAnalyzedCell } from '../headline.js';

export async function render(main, context) {
  const [customerId] = context.params;
  const draw = (runs) => {
    main.innerHTML = html`<p class="crumbs"><a href="${paths.customers()}">Runs and reports</a> /</p><h1>Customer ${customerId}</h1>
      ${runs.length === 0
        ? html`<p class="muted">No runs yet.</p>`
        : html`<table class="grid runs"><thead><tr><th>Run</th><th>Status</th><th>Started</th><th class="num">Units</th><th class="num">Lines</th><th class="num">Findings</th><th>Effort</th><th>Not analysed</th><th>Execution</th></tr></thead><tbody>
          ${runs.map(
            (run) => html`<tr data-run="${run.runId}"><td><a href="${paths.run(customerId, run.runId)}">${run.runId}</a></td><td>${statusPill(run.status)}${run.error ? html`<br><code class="bad">${run.error}</code>` : ''}</td><td>${time(run.startedAt)}</td>
              <td class="num">${count(run.headline.units)}</td><td class="num">${count(run.headline.loc)}</td><td class="num">${count(run.headline.findings)}</td>
              <td>${effortCell(run.headline)}</td><td>${notAnalyzedCell(run.headline)}</td>
              <td>${run.executionArn ? html`<a href="${paths.execution(run.executionArn)}">trace</a>` : ''}</td></tr>`,
          )}</tbody></table>`}`.toString();
  };
  let runs = await api(`/api/customers/${encodeURIComponent(customerId)}/runs`);
  draw(runs);
  context.ready();
  context.poll(async () => {
    if (!runs.some((run) => run.status === 'RUNNING')) return;
    runs = await api(`/api/customers/${encodeURIComponent(customerId)}/runs`);
    if (!context.signal.aborted) draw(runs);
  }, 2000);
}
