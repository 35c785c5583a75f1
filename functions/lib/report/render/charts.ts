/**
 * The report's charts as inline SVG: effort by severity, effort by rule, a treemap of effort by folder (the abapGit
 * package) and object, and units by number of findings. Plain markup, no script: the self-contained HTML report shows
 * them under its script-free policy, and the local console shows the very same markup. Every customer string (paths,
 * object names) is escaped; tooltips are SVG `<title>` elements, so they need no script either.
 *
 * Bars are a few lines of SVG; the treemap's squarified layout is d3-hierarchy's (the layout d3 itself uses).
 */
import { hierarchy, treemap, treemapSquarify, type HierarchyRectangularNode } from 'd3-hierarchy';
import type { Finding, ObjectGroup, Report, Severity } from '../types';
import { escapeHtml, formatAmount, formatCount, severityLabel } from './text';

/** Fill colour of each severity, the report's badge colours. */
const SEVERITY_COLORS: Record<Severity, string> = {
  blocker: '#82071e',
  critical: '#cf222e',
  major: '#bc4c00',
  minor: '#9a6700',
  info: '#57606a',
};

/** One bar: a label, its value split into required and clean-up effort. */
type Bar = { label: string; value: number; cleanup: number; color: string; note: string; mono?: boolean };

/** The four charts of a report, each an `<svg>` element. */
type ReportCharts = {
  effortBySeverity: string;
  effortByRule: string;
  effortTreemap: string;
  findingsPerUnit: string;
};

/** Options of {@link reportCharts}. */
type ChartOptions = {
  /** Rules shown as bars; the rest are summed into one bar. @default 15 */
  topRules?: number;
  /** Objects drawn as their own treemap tiles; the rest of each folder is one tile. @default 250 */
  treemapObjects?: number;
  /** Link of an object's treemap tile, from its 0-based index in `report.objects`. @default `#object-<index + 1>` */
  objectHref?: (index: number) => string;
};

const WIDTH = 640;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12"';
/** Average advance of a character at 11-12 px in a sans-serif face: enough to decide whether a label fits. */
const CHAR_WIDTH = 6.6;
/** Object names are mostly capitals, which run wider. */
const TILE_CHAR_WIDTH = 7.4;

const fit = (text: string, width: number, charWidth = CHAR_WIDTH): string => {
  const room = Math.floor(width / charWidth);
  if (room < 2) return '';
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1))}…`;
};

/** The treemap spans the page: it gets a wider canvas, so its labels stay the size of the other charts'. */
const TREEMAP_WIDTH = 1120;

const svgOpen = (height: number, label: string, width = WIDTH): string =>
  `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}" ${FONT}>`;

const emptyChart = (label: string, message: string): string =>
  `${svgOpen(40, label)}<text x="8" y="24" fill="#57606a">${escapeHtml(message)}</text></svg>`;

/** Horizontal bars, label on the left, value on the right; clean-up effort drawn lighter after the required part. */
function horizontalBars(bars: readonly Bar[], label: string, unit: string): string {
  if (bars.every((bar) => bar.value === 0)) return emptyChart(label, 'No effort.');
  const labelWidth = 230;
  const valueWidth = 110;
  const barArea = WIDTH - labelWidth - valueWidth - 16;
  const rowHeight = 22;
  const max = Math.max(...bars.map((bar) => bar.value));
  const rows = bars.map((bar, index) => {
    const y = 6 + index * rowHeight;
    const total = Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * barArea);
    const required = bar.value === 0 ? 0 : total * ((bar.value - bar.cleanup) / bar.value);
    const tip = `${bar.label}: ${formatAmount(bar.value)} ${unit}${bar.cleanup > 0 ? ` (${formatAmount(bar.value - bar.cleanup)} required, ${formatAmount(bar.cleanup)} clean-up)` : ''}${bar.note}`;
    return (
      `<g class="bar"><title>${escapeHtml(tip)}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end"${bar.mono ? ' font-family="ui-monospace, Menlo, monospace" font-size="11"' : ''}>${escapeHtml(fit(bar.label, labelWidth - 12))}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${required.toFixed(1)}" height="${rowHeight - 6}" fill="${bar.color}" rx="2"></rect>` +
      (bar.cleanup > 0
        ? `<rect x="${(labelWidth + required).toFixed(1)}" y="${y + 3}" width="${(total - required).toFixed(1)}" height="${rowHeight - 6}" fill="${bar.color}" fill-opacity="0.35" rx="2"></rect>`
        : '') +
      `<text x="${(labelWidth + total + 6).toFixed(1)}" y="${y + 15}" fill="#1f2328">${escapeHtml(formatAmount(bar.value))}</text></g>`
    );
  });
  return `${svgOpen(bars.length * rowHeight + 12, label)}${rows.join('')}</svg>`;
}

