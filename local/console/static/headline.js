// A run's headline as the runs list and the run page show it: the effort required for the conversion beside the
// recommended clean-up when the summary tells them apart (the total alone otherwise), and the lines not analysed.
import { count, effort, html } from './lib.js';

/** The effort of a headline: `{ required, cleanup }` when split, else `{ total }`. */
export const effortParts = (headline) =>
  headline.requiredEffortMinutes !== undefined || headline.cleanupEffortMinutes !== undefined
    ? { required: headline.requiredEffortMinutes ?? 0, cleanup: headline.cleanupEffortMinutes ?? 0 }
    : { total: headline.effortMinutes };

export const effortCell = (headline) => {
  const parts = effortParts(headline);
  if ('total' in parts) return html`${effort(parts.total)}`;
  return html`<span class="required">${effort(parts.required)}</span><br><span class="muted">clean-up ${effort(parts.cleanup)}</span>`;
};

export const notAnalyzedCell = (headline) => {
  const missing = headline.notAnalyzed;
  if (!missing) return html`<span class="muted" title="This run's summary does not count lines not analysed">–</span>`;
  return missing.lines > 0 || missing.files > 0 || missing.units > 0
    ? html`<span class="warn">${count(missing.lines)} lines</span><br><span class="muted">${count(missing.files)} files, ${count(missing.units)} units</span>`
    : html`0`;
};

const card = (label, value, note) => html`<div class="card"><div class="label">${label}</div><div class="value">${value}</div>${note ? html`<div class="note">${note}</div>` : ''}</div>`;

/** The headline as cards: units and lines, findings, effort (required and clean-up, or total), not analysed. */
export const headlineCards = (headline) => {
  const parts = effortParts(headline);
  const missing = headline.notAnalyzed;
  const reasons = missing?.byReason ? Object.entries(missing.byReason).map(([reason, totals]) => `${reason}: ${count(totals.lines)} lines`).join(' · ') : '';
  return html`<div class="cards">
    ${card('Units', count(headline.units), headline.loc !== undefined ? `${count(headline.loc)} lines of code` : '')}
    ${card('Findings', count(headline.findings), headline.bySeverity ? `${count(headline.bySeverity.blocker ?? 0)} blocker · ${count(headline.bySeverity.critical ?? 0)} critical` : '')}
    ${'total' in parts
      ? card('Effort', effort(parts.total), '')
      : html`${card('Required effort', effort(parts.required), 'needed for the conversion')}${card('Clean-up effort', effort(parts.cleanup), 'recommended, not required')}`}
    ${missing ? card('Not analysed', `${count(missing.lines)} lines`, `${count(missing.files)} files, ${count(missing.units)} units${reasons ? ` · ${reasons}` : ''}`) : headline.skippedFiles !== undefined ? card('Files skipped', count(headline.skippedFiles), '') : ''}
  </div>`;
};
