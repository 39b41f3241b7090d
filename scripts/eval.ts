/**
 * `npm run eval [-- PATH...] [--json] [--verbose]`: scores the extractor on hand-annotated gold, the way the judges
 * score (src/eval/score.ts, equal to shared/tools/score.py). A PATH is a folder of one-article .json files, one such
 * file, or a .jsonl file of many articles (the corpora in ../shared/corpora). Default: ../shared/gold beside the repo,
 * and its corpora's dev splits, when they are there; else the fictional sets in test/gold.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { extract } from '../src/extract/pipeline.js';
import { evaluate, goldArticleSchema, summarize, type GoldArticle, type SetScore } from '../src/eval/report.js';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const paths = args.filter((a) => !a.startsWith('--'));
if (paths.length === 0) {
  const shared = ['../shared/gold', '../shared/corpora/polnear/dev.jsonl'].map((p) => resolve(root, p)).filter((p) => existsSync(p));
  const fictional = ['test/gold', 'test/gold/holdout', 'test/gold/final', 'test/gold/blind'].map((p) => resolve(root, p));
  if (shared.length === 0) process.stderr.write('eval: no ../shared beside the repo; scoring the fictional sets in test/gold only\n');
  paths.push(...shared, ...fictional);
}

function load(path: string): GoldArticle[] {
  if (!statSync(path, { throwIfNoEntry: false })) throw new Error(`${path}: no such file or folder`);
  const files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f)) : [path];
  const out: GoldArticle[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const records = file.endsWith('.jsonl') ? text.split('\n').map((l, i) => [l, `${file}:${i + 1}`] as const).filter(([l]) => l.trim()) : [[text, file] as const];
    for (const [record, where] of records) {
      const parsed = goldArticleSchema.safeParse(JSON.parse(record));
      if (!parsed.success) throw new Error(`${where}: not a gold article: ${parsed.error.issues[0]?.message}`);
      out.push(parsed.data);
    }
  }
  return out;
}

const scores: SetScore[] = [];
let failed = false;
for (const path of paths) {
  try {
    const golds = load(path);
    const docs = golds.map((g) => evaluate(g, extract(g.text, { id: g.id ?? path, ...(g.published ? { published: g.published } : {}) }).statements));
    scores.push(summarize(relative(process.cwd(), path) || path, docs));
  } catch (error) {
    process.stderr.write(`eval: ${(error as Error).message}\n`);
    failed = true;
  }
}

if (asJson) {
  process.stdout.write(JSON.stringify(scores, null, 2) + '\n');
} else {
  const f = (x: number) => x.toFixed(3).padStart(6);
  process.stdout.write(`${'set'.padEnd(40)} ${'docs'.padStart(5)} ${['F1', 'dirF1', 'indF1', 'indR', 'spk', 'spkRes', 'e2e', 'exact'].map((h) => h.padStart(6)).join(' ')}\n`);
  for (const s of scores) {
    process.stdout.write(`${s.name.slice(-40).padEnd(40)} ${String(s.docs).padStart(5)} ${[s.all.f1, s.direct.f1, s.indirect.f1, s.indirect.recall, s.all.speakerAccuracy, s.speakerResolvable, s.all.e2eF1, s.exactF1].map(f).join(' ')}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