/** Clean-up effort per key, from the findings' own effort classes (a rule's variants may differ in class). */
function cleanupBy(report: Report, keyOf: (finding: Finding) => string): Map<string, number> {
  const cleanup = new Map<string, number>();
  for (const group of report.objects) {
    for (const finding of group.findings) {
      if (finding.effortClass !== 'cleanup') continue;
      const key = keyOf(finding);
      cleanup.set(key, (cleanup.get(key) ?? 0) + finding.effortMinutes);
    }
  }
  return cleanup;
}

function effortBySeverity(report: Report): string {
  const bars = report.bySeverity.map((group) => ({
    label: severityLabel(group.severity),
    value: group.requiredEffortMinutes + group.cleanupEffortMinutes,
    cleanup: group.cleanupEffortMinutes,
    color: SEVERITY_COLORS[group.severity],
    note: ` · ${formatCount(group.count)} findings in ${formatCount(group.units)} units`,
  }));
  return horizontalBars(bars, 'Effort by severity, in minutes', 'min');
}

function effortByRule(report: Report, top: number): string {
  if (report.byRule.length === 0) return emptyChart('Effort by rule, in minutes', 'No findings.');
  const cleanup = cleanupBy(report, (finding) => finding.ruleId);
  const shown = report.byRule.slice(0, top);
  const rest = report.byRule.slice(top);
  const bars: Bar[] = shown.map((rule) => ({
    label: rule.ruleId,
    value: rule.effortMinutes,
    cleanup: Math.min(rule.effortMinutes, cleanup.get(rule.ruleId) ?? 0),
    color: SEVERITY_COLORS[rule.severity],
    note: ` · ${formatCount(rule.count)} findings in ${formatCount(rule.units)} units`,
    mono: true,
  }));
  if (rest.length > 0) {
    bars.push({
      label: `${rest.length} other rules`,
      value: rest.reduce((sum, rule) => sum + rule.effortMinutes, 0),
      cleanup: rest.reduce((sum, rule) => sum + (cleanup.get(rule.ruleId) ?? 0), 0),
      color: '#8c959f',
      note: ` · ${formatCount(rest.reduce((sum, rule) => sum + rule.count, 0))} findings`,
    });
  }
  return horizontalBars(bars, 'Effort by rule, in minutes', 'min');
}

/** The folder an object sits in: the directory of its path (for abapGit, the package's folder). */
const folderOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '(root)' : path.slice(0, slash);
};

const objectLabel = (group: Pick<ObjectGroup, 'objectName' | 'path'>): string => group.objectName ?? group.path.slice(group.path.lastIndexOf('/') + 1);

type TreeDatum = {
  name: string;
  value?: number;
  children?: TreeDatum[];
  /** Index in report.objects of an object tile; absent for folders and "more" tiles. */
  index?: number;
  severity?: Severity | null;
  detail?: string;
};

/** A tile's area: both classes of effort, which its label names apart. */
const effortOf = (group: ObjectGroup): number => group.requiredEffortMinutes + group.cleanupEffortMinutes;

