import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { samplePaths } from '../../src/cli/start.js';
import { ingest } from '../../src/ingest/ingest.js';
import { createApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Store } from '../../src/types.js';
import { backends } from '../store/backends.js';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const sqlite = backends().find((b) => b.name === 'sqlite')!;
const skip = !existsSync(executablePath) ? `no Chromium at ${executablePath} (set CHROMIUM_PATH)` : sqlite.skip;

describe('search language, outlet list and the link to a search in headless Chromium', { skip }, () => {
  let store: Store;
  let running: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    store = await sqlite.open();
    await ingest(await samplePaths(), { store });
    running = await listen(createApp(store), { port: 0 });
    browser = await chromium.launch({ executablePath, args: ARGS });
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  });
  after(async () => {
    await browser?.close();
    await running?.close();
    await store?.close();
  });

  test('an exclusion narrows the results; the link to the search is canonical and opens the same results', async () => {
    const outlets = (await (await fetch(running.origin + '/api/outlets')).json()) as { name: string }[];
    await page.goto(running.origin + '/');
    assert.deepEqual(await page.locator('datalist#outlet-names option').evaluateAll((os) => os.map((o) => o.getAttribute('value'))), outlets.map((o) => o.name));
    await page.fill('input[name=q]', 'the');
    await Promise.all([page.waitForURL(/\?q=the/), page.click('form.search button[type=submit]')]);
    const all = await page.locator('li.statement').count();
    assert.ok(all > 0, 'a common word finds statements');
    const word = (await page.locator('li.statement blockquote').first().textContent())!.match(/\p{L}{4,}/u)![0];
    await page.fill('input[name=q]', `the -${word}`);
    await Promise.all([page.waitForURL(/-/), page.click('form.search button[type=submit]')]);
    const texts = await page.locator('li.statement blockquote').allTextContents();
    assert.ok(texts.every((t) => !new RegExp(`\\b${word}\\b`, 'i').test(t)), `no statement with "${word}"`);
    // The form sends every field, blank ones too; the link to the search keeps only what was asked.
    assert.match(page.url(), /speaker=&/);
    const link = page.locator('.permalink a[rel=bookmark]');
    assert.equal(await link.getAttribute('href'), `/?q=${encodeURIComponent(`the -${word}`).replace(/%20/g, '+')}`);
    await Promise.all([page.waitForURL(/\/\?q=/), link.click()]);
    assert.deepEqual(await page.locator('li.statement blockquote').allTextContents(), texts);
    assert.equal(await page.locator('.permalink input.url').inputValue(), page.url());
  });

  test('the page ran no script and logged no error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
