import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { servedSamples, skip } from './harness.js';

describe('search language, outlet list and the link to a search in headless Chromium', { skip }, () => {
  const ui = servedSamples();

  test('an exclusion narrows the results; the link to the search is canonical and opens the same results', async () => {
    const outlets = (await (await fetch(ui.running.origin + '/api/outlets')).json()) as { name: string }[];
    await ui.page.goto(ui.running.origin + '/');
    assert.deepEqual(await ui.page.locator('datalist#outlet-names option').evaluateAll((os) => os.map((o) => o.getAttribute('value'))), outlets.map((o) => o.name));
    await ui.page.fill('input[name=q]', 'the');
    await Promise.all([ui.page.waitForURL(/\?q=the/), ui.page.click('form.search button[type=submit]')]);
    const all = await ui.page.locator('li.statement').count();
    assert.ok(all > 0, 'a common word finds statements');
    const word = (await ui.page.locator('li.statement blockquote').first().textContent())!.match(/\p{L}{4,}/u)![0];
    await ui.page.fill('input[name=q]', `the -${word}`);
    await Promise.all([ui.page.waitForURL(/-/), ui.page.click('form.search button[type=submit]')]);
    const texts = await ui.page.locator('li.statement blockquote').allTextContents();
    assert.ok(texts.every((t) => !new RegExp(`\\b${word}\\b`, 'i').test(t)), `no statement with "${word}"`);
    // The form sends every field, blank ones too; the link to the search keeps only what was asked.
    assert.match(ui.page.url(), /speaker=&/);
    const link = ui.page.locator('.permalink a[rel=bookmark]');
    assert.equal(await link.getAttribute('href'), `/?q=${encodeURIComponent(`the -${word}`).replace(/%20/g, '+')}`);
    await Promise.all([ui.page.waitForURL(/\/\?q=/), link.click()]);
    assert.deepEqual(await ui.page.locator('li.statement blockquote').allTextContents(), texts);
    assert.equal(await ui.page.locator('.permalink input.url').inputValue(), ui.page.url());
  });

  test('the page ran no script and logged no error', () => {
    assert.deepEqual(ui.pageErrors, []);
  });
});
