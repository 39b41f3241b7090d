// Check gold files: offsets, conventions, lengths.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
const args = process.argv.slice(2);
const files = args.flatMap((p) => statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.json')).map((f) => join(p, f)) : [p]);
const OPEN = new Set(['"', '“', "'", '‘', '”', '’']); // chars that may precede a direct span
const CLOSE = new Set(['"', '”', "'", '’']);
let bad = 0; const tot = { direct: 0, indirect: 0, optional: 0 };
for (const file of files) {
  const g = JSON.parse(readFileSync(file, 'utf8'));
  const errs = []; const warn = [];
  const t = g.text;
  if (typeof g.id !== 'string') errs.push('no id');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(g.published ?? '')) errs.push('bad published');
  if (!Array.isArray(g.entities)) errs.push('no entities');
  if (!file.includes('seed') && (t.length < 1500 || t.length > 4000)) errs.push(`text length ${t.length}`);
  if ([...t].length !== t.length) errs.push('astral characters: code points != UTF-16 indices');
  const qs = [...g.quotes].sort((a, b) => a.start - b.start);
  qs.forEach((q, k) => {
    const tag = `#${g.quotes.indexOf(q)} ${q.type} [${q.start},${q.end}]`;
    if (!['direct', 'indirect'].includes(q.type)) errs.push(`${tag} bad type`);
    if (t.slice(q.start, q.end) !== q.text) errs.push(`${tag} slice mismatch: ${JSON.stringify(t.slice(q.start, q.end))} vs ${JSON.stringify(q.text)}`);
    if (q.text !== q.text.trim() || !q.text) errs.push(`${tag} whitespace at edge`);
    if (!q.speaker || !Array.isArray(q.speaker_aliases) || !q.speaker_aliases.includes(q.speaker)) errs.push(`${tag} speaker/aliases`);
    if (!(q.cue === null || typeof q.cue === 'string')) errs.push(`${tag} cue`);
    if (k > 0 && q.start < qs[k - 1].end) errs.push(`${tag} overlaps previous`);
    if (q.type === 'direct') {
      const before = t[q.start - 1]; const after = t[q.end];
      const qa = /(^|\n)(A|Q): $/.test(t.slice(Math.max(0, q.start - 4), q.start));
      if (!qa && !OPEN.has(before)) errs.push(`${tag} direct not preceded by a quote mark`);
      if (!qa && !CLOSE.has(after) && after !== '\n') errs.push(`${tag} direct not followed by a closing mark`);
      if (qa && after !== '\n' && after !== undefined) errs.push(`${tag} Q/A answer not to end of line`);
    } else {
      if (/[.]$/.test(q.text)) errs.push(`${tag} indirect ends with a period`);
      if (/^that /.test(q.text)) errs.push(`${tag} indirect starts with "that"`);
    }
    tot[q.type]++; if (q.optional) tot.optional++;
  });
  if (errs.length) bad++;
  console.log(`${errs.length ? 'FAIL' : 'ok  '} ${file} (${t.length} chars, ${g.quotes.length} quotes)${errs.map((e) => '\n   - ' + e).join('')}`);
}
console.log(`totals: direct ${tot.direct}, indirect ${tot.indirect}, optional ${tot.optional}; ${bad} file(s) failing`);
process.exitCode = bad ? 1 : 0;
