// Draws a laid-out state graph (the console's /api/executions/<arn> `graph`) as SVG: states coloured by what
// happened, Map and Parallel states as boxes around their own states, arrows for Next, Choice rules, Default and Catch.
import { html } from './lib.js';

const STATUS_LABELS = {
  succeeded: 'Succeeded',
  retried: 'Succeeded after retries',
  caught: 'Caught error',
  failed: 'Failed',
  running: 'In progress',
  aborted: 'Aborted',
  'not-reached': 'Not reached',
};

export const legend = () =>
  html`<ul class="legend">${Object.entries(STATUS_LABELS).map(([status, label]) => html`<li><span class="swatch status-${status}"></span>${label}</li>`)}</ul>`;

const fixed = (value) => Math.round(value * 10) / 10;

/** A B-spline through dagre's control points (the curve d3's curveBasis draws). */
const curve = (points) => {
  if (points.length < 3) return `M${points.map((point) => `${fixed(point.x)},${fixed(point.y)}`).join('L')}`;
  let d = '';
  let x0;
  let y0;
  let x1;
  let y1;
  let count = 0;
  const bezier = (x, y) => {
    d += `C${fixed((2 * x0 + x1) / 3)},${fixed((2 * y0 + y1) / 3)} ${fixed((x0 + 2 * x1) / 3)},${fixed((y0 + 2 * y1) / 3)} ${fixed((x0 + 4 * x1 + x) / 6)},${fixed((y0 + 4 * y1 + y) / 6)}`;
  };
  for (const { x, y } of points) {
    if (count === 0) d += `M${fixed(x)},${fixed(y)}`;
    else if (count === 2) {
      d += `L${fixed((5 * x0 + x1) / 6)},${fixed((5 * y0 + y1) / 6)}`;
      bezier(x, y);
    } else if (count > 2) bezier(x, y);
    count += 1;
    x0 = x1;
    y0 = y1;
    x1 = x;
    y1 = y;
  }
  bezier(x1, y1);
  d += `L${fixed(x1)},${fixed(y1)}`;
  return d;
};

const box = (node) => ({ x: fixed(node.x - node.width / 2), y: fixed(node.y - node.height / 2), width: fixed(node.width), height: fixed(node.height) });

const groupLabel = (group) => (group.kind === 'branch' ? group.label : group.kind === 'map' ? 'Map' : 'Parallel');

/** The SVG of a graph; `states` maps a state name to its record (status, occurrences). */
export const graphSvg = (graph, states, selected) => {
  const groups = graph.groups.map((group) => {
    const b = box(group);
    const distributed = graph.nodes.find((node) => node.id === group.state)?.distributed;
    return html`<g class="group group-${group.kind}"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="8"></rect>
      <text x="${b.x + 8}" y="${b.y + 13}">${groupLabel(group)}${group.kind === 'map' && distributed ? ' · distributed' : ''}</text></g>`;
  });
  const edges = graph.edges.map((edge) => {
    if (edge.points.length === 0) return '';
    const middle = edge.points[Math.floor(edge.points.length / 2)];
    return html`<g class="edge edge-${edge.kind}">${edge.title ? html`<title>${edge.title}</title>` : ''}<path d="${curve(edge.points)}" marker-end="url(#arrow)"></path>
      ${edge.label ? html`<text x="${fixed(middle.x)}" y="${fixed(middle.y + 4)}" text-anchor="middle">${edge.label}</text>` : ''}</g>`;
  });
  const nodes = graph.nodes.map((node) => {
    const b = box(node);
    if (node.kind === 'join') return html`<circle class="join" cx="${fixed(node.x)}" cy="${fixed(node.y)}" r="3"></circle>`;
    if (node.kind !== 'state') {
      return html`<g class="node terminal"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="${b.height / 2}"></rect>
        <text x="${fixed(node.x)}" y="${fixed(node.y + 4)}" text-anchor="middle">${node.label}</text></g>`;
    }
    const status = states[node.id]?.status ?? 'not-reached';
    const sub = node.resource ?? (node.type === 'Map' && node.distributed ? 'Map · distributed' : node.type);
    return html`<g class="node state status-${status}${node.id === selected ? ' selected' : ''}" data-state="${node.id}" data-status="${status}" tabindex="0" role="button" aria-label="${node.id}: ${STATUS_LABELS[status]}">
      <title>${node.id} · ${STATUS_LABELS[status]}</title>
      <rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="6"></rect>
      <text class="name" x="${fixed(node.x)}" y="${fixed(node.y - 2)}" text-anchor="middle">${node.label}</text>
      <text class="sub" x="${fixed(node.x)}" y="${fixed(node.y + 12)}" text-anchor="middle">${sub}</text></g>`;
  });
  return html`<svg class="state-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${graph.width} ${graph.height}" width="${graph.width}" height="${graph.height}" role="group" aria-label="State machine graph">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"></path></marker></defs>
    ${groups}${edges}${nodes}</svg>`;
};

export { STATUS_LABELS };
