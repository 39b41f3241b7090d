import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../src/server/app.js';
import { Editors } from '../../src/server/editors.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Store } from '../../src/types.js';
import { RECORDS } from '../server/fixtures.js';
import { ARGS, executablePath, skip, sqlite } from './harness.js';

const ANA = 'ana-browser-token-0123456789';
const BEN = 'ben-browser-token-9876543210';

describe('correcting the record in headless Chromium', { skip }, () => {
  let store: Store;
  let running: RunningServer;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let statementPath: string;
  const pageErrors: string[] = [];

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    // The conflict page is a 409 by design; Chromium logs every error status it loads.
    page.on('console', (m) => m.type() === 'error' && !/status of 409/.test(m.text()) && pageErrors.push(m.text()));
    return page;
  };
  const signIn = async (page: Page, token: string) => {
    await page.goto(`${running.origin}/sign-in?next=${encodeURIComponent(statementPath)}`);
    await page.fill('input[name=token]', token);
    await Promise.all([page.waitForURL(`**${statementPath}`), page.click('form button[type=submit]')]);
  };
  const speakerOnPage = async (page: Page) => (await page.locator('h1 .speaker').textContent())?.trim();

  before(async () => {
    store = await sqlite.open();
    for (const record of RECORDS) await store.putArticle(record);
    const s = (await store.statements({ q: 'dreaming' })).items[0]!;
    statementPath = `/statements/${encodeURIComponent(s.id)}`;
    running = await listen(createApp(store, { editors: Editors.parse(`ana:${ANA},ben:${BEN}`, 'test') }), { port: 0 });
    browser = await chromium.launch({ executablePath, args: ARGS });
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await running?.close();
    await store?.close();
  });

  test('a reader sees no form, and a correction posted without a token is refused', async () => {
    const page = await newPage();
    await page.goto(running.origin + statementPath);
    assert.equal(await speakerOnPage(page), 'Ruben Eskildsen');
    assert.equal(await page.locator('form[action="/corrections"]').count(), 0);
    assert.equal(await page.locator('a', { hasText: 'Sign in as an editor' }).count(), 1);
    const r = await page.request.post(running.origin + '/corrections', { form: { kind: 'not-a-statement', statementId: statementPath.split('/').pop()! } });
    assert.equal(r.status(), 401);
    assert.equal((await store.corrections({})).total, 0);
  });

  test('an editor signs in, reassigns the speaker, sees the speaker page change, and undoes it', async () => {
    const page = await newPage();
    await signIn(page, ANA);
    await page.click('summary:has-text("Reassign the speaker")');
    const form = page.locator('form[action="/corrections"]:has(input[name=kind][value=reassign])');
    await form.locator('select[name=speakerId]').selectOption({ label: 'Ilse Varnholt' });
    await form.locator('input[name=reason]').fill('she said it about herself, ironically');
    await Promise.all([page.waitForURL(`**${statementPath}`), form.locator('button[type=submit]').click()]);
    assert.equal(await speakerOnPage(page), 'Ilse Varnholt');
    assert.match((await page.locator('ol.changes').textContent()) ?? '', /speaker Ruben Eskildsen → Ilse Varnholt/);

    await Promise.all([page.waitForURL(/\/speakers\//), page.click('h1 a.speaker')]);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Ilse Varnholt');
    assert.ok((await page.locator('li.statement blockquote', { hasText: 'Ilse Varnholt is dreaming' }).count()) > 0, 'the statement is on her page');

    await page.goto(running.origin + '/changes');
    await Promise.all([page.waitForURL(/\/changes/), page.locator('form.undo button').first().click()]);
    assert.match((await page.locator('ol.changes').textContent()) ?? '', /undid change #1/);
    await page.goto(running.origin + statementPath);
    assert.equal(await speakerOnPage(page), 'Ruben Eskildsen');
    await Promise.all([page.waitForURL(/\/speakers\//), page.click('h1 a.speaker')]);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Ruben Eskildsen');
  });

  test('two editors on one statement: the second gets a conflict and nothing is lost', async () => {
    const [ana, ben] = [await newPage(), await newPage()];
    await signIn(ana, ANA);
    await signIn(ben, BEN);
    await ana.click('summary:has-text("Change the type")');
    await Promise.all([ana.waitForURL(`**${statementPath}`), ana.locator('form:has(input[name=kind][value=change-type]) button[type=submit]').click()]);
    await ben.click('summary:has-text("Mark as verified")');
    await ben.locator('input[name=source]').fill('the council recording');
    await ben.locator('form:has(input[name=kind][value=verify]) button[type=submit]').click();
    assert.equal((await ben.locator('h1').textContent())?.trim(), 'Changed meanwhile');
    await ben.click('a:has-text("Reload it")');
    assert.match((await ben.locator('ol.changes').textContent()) ?? '', /type direct → indirect/);
    const log = await store.corrections({});
    assert.deepEqual(log.items.slice(0, 1).map((c) => [c.action, c.editor]), [['change-type', 'ana']]);
  });

  test('no page logged an error (script is off in these pages: the forms work without it)', () => {
    assert.deepEqual(pageErrors, []);
  });
});
