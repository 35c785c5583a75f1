// One execution: its definition drawn as a graph and coloured by what happened, the clicked state's input, output
// and error as the history holds them, the map runs with their item counts and failed items, and the event history.
// A running execution is read again every second.
import { api, causeHtml, count, duration, html, paths, prettyJson, statusPill, time } from '../lib.js';
import { STATUS_LABELS, graphSvg, legend } from '../graph.js';

const ITEM_COUNTS = ['total', 'succeeded', 'failed', 'running', 'pending', 'timedOut', 'aborted'];
const OCCURRENCES_SHOWN = 20;
const EVENTS_SHOWN = 2000;

const countLabel = (key) => key.replace(/([A-Z])/g, ' $1').toLowerCase();

const payload = (label, text) =>
  text === undefined || text === null ? '' : html`<details class="payload"><summary>${label} <span class="muted">${count(String(text).length)} characters</span></summary><pre>${prettyJson(text)}</pre></details>`;

/** A stacked bar of a map run's item counts (SVG: the page's policy allows no inline styles). */
const countsBar = (counts) => {
  const total = counts.total || 1;
  let x = 0;
  const segments = ['succeeded', 'failed', 'timedOut', 'aborted', 'running', 'pending'].map((key) => {
    const width = ((counts[key] ?? 0) / total) * 1000;
    const segment = width > 0 ? html`<rect class="seg seg-${key}" x="${x}" y="0" width="${width}" height="14"><title>${count(counts[key])} ${countLabel(key)}</title></rect>` : '';
    x += width;
    return segment;
  });
  return html`<svg class="counts-bar" viewBox="0 0 1000 14" preserveAspectRatio="none" role="img" aria-label="item counts">${segments}</svg>`;
};

const countsTable = (counts) =>
  html`<table class="grid counts"><tr>${ITEM_COUNTS.map((key) => html`<th class="num">${countLabel(key)}</th>`)}</tr>
    <tr>${ITEM_COUNTS.map((key) => html`<td class="num" data-count="${key}">${count(counts[key] ?? 0)}</td>`)}</tr></table>`;

/** The counts as one line of figures (the narrow details pane has no room for a table). */
const countsLine = (counts) =>
  html`<p class="counts-line">${ITEM_COUNTS.filter((key) => key === 'total' || (counts[key] ?? 0) > 0 || key === 'failed').map(
    (key) => html`<span class="count count-${key}" data-count="${key}"><strong>${count(counts[key] ?? 0)}</strong> ${countLabel(key)}</span>`,
  )}</p>`;

const itemsOf = (items) =>
  items.length === 0
    ? html`<span class="muted">–</span>`
    : html`<ul class="items">${items.map((item) => html`<li><code>${item.path ?? item.unitId ?? '?'}</code>${item.objectName ? html` <span class="muted">${item.objectName}</span>` : ''}</li>`)}</ul>`;

const mapRunSection = (run) => html`<section class="map-run" data-map-run="${run.state ?? ''}">
  <h3>Map run${run.state ? html` of <em>${run.state}</em>` : ''} ${statusPill(run.status)}</h3>
  <p class="muted">Started ${time(run.startDate)}${run.stopDate ? html` · ended ${time(run.stopDate)} · ${duration(new Date(run.stopDate) - new Date(run.startDate))}` : ''}
    · max concurrency ${run.maxConcurrency ?? '–'} · tolerated failures ${run.toleratedFailurePercentage ?? 0} % / ${run.toleratedFailureCount ?? 0}</p>
  ${countsBar(run.itemCounts)}
  <h4>Items</h4>${countsTable(run.itemCounts)}
  <h4>Child executions</h4>${countsTable(run.executionCounts)}
  ${run.failures.length === 0
    ? html`<p class="muted">No failed items.</p>`
    : html`<h4>Failed items</h4><table class="grid failures"><thead><tr><th>Child execution</th><th>Status</th><th>Units</th><th>Reason</th></tr></thead><tbody>
        ${run.failures.map((failure) => html`<tr><td><code>${failure.execution}</code></td><td>${statusPill(failure.status)}</td><td>${itemsOf(failure.items)}</td>
          <td><strong>${failure.error ?? ''}</strong>${causeHtml(failure.cause)}</td></tr>`)}
      </tbody></table>${run.moreFailures > 0 ? html`<p class="muted">… and ${count(run.moreFailures)} more failed child executions.</p>` : ''}`}
</section>`;