function effortTreemap(report: Report, options: Required<Pick<ChartOptions, 'treemapObjects' | 'objectHref'>>): string {
  const label = 'Effort by folder and object';
  const withEffort = report.objects.map((group, index) => ({ group, index })).filter(({ group }) => effortOf(group) > 0);
  if (withEffort.length === 0) return emptyChart(label, 'No effort.');
  // report.objects is sorted by effort, most first: the first N are the ones worth a tile of their own.
  const own = new Set(withEffort.slice(0, options.treemapObjects).map(({ index }) => index));
  const folders = new Map<string, TreeDatum>();
  const more = new Map<string, { minutes: number; objects: number }>();
  for (const { group, index } of withEffort) {
    const folder = folderOf(group.path);
    if (!folders.has(folder)) folders.set(folder, { name: folder, children: [] });
    if (own.has(index)) {
      folders.get(folder)!.children!.push({
        name: objectLabel(group),
        value: effortOf(group),
        index,
        severity: group.highestSeverity,
        detail: `${group.objectType ? `${group.objectType} ` : ''}${objectLabel(group)} · ${group.path} · ${formatAmount(group.requiredEffortMinutes)} min required, ${formatAmount(group.cleanupEffortMinutes)} min clean-up · ${formatCount(group.findingCount)} findings`,
      });
    } else {
      const rest = more.get(folder) ?? { minutes: 0, objects: 0 };
      rest.minutes += effortOf(group);
      rest.objects += 1;
      more.set(folder, rest);
    }
  }
  for (const [folder, rest] of more) {
    folders.get(folder)!.children!.push({
      name: `+${formatCount(rest.objects)} more`,
      value: rest.minutes,
      severity: null,
      detail: `${formatCount(rest.objects)} more objects in ${folder} · ${formatAmount(rest.minutes)} min`,
    });
  }
  const height = 440;
  const root = treemap<TreeDatum>()
    .tile(treemapSquarify)
    .size([TREEMAP_WIDTH, height])
    .paddingOuter(2)
    .paddingTop(18)
    .paddingInner(1)
    .round(true)(
    hierarchy<TreeDatum>({ name: 'run', children: [...folders.values()] })
      .sum((datum) => datum.value ?? 0)
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0)),
  );
  const parts: string[] = [];
  const drawFolder = (node: HierarchyRectangularNode<TreeDatum>): void => {
    const width = node.x1 - node.x0;
    const tip = `${node.data.name} · ${formatAmount(node.value ?? 0)} min`;
    parts.push(
      `<g class="folder"><title>${escapeHtml(tip)}</title><rect x="${node.x0}" y="${node.y0}" width="${width}" height="${node.y1 - node.y0}" fill="#f6f8fa" stroke="#d0d7de"></rect>` +
        `<text x="${node.x0 + 4}" y="${node.y0 + 13}" font-size="11" fill="#1f2328">${escapeHtml(fit(node.data.name, width - 8))}</text></g>`,
    );
  };
  const drawTile = (node: HierarchyRectangularNode<TreeDatum>): void => {
    const width = node.x1 - node.x0;
    const height = node.y1 - node.y0;
    if (width <= 0 || height <= 0) return;
    const { data } = node;
    const fill = data.severity ? SEVERITY_COLORS[data.severity] : '#8c959f';
    const text = height >= 14 ? fit(data.name, width - 6, TILE_CHAR_WIDTH) : '';
    const tile =
      `<title>${escapeHtml(data.detail ?? data.name)}</title><rect x="${node.x0}" y="${node.y0}" width="${width}" height="${height}" fill="${fill}" fill-opacity="0.85"></rect>` +
      (text ? `<text x="${node.x0 + 3}" y="${node.y0 + 12}" font-size="11" fill="#ffffff">${escapeHtml(text)}</text>` : '');
    parts.push(data.index === undefined ? `<g class="tile">${tile}</g>` : `<a href="${escapeHtml(options.objectHref(data.index))}" class="tile">${tile}</a>`);
  };
  for (const folder of root.children ?? []) {
    drawFolder(folder);
    for (const leaf of folder.children ?? []) drawTile(leaf);
  }
  return `${svgOpen(height, label, TREEMAP_WIDTH)}${parts.join('')}</svg>`;
}

/** Upper bounds of the histogram's buckets: 1, 2–3, 4–7, 8–15, … (powers of two read well on skewed counts). */
function findingBuckets(max: number): Array<{ low: number; high: number }> {
  const buckets = [{ low: 0, high: 0 }];
  for (let low = 1; low <= Math.max(1, max); low *= 2) buckets.push({ low, high: low * 2 - 1 });
  return buckets;
}

