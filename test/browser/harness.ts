import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { samplePaths } from '../../src/cli/start.js';
import { ingest } from '../../src/ingest/ingest.js';
import { createApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Store } from '../../src/types.js';
import { backends } from '../store/backends.js';

/** Chromium from Debian's package (scripts/test.sh installs it), or where CHROMIUM_PATH says. */
export const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Headless, and nothing that reaches the network on its own. */
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const sqlite = backends().find((b) => b.name === 'sqlite')!;
/** Why the browser tests cannot run here, or false. */
export const skip = !existsSync(executablePath) ? `no Chromium at ${executablePath} (set CHROMIUM_PATH)` : sqlite.skip;

/** What `servedSamples` hands the tests of one describe block, filled in by its `before`. */
export interface SamplesSession {
  readonly page: Page;
  readonly running: RunningServer;
  /** Script errors and console errors the pages reported: a page that works without script must log none. */
  readonly pageErrors: string[];
}

/**
 * The bundled samples in a fresh SQLite store, served on a free port, and one phone-sized Chromium page on it;
 * call inside a describe block: its before and after hooks start and stop them.
 */
export function servedSamples(): SamplesSession {
  const session = { pageErrors: [] as string[] } as { page: Page; running: RunningServer; pageErrors: string[] };
  let store: Store | undefined;
  let browser: Browser | undefined;
  before(async () => {
    store = await sqlite.open();
    await ingest(await samplePaths(), { store });
    session.running = await listen(createApp(store), { port: 0 });
    browser = await chromium.launch({ executablePath, args: ARGS });
    session.page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    session.page.on('pageerror', (e) => session.pageErrors.push(e.message));
    session.page.on('console', (m) => m.type() === 'error' && session.pageErrors.push(m.text()));
  });
  after(async () => {
    await browser?.close();
    await session.running?.close();
    await store?.close();
  });
  return session;
}