const stateDetails = (detail, name) => {
  if (!name) return html`<p class="muted">Click a state to see its input, output and error.</p>`;
  const node = detail.graph.nodes.find((candidate) => candidate.id === name);
  const record = detail.states[name];
  const status = record?.status ?? 'not-reached';
  const parent = detail.graph.parents[name];
  const parentNode = parent ? detail.graph.nodes.find((candidate) => candidate.id === parent) : undefined;
  const run = detail.mapRuns.find((candidate) => candidate.state === name || (parentNode?.distributed && candidate.state === parent));
  const occurrences = record?.occurrences ?? [];
  return html`<h2 class="state-name">${name}</h2>
    <p>${statusPill(STATUS_LABELS[status])} <span class="muted">${node?.type ?? ''}${node?.resource ? html` · <code>${node.resource}</code>` : ''}</span></p>
    ${run ? html`<div class="map-counts"><h3>${parentNode?.distributed && run.state === parent ? 'Items of its map run' : 'Map run items'}</h3>${countsBar(run.itemCounts)}${countsLine(run.itemCounts)}
      ${run.failures.length > 0 ? html`<p><a href="#map-runs">${count(run.failures.length + run.moreFailures)} failed child executions</a></p>` : ''}</div>` : ''}
    ${parentNode?.distributed ? html`<p class="muted">This state runs in the map run's child executions; their outcome is the map run's item counts.</p>` : ''}
    ${occurrences.length === 0 && !parentNode?.distributed ? html`<p class="muted">Not reached in this execution.</p>` : ''}
    ${occurrences.slice(0, OCCURRENCES_SHOWN).map(
      (occurrence, index) => html`<div class="occurrence status-${occurrence.status}">
        <h3>${occurrences.length > 1 ? `#${index + 1} ` : ''}${STATUS_LABELS[occurrence.status]}</h3>
        <p class="muted">Entered ${time(occurrence.startedAt)}${occurrence.endedAt ? html` · ${duration(new Date(occurrence.endedAt) - new Date(occurrence.startedAt))}` : ''}${occurrence.retries > 0 ? html` · retried ${occurrence.retries}×` : ''}</p>
        ${occurrence.error ? html`<div class="error-box"><strong>${occurrence.error}</strong>${causeHtml(occurrence.cause)}</div>` : ''}
        ${occurrence.retriedErrors.map((retried) => html`<p class="muted">Retried after <code>${retried.error ?? '?'}</code></p>`)}
        ${payload('Input', occurrence.input)}${payload('Output', occurrence.output)}
      </div>`,
    )}
    ${occurrences.length > OCCURRENCES_SHOWN ? html`<p class="muted">… and ${count(occurrences.length - OCCURRENCES_SHOWN)} more times entered.</p>` : ''}`;
};

/** The state where the execution's error first happened (before a Catch carried it to a Fail state). */
const originOf = (detail) => {
  const { error } = detail.execution;
  if (!error) return undefined;
  let first;
  for (const record of Object.values(detail.states)) {
    for (const occurrence of record.occurrences) {
      if (occurrence.error === error && (!first || occurrence.enteredEventId < first.enteredEventId)) first = { name: record.name, enteredEventId: occurrence.enteredEventId };
    }
  }
  return first?.name;
};

