import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extract } from '../../src/extract/pipeline.js';

interface Gold { type: string; start: number; end: number; speaker_aliases: string[]; optional?: boolean }
// The gold folder sits beside the repository (../shared), as in CI's clone; a user's clone has none.
const path = new URL('../../../shared/gold/seed-paris-troops.json', import.meta.url);
const skip = existsSync(path) ? false : 'no ../shared/gold beside the repository';
const load = () => JSON.parse(readFileSync(path, 'utf8')) as { text: string; published: string; quotes: Gold[] };

const jaccard = (a: { start: number; end: number }, b: { start: number; end: number }) => {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
};

test('seed article: every gold statement found with its type and speaker, nothing spurious', { skip }, () => {
  const seed = load();
  const out = extract(seed.text, { published: seed.published });
  const used = new Set<number>();
  for (const g of seed.quotes) {
    const i = out.statements.findIndex((s, k) => !used.has(k) && s.type === g.type && jaccard(s, g) >= 0.5);
    if (i < 0) { assert.ok(g.optional, `missed gold statement at ${g.start}-${g.end}`); continue; }
    used.add(i);
    assert.ok(g.speaker_aliases.includes(out.statements[i]!.speaker?.name ?? ''), `speaker at ${g.start}: ${out.statements[i]!.speaker?.name}`);
  }
  const spurious = out.statements.filter((_, k) => !used.has(k));
  assert.deepEqual(spurious.map((s) => s.text), []);
});
