// Customers on this machine, each with its status, number of runs and latest run.
import { api, count, html, paths, statusPill, time } from '../lib.js';
import { effortCell } from '../headline.js';

export async function render(main, context) {
  const customers = await api('/api/customers');
  main.innerHTML = html`<h1>Runs and reports</h1>
    ${customers.length === 0
      ? html`<p class="muted">No customers yet: <code>npm start</code> onboards the demo customer and runs an analysis.</p>`
      : html`<table class="grid customers"><thead><tr><th>Customer</th><th>Status</th><th class="num">Runs</th><th>Latest run</th><th>Started</th><th>Findings</th><th>Effort</th></tr></thead><tbody>
        ${customers.map((customer) => {
          const last = customer.lastRun;
          return html`<tr data-customer="${customer.customerId}"><td><a href="${paths.customer(customer.customerId)}">${customer.customerId}</a></td><td>${statusPill(customer.status)}</td>
            <td class="num">${count(customer.runs)}</td>
            <td>${last ? html`<a href="${paths.run(customer.customerId, last.runId)}">${last.runId}</a> ${statusPill(last.status)}` : html`<span class="muted">none</span>`}</td>
            <td>${last ? time(last.startedAt) : ''}</td><td class="num">${last ? count(last.headline.findings) : ''}</td><td>${last ? effortCell(last.headline) : ''}</td></tr>`;
        })}</tbody></table>`}`.toString();
  context.ready();
}
