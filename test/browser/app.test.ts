import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { servedSamples, skip } from './harness.js';
import { parseCsv } from '../server/csv.js';

describe('the web app in headless Chromium, over the bundled samples', { skip }, () => {
  const ui = servedSamples();

  test('search for words: results show with the words marked, on a phone-sized screen without sideways scrolling', async () => {
    await ui.page.goto(ui.running.origin + '/');
    await ui.page.fill('input[name=q]', 'bridge');
    await Promise.all([ui.page.waitForURL(/\?q=bridge/), ui.page.click('form.search button[type=submit]')]);
    const results = ui.page.locator('li.statement');
    assert.ok((await results.count()) > 0, 'some statement mentions the bridge');
    const marked = await ui.page.locator('li.statement mark').allTextContents();
    assert.ok(marked.length > 0 && marked.every((m) => /^bridge/i.test(m)), marked.join(','));
    const overflow = await ui.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  });

  test('a speaker link opens their page with a timeline chart of their statements', async () => {
    const link = ui.page.locator('li.statement a.speaker', { hasText: 'Varnholt' }).first();
    const name = (await link.textContent())?.trim() ?? '';
    await Promise.all([ui.page.waitForURL(/\/speakers\//), link.click()]);
    assert.equal((await ui.page.locator('h1').textContent())?.trim(), name);
    assert.ok((await ui.page.locator('figure.timeline svg rect.bar').count()) > 0, 'timeline bars');
    assert.ok((await ui.page.locator('li.statement blockquote').count()) > 0, 'their statements');
  });

  test('an article page highlights each statement and links it to its speaker', async () => {
    await ui.page.goto(ui.running.origin + '/articles');
    const rows = ui.page.locator('table.list tbody tr');
    assert.ok((await rows.count()) >= 7, 'the samples are stored');
    const withStatements = rows.filter({ hasNot: ui.page.locator('td.num', { hasText: /^0$/ }) }).first();
    await Promise.all([ui.page.waitForURL(/\/articles\/.+/), withStatements.locator('a').first().click()]);
    const marks = ui.page.locator('.article-text mark.st');
    assert.ok((await marks.count()) > 0, 'statements marked in the text');
    const background = await marks.first().evaluate((m) => getComputedStyle(m).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the mark is visibly highlighted');
    const speaker = ui.page.locator('.article-text sup.by a').first();
    assert.match((await speaker.getAttribute('href')) ?? '', /^\/speakers\//);
    const name = (await speaker.textContent())?.trim();
    await Promise.all([ui.page.waitForURL(/\/speakers\//), speaker.click()]);
    assert.equal((await ui.page.locator('h1').textContent())?.trim(), name);
  });

  test('a facet narrows the search, the chart counts what the results count, and the CSV download holds those rows', async () => {
    await ui.page.goto(ui.running.origin + '/?q=bridge');
    const facet = ui.page.locator('aside.facets section[data-facet=speaker] li a').first();
    const name = (await facet.textContent())?.trim() ?? '';
    await Promise.all([ui.page.waitForURL(/speaker=/), facet.click()]);
    const heading = (await ui.page.locator('#results-title').textContent()) ?? '';
    const found = Number(/^([\d,]+) statements? found/.exec(heading)?.[1]?.replace(/,/g, ''));
    assert.ok(found > 0, heading);
    const speakers = await ui.page.locator('li.statement .who a.speaker').allTextContents();
    assert.ok(speakers.length > 0 && speakers.every((s) => s.trim() === name), `only ${name}: ${speakers.join(', ')}`);
    // The chart: its bars and its undated count add up to the statements found.
    const chart = ui.page.locator('figure.volume');
    const bars = await chart.locator('a[data-count]').evaluateAll((as) => as.map((a) => Number(a.getAttribute('data-count'))));
    const undated = Number(await chart.getAttribute('data-undated'));
    assert.equal(bars.reduce((a, b) => a + b, 0) + undated, found);
    assert.ok((await chart.locator('svg rect.bar').count()) > 0);
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.locator('p.downloads a', { hasText: /^CSV$/ }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'a byte order mark for Excel');
    const [header, ...rows] = parseCsv(csv.slice(1));
    assert.equal(rows.length, found, 'one row per statement found');
    const col = header!.indexOf('speaker');
    assert.ok(rows.every((r) => r[col] === name), `${name} in every row`);
  });

  test('the page ran no script and logged no error', () => {
    assert.deepEqual(ui.pageErrors, []);
  });
});
