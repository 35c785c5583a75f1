// Executions of a state machine: status, name, customer and run (from the execution's input), start and duration;
// filtered by status, newest first, refreshed while the page is open.
import { api, duration, html, paths, query, statusPill, time } from '../lib.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

const row = (execution) => html`<tr data-execution="${execution.name}">
  <td>${statusPill(execution.status)}</td>
  <td><a href="${paths.execution(execution.executionArn)}">${execution.name}</a></td>
  <td>${execution.customerId ? html`<a href="${paths.customer(execution.customerId)}">${execution.customerId}</a>` : html`<span class="muted">–</span>`}</td>
  <td>${execution.customerId && execution.runId ? html`<a href="${paths.run(execution.customerId, execution.runId)}">${execution.runId}</a>` : html`<span class="muted">${execution.runId ?? '–'}</span>`}</td>
  <td>${time(execution.startDate)}</td>
  <td class="num">${duration(execution.durationMs)}</td>
</tr>`;

export async function render(main, context) {
  const overview = await api('/api/overview');
  const machines = overview.stateMachines;
  const selected =
    machines.find((machine) => machine.stateMachineArn === context.search.get('machine')) ??
    machines.find((machine) => machine.stateMachineArn === overview.analysisStateMachineArn) ??
    machines[0];
  const status = context.search.get('status') ?? '';
  const tabs = html`<div class="tabs">${machines.map(
    (machine) => html`<a class="tab${machine === selected ? ' active' : ''}" href="${paths.executions(machine.stateMachineArn, status)}">${machine.name}${machine.type === 'EXPRESS' ? html` <span class="muted">express</span>` : ''}</a>`,
  )}</div>`;
  const filters = html`<div class="filters">Status: ${['', ...STATUSES].map(
    (value) => html`<a class="chip${value === status ? ' active' : ''}" href="${paths.executions(selected?.stateMachineArn, value)}">${value === '' ? 'All' : value.replace('_', ' ').toLowerCase()}</a>`,
  )}</div>`;
  main.innerHTML = html`<h1>Executions</h1>${tabs}${filters}<div id="list"></div>`.toString();
  const list = main.querySelector('#list');
  if (!selected) {
    list.innerHTML = html`<p class="muted">No state machines.</p>`.toString();
    context.ready();
    return;
  }
  if (selected.type === 'EXPRESS') {
    list.innerHTML = html`<p class="muted">Express executions are not listed, as in Step Functions. The analysis map's child executions are shown with their map run on each analysis execution.</p>`.toString();
    context.ready();
    return;
  }

  let rows = [];
  let nextToken;
  let more = false;
  const draw = () => {
    list.innerHTML = (rows.length === 0
      ? html`<p class="muted">No ${status ? status.replace('_', ' ').toLowerCase() : ''} executions of ${selected.name}.</p>`
      : html`<table class="grid executions"><thead><tr><th>Status</th><th>Name</th><th>Customer</th><th>Run</th><th>Started</th><th class="num">Duration</th></tr></thead>
          <tbody>${rows.map(row)}</tbody></table>
          ${nextToken ? html`<button type="button" class="more">Load more</button>` : ''}`
    ).toString();
    list.querySelector('button.more')?.addEventListener('click', async () => {
      const page = await api(`/api/executions${query({ stateMachineArn: selected.stateMachineArn, status, nextToken })}`);
      rows = rows.concat(page.executions);
      nextToken = page.nextToken;
      more = true;
      draw();
    });
  };
  const load = async () => {
    const page = await api(`/api/executions${query({ stateMachineArn: selected.stateMachineArn, status })}`);
    if (context.signal.aborted || more) return;
    rows = page.executions;
    nextToken = page.nextToken;
    draw();
  };
  await load();
  context.ready();
  context.poll(load, 2000);
}