function findingsPerUnit(report: Report): string {
  const label = 'Units by number of findings';
  const analysed = report.summary.units - report.summary.unitsNotAnalyzed;
  if (analysed <= 0) return emptyChart(label, 'No analysed units.');
  const counts = report.objects.map((group) => group.findingCount);
  const buckets = findingBuckets(Math.max(0, ...counts)).map((bucket) => ({ ...bucket, units: 0 }));
  buckets[0].units = Math.max(0, analysed - counts.filter((count) => count > 0).length);
  for (const count of counts) {
    if (count === 0) continue;
    buckets[Math.min(buckets.length - 1, Math.floor(Math.log2(count)) + 1)].units += 1;
  }
  const height = 200;
  const top = 18;
  const bottom = 36;
  const left = 8;
  const slot = (WIDTH - left * 2) / buckets.length;
  const max = Math.max(...buckets.map((bucket) => bucket.units));
  const bars = buckets.map((bucket, index) => {
    const barHeight = max === 0 ? 0 : Math.max(bucket.units > 0 ? 1 : 0, ((height - top - bottom) * bucket.units) / max);
    const x = left + index * slot;
    const y = height - bottom - barHeight;
    const range = bucket.low === bucket.high ? String(bucket.low) : `${bucket.low}–${bucket.high}`;
    return (
      `<g class="bar"><title>${escapeHtml(`${formatCount(bucket.units)} units with ${range} findings`)}</title>` +
      `<rect x="${(x + 4).toFixed(1)}" y="${y.toFixed(1)}" width="${(slot - 8).toFixed(1)}" height="${barHeight.toFixed(1)}" fill="${index === 0 ? '#2da44e' : '#0969da'}" rx="2"></rect>` +
      `<text x="${(x + slot / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${escapeHtml(formatCount(bucket.units))}</text>` +
      `<text x="${(x + slot / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" fill="#57606a">${escapeHtml(range)}</text></g>`
    );
  });
  return (
    `${svgOpen(height, label)}${bars.join('')}` +
    `<text x="${WIDTH / 2}" y="${height - 6}" text-anchor="middle" fill="#57606a">findings per unit</text></svg>`
  );
}

/**
 * The report's four charts as SVG markup.
 *
 * @example
 * const charts = reportCharts(report);
 * html += `<figure>${charts.effortTreemap}</figure>`;
 */
function reportCharts(report: Report, options: ChartOptions = {}): ReportCharts {
  return {
    effortBySeverity: effortBySeverity(report),
    effortByRule: effortByRule(report, options.topRules ?? 15),
    effortTreemap: effortTreemap(report, {
      treemapObjects: options.treemapObjects ?? 250,
      objectHref: options.objectHref ?? ((index) => `#object-${index + 1}`),
    }),
    findingsPerUnit: findingsPerUnit(report),
  };
}

/** Captions of the charts, in the order the report shows them. */
const CHART_TITLES: Readonly<Record<keyof ReportCharts, string>> = {
  effortBySeverity: 'Effort by severity (minutes)',
  effortByRule: 'Effort by rule (minutes)',
  findingsPerUnit: 'Findings per unit',
  effortTreemap: 'Effort by folder and object',
};

/**
 * The charts as a report section: one figure per chart with its caption.
 *
 * @example
 * out.push(chartsSection(report));
 */
function chartsSection(report: Report, options: ChartOptions = {}): string {
  const charts = reportCharts(report, options);
  const figures = (Object.keys(CHART_TITLES) as Array<keyof ReportCharts>).map(
    (key) => `<figure class="chart-${key}"><figcaption>${escapeHtml(CHART_TITLES[key])}</figcaption>${charts[key]}</figure>`,
  );
  return `<section id="charts"><h2>Where the effort is</h2><div class="charts">${figures.join('')}</div></section>`;
}

export { CHART_TITLES, SEVERITY_COLORS, chartsSection, reportCharts };
export type { ChartOptions, ReportCharts };
