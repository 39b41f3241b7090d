import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Message } from '../../src/types.js';
import { decodeHtml } from '../../src/ingest/decode.js';
import { readBytes } from '../../src/ingest/sources.js';
import { page } from './fixtures.js';

const CAFE = '<p>Café owner Bo Tamsin said the résumé was fine.</p>';
const text = (d: ReturnType<typeof decodeHtml>): string => (d.kind === 'text' ? d.text : `refused: ${d.code}`);

test('a <script charset> or <link charset> does not beat the page’s <meta charset>', () => {
  const html = page({ head: '<script charset="utf-8" src="/a.js"></script><meta charset="windows-1252">', body: CAFE });
  assert.match(text(decodeHtml(new Uint8Array(Buffer.from(html, 'latin1')), 'p.html')), /Café owner Bo Tamsin said the résumé/);
  const link = page({ head: '<link rel="stylesheet" charset="UTF-8" href="/a.css"><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', body: CAFE });
  assert.match(text(decodeHtml(new Uint8Array(Buffer.from(link, 'latin1')), 'l.html')), /résumé/);
});

test('a page that declares a legacy charset but is valid UTF-8 is read as UTF-8', () => {
  const html = page({ head: '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', body: '<p>ダンメア町の橋が春に再開すると町長が述べた。</p>' });
  assert.match(text(decodeHtml(new Uint8Array(Buffer.from(html, 'utf8')), 'sjis.html')), /ダンメア町の橋が春に再開/);
  // "橋" in Shift_JIS is 0x8B 0xB4, which is not valid UTF-8: the declaration is followed.
  const [head, tail] = page({ head: '<meta charset="shift_jis">', body: '<p>BRIDGE</p>' }).split('BRIDGE');
  const real = Buffer.concat([Buffer.from(head!, 'latin1'), Buffer.from([0x8b, 0xb4]), Buffer.from(tail!, 'latin1')]);
  assert.match(text(decodeHtml(new Uint8Array(real), 'real-sjis.html')), /<p>橋<\/p>/);
});

test('a stray bad byte in a UTF-8 page decodes with a replacement character and a recorded warning', async () => {
  const good = Buffer.from(page({ head: '<meta charset="utf-8">', body: CAFE }), 'utf8');
  const at = good.indexOf('Bo Tamsin');
  const bytes = new Uint8Array(Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]));
  const decoded = decodeHtml(bytes, 'stray.html');
  assert.equal(decoded.kind, 'text');
  assert.match(text(decoded), /Café owner \uFFFDBo Tamsin/);
  const out: (Article | Message)[] = [];
  for await (const x of readBytes(bytes, 'stray.html')) out.push(x);
  const warning = out.find((x): x is Message => x.kind === 'message');
  assert.deepEqual([warning?.code, warning?.severity, warning?.source], ['ONR_ERR_ENCODING', 'warning', 'stray.html']);
  assert.match(warning!.reason, /1 byte sequence/);
  assert.equal(out.filter((x) => x.kind === 'article').length, 1, 'the article is kept');
  // Undeclared and mostly UTF-8: the same; undeclared and mostly not: windows-1252 as before.
  const undeclared = Buffer.from(Buffer.from(bytes).toString('latin1').replace('<meta charset="utf-8">', ''), 'latin1');
  assert.match(text(decodeHtml(new Uint8Array(undeclared), 'u.html')), /Café owner \uFFFDBo Tamsin/);
  const latin = Buffer.from(page({ body: CAFE }), 'latin1');
  assert.match(text(decodeHtml(new Uint8Array(latin), 'latin.html')), /Café owner Bo Tamsin said the résumé/);
});

test('a charset nobody knows is read as if undeclared, with a warning, not refused', async () => {
  const html = page({ head: '<meta charset="x-dunmere-7">', body: CAFE });
  const decoded = decodeHtml(new Uint8Array(Buffer.from(html, 'utf8')), 'odd.html');
  assert.match(text(decoded), /Café owner Bo Tamsin said the résumé/);
  assert.equal(decoded.kind === 'text' && decoded.warning?.code, 'ONR_ERR_ENCODING');
  assert.match(decoded.kind === 'text' ? decoded.warning!.reason : '', /unknown charset "x-dunmere-7"/);
  // Undeclared legacy bytes then follow the undeclared rule: windows-1252.
  const latin = decodeHtml(new Uint8Array(Buffer.from(html, 'latin1')), 'odd-latin.html');
  assert.match(text(latin), /Café owner Bo Tamsin said the résumé/);
});
