// The console's shell: routes a path to its page, keeps links in the page (no reload), and stops a page's polling
// when another page opens. Each page marks `main[data-ready]` once its first view is drawn (tests and the page-load
// benchmark wait for it).
import { errorBox, html } from './lib.js';

const ROUTES = [
  { pattern: /^\/(?:executions)?\/?$/, page: 'executions', nav: 'executions' },
  { pattern: /^\/executions\/([^/]+)$/, page: 'execution', nav: 'executions' },
  { pattern: /^\/runs\/?$/, page: 'customers', nav: 'runs' },
  { pattern: /^\/runs\/([^/]+)$/, page: 'customer', nav: 'runs' },
  { pattern: /^\/runs\/([^/]+)\/([^/]+)$/, page: 'run', nav: 'runs' },
  { pattern: /^\/functions\/?$/, page: 'functions', nav: 'functions' },
  { pattern: /^\/functions\/([^/]+)$/, page: 'function', nav: 'functions' },
];

const main = document.getElementById('main');
let current;

const render = async () => {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const { pathname, searchParams } = new URL(window.location.href);
  const route = ROUTES.find((candidate) => candidate.pattern.test(pathname));
  delete main.dataset.ready;
  for (const link of document.querySelectorAll('nav.top a')) link.classList.toggle('active', link.dataset.nav === route?.nav);
  if (!route) {
    main.innerHTML = html`<h1>Not found</h1><p>The console has no page ${pathname}.</p>`.toString();
    main.dataset.ready = 'not-found';
    return;
  }
  const params = pathname.match(route.pattern).slice(1).map(decodeURIComponent);
  const context = {
    params,
    search: searchParams,
    signal: controller.signal,
    /** Calls `work` every `ms` until the page is left; a failed call is retried at the next tick. */
    poll(work, ms) {
      const timer = setInterval(() => {
        if (!controller.signal.aborted) work().catch(() => undefined);
      }, ms);
      controller.signal.addEventListener('abort', () => clearInterval(timer));
    },
    ready() {
      if (controller.signal.aborted) return;
      main.dataset.ready = route.page;
      // The page-load benchmark reads this mark: milliseconds from navigation to the first complete view.
      performance.mark('console-ready', { detail: route.page });
    },
  };
  try {
    const module = await import(`./pages/${route.page}.js`);
    await module.render(main, context);
  } catch (error) {
    if (controller.signal.aborted) return;
    main.innerHTML = errorBox(error).toString();
    main.dataset.ready = 'error';
  }
};

/** Opens a console path without reloading the page. */
export const navigate = (path) => {
  window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  void render();
};

document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/static/') || url.pathname.startsWith('/api/')) return;
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
  event.preventDefault();
  navigate(`${url.pathname}${url.search}`);
});

window.addEventListener('popstate', () => void render());
void render();
