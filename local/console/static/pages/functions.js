// The template's functions with their configuration and the totals of their logged invocations.
import { api, count, duration, html, paths } from '../lib.js';

export async function render(main, context) {
  const functions = await api('/api/functions');
  main.innerHTML = html`<h1>Functions</h1>
    <table class="grid functions"><thead><tr><th>Function</th><th>Runtime</th><th class="num">Memory</th><th class="num">Timeout</th><th class="num">Invocations</th><th class="num">Cold starts</th><th class="num">Errors</th><th class="num">Average</th><th class="num">Longest</th></tr></thead><tbody>
    ${functions.map(
      (fn) => html`<tr data-function="${fn.logicalId}"><td><a href="${paths.function(fn.logicalId)}">${fn.logicalId}</a><br><span class="muted">${fn.functionName}</span></td><td>${fn.runtime}</td>
        <td class="num">${count(fn.memoryMb)} MB</td><td class="num">${count(fn.timeoutSeconds)} s</td><td class="num">${count(fn.invocations)}</td><td class="num">${count(fn.coldStarts)}</td>
        <td class="num${fn.errors > 0 ? ' bad' : ''}">${count(fn.errors)}</td><td class="num">${duration(fn.averageMs)}</td><td class="num">${duration(fn.maxMs)}</td></tr>`,
    )}</tbody></table>
    <p class="muted">From each function's log under the state directory (<code>logs/&lt;LogicalId&gt;.log</code>): the platform's REPORT lines and the functions' Powertools lines.</p>`.toString();
  context.ready();
}