const historyTable = (events) => html`<table class="grid history"><thead><tr><th class="num">ID</th><th>Type</th><th>Step</th><th class="num">Elapsed</th><th>Time</th><th>Details</th></tr></thead><tbody>
  ${events.slice(0, EVENTS_SHOWN).map(
    (event) => html`<tr class="${/(Failed|TimedOut|Aborted)$/.test(event.type) ? 'bad' : ''}"><td class="num">${event.id}</td><td><code>${event.type}</code></td><td>${event.state ?? ''}</td>
      <td class="num">${duration(event.elapsedMs)}</td><td>${time(event.timestamp)}</td>
      <td>${event.details ? html`<details><summary>show</summary><pre>${prettyJson(event.details)}</pre></details>` : ''}</td></tr>`,
  )}</tbody></table>${events.length > EVENTS_SHOWN ? html`<p class="muted">First ${count(EVENTS_SHOWN)} of ${count(events.length)} events.</p>` : ''}`;

export async function render(main, context) {
  const [executionArn] = context.params;
  let detail = await api(`/api/executions/${encodeURIComponent(executionArn)}`);
  let selected = context.search.get('state') ?? undefined;

  const draw = () => {
    const { execution } = detail;
    const origin = originOf(detail);
    main.innerHTML = html`<h1>${execution.name} ${statusPill(execution.status)}</h1>
      <p class="facts">State machine <a href="${paths.executions(execution.stateMachineArn)}">${execution.stateMachineName}</a>
        ${execution.customerId ? html` · customer <a href="${paths.customer(execution.customerId)}">${execution.customerId}</a>` : ''}
        ${execution.customerId && execution.runId ? html` · run <a href="${paths.run(execution.customerId, execution.runId)}">${execution.runId}</a>` : ''}
        · started ${time(execution.startDate)} · ${execution.status === 'RUNNING' ? 'running for' : 'took'} ${duration(execution.durationMs)}</p>
      ${execution.error ? html`<div class="error-box execution-error"><strong>${execution.error}</strong>${origin ? html` in <a href="#" data-select-state="${origin}">${origin}</a>` : ''}${causeHtml(execution.cause)}</div>` : ''}
      <div class="execution-layout">
        <section class="graph-pane">${legend()}<div class="graph">${graphSvg(detail.graph, detail.states, selected)}</div></section>
        <aside class="details-pane" id="state-details">${stateDetails(detail, selected)}</aside>
      </div>
      <section id="map-runs"><h2>Map runs</h2>${detail.mapRuns.length === 0 ? html`<p class="muted">None.</p>` : detail.mapRuns.map(mapRunSection)}</section>
      <section><h2>Execution input and output</h2>${payload('Input', execution.input)}${payload('Output', execution.output)}</section>
      <section><h2>Event history <span class="muted">${count(detail.events.length)} events</span></h2>${historyTable(detail.events)}</section>`.toString();
  };

  const select = (name) => {
    selected = name;
    for (const node of main.querySelectorAll('g.node.state')) node.classList.toggle('selected', node.dataset.state === name);
    main.querySelector('#state-details').innerHTML = stateDetails(detail, name).toString();
    const url = new URL(window.location.href);
    url.searchParams.set('state', name);
    window.history.replaceState(null, '', url);
  };
  main.addEventListener(
    'click',
    (event) => {
      const node = event.target.closest?.('g.node.state');
      if (node) select(node.dataset.state);
      const link = event.target.closest?.('a[data-select-state]');
      if (link) {
        event.preventDefault();
        select(link.dataset.selectState);
        main.querySelector('.graph-pane').scrollIntoView({ block: 'start' });
      }
    },
    { signal: context.signal },
  );
  main.addEventListener('keydown', (event) => {
    const node = event.target.closest?.('g.node.state');
    if (node && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      select(node.dataset.state);
    }
  }, { signal: context.signal });

  draw();
  context.ready();
  context.poll(async () => {
    if (detail.execution.status !== 'RUNNING') return;
    const next = await api(`/api/executions/${encodeURIComponent(executionArn)}`);
    if (context.signal.aborted) return;
    detail = next;
    const scroll = window.scrollY;
    draw();
    window.scrollTo(0, scroll);
  }, 1000);
}

