/**
 * A real headless Chromium for the console's browser tests and page-load benchmark: the machine's own (Debian's
 * `chromium`, installed by .ci/run), driven by puppeteer-core, which downloads no browser. It is started with exactly
 * the flags this machine needs: headless, no sandbox (root in a container), no GPU, and no background networking of
 * its own (QUIC, component updates, sync), which a closed network would refuse; each launch gets a fresh profile.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** The flags every launch gets (plus a fresh `--user-data-dir`). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/**
 * The Chromium to drive: `CHROMIUM_PATH` when set, else the first of chromium, chromium-browser, google-chrome on the
 * PATH; undefined when there is none.
 *
 * @example
 * const executable = findChromium(); // '/usr/bin/chromium'
 */
const findChromium = (): string | undefined => {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  for (const name of CANDIDATES) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (path) return path;
    } catch {
      // not on the PATH
    }
  }
  return undefined;
};

/** A launched browser and its cleanup (the browser, then its profile directory). */
type LaunchedBrowser = { browser: Browser; close(): Promise<void> };

/**
 * @example
 * const { browser, close } = await launchChromium(findChromium()!);
 * const page = await browser.newPage();
 * await close();
 */
const launchChromium = async (executablePath: string): Promise<LaunchedBrowser> => {
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    // Exactly our flags: puppeteer's defaults include some this machine's closed network does not want.
    ignoreDefaultArgs: true,
    pipe: true,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, 'about:blank'],
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

export { CHROMIUM_FLAGS, findChromium, launchChromium };
export type { LaunchedBrowser };
