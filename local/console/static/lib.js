// Helpers every page uses: markup with escaping, the API, and formatting. Plain ES modules, no build step.

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Markup that is already safe (built by `html`, or trusted markup from the console's own API). */
class Safe {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

export const escape = (value) => String(value ?? '').replace(/[&<>"']/g, (character) => ENTITIES[character]);

/** Markup the console's server made (charts, highlighted code): inserted as it is. */
export const raw = (text) => new Safe(String(text));

const interpolate = (value) => {
  if (value instanceof Safe) return value.text;
  if (Array.isArray(value)) return value.map(interpolate).join('');
  if (value === undefined || value === null || value === false) return '';
  return escape(value);
};

/** A tagged template: every interpolated value is escaped unless it is `Safe` (nested `html`, or `raw`). */
export const html = (strings, ...values) => new Safe(strings.reduce((out, string, index) => out + string + (index < values.length ? interpolate(values[index]) : ''), ''));

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.name = body?.error ?? 'ApiError';
  }
}

/** GET a console API path; the answer's JSON, or an ApiError with the server's message. */
export const api = async (path) => {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
};

export const query = (params) => {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  const text = search.toString();
  return text ? `?${text}` : '';
};

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
export const count = (value) => (value === undefined || value === null ? '–' : NUMBER.format(value));

export const duration = (ms) => {
  if (ms === undefined || ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return minutes < 60 ? `${minutes} min ${seconds} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/** Effort in minutes as a person reads it: minutes and person-days (8 hours). */
export const effort = (minutes) => {
  if (minutes === undefined || minutes === null) return '–';
  const days = minutes / 480;
  return `${count(Math.round(minutes))} min · ${days >= 100 ? count(Math.round(days)) : days.toFixed(1)} person-days`;
};

// One formatter for every time shown: building one per call costs more than a table of them takes to draw.
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export const time = (iso) => {
  if (!iso) return '–';
  const date = new Date(iso);
  const clock = CLOCK.format(date);
  return date.toDateString() === new Date().toDateString() ? clock : `${date.toISOString().slice(0, 10)} ${clock}`;
};

export const statusPill = (status) => html`<span class="pill status-${String(status ?? '').toLowerCase().replace(/[^a-z-]+/g, '-')}">${String(status ?? '').replace(/_/g, ' ')}</span>`;

export const severityBadge = (severity) => (severity ? html`<span class="sev sev-${severity}">${severity}</span>` : '');

/** Pretty JSON of a payload the history holds as text. */
export const prettyJson = (text) => {
  if (text === undefined || text === null) return '';
  try {
    return JSON.stringify(typeof text === 'string' ? JSON.parse(text) : text, null, 2);
  } catch {
    return String(text);
  }
};

/** Paths of the console's own pages. */
export const paths = {
  executions: (stateMachineArn, status) => `/executions${query({ machine: stateMachineArn, status })}`,
  execution: (executionArn) => `/executions/${encodeURIComponent(executionArn)}`,
  customers: () => '/runs',
  customer: (customerId) => `/runs/${encodeURIComponent(customerId)}`,
  run: (customerId, runId) => `/runs/${encodeURIComponent(customerId)}/${encodeURIComponent(runId)}`,
  functions: () => '/functions',
  function: (logicalId, run) => `/functions/${encodeURIComponent(logicalId)}${query({ run })}`,
};

/**
 * An error's cause as a person reads it: a Lambda error's message first and its stack trace folded away; any other
 * cause as it is.
 */
export const causeHtml = (cause) => {
  if (cause === undefined || cause === null || cause === '') return '';
  try {
    const parsed = JSON.parse(cause);
    if (parsed && typeof parsed === 'object' && typeof parsed.errorMessage === 'string') {
      const trace = Array.isArray(parsed.trace) ? parsed.trace : [];
      return html`<p class="cause-message">${parsed.errorMessage}</p>${trace.length > 0 ? html`<details class="trace"><summary>stack trace, ${trace.length} lines</summary><pre>${trace.join('\n')}</pre></details>` : ''}`;
    }
    return html`<pre class="cause">${JSON.stringify(parsed, null, 2)}</pre>`;
  } catch {
    return html`<p class="cause-message">${cause}</p>`;
  }
};

export const errorBox = (error) => html`<div class="error-box"><strong>${error.name}</strong> ${error.message}</div>`;
