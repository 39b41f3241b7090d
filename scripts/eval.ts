/**
 * `npm run eval [-- PATH...] [--json]`: scores the extractor on hand-annotated gold
 * files (a folder of *.json, or single files; default ../shared/gold beside the repo).
 * Prints precision, recall and F1 for direct and indirect statements and overall,
 * and speaker accuracy (matched statements whose speaker is one of the gold aliases).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extract } from '../src/extract/pipeline.js';
import { evaluate, goldFileSchema, summarize, type FileScore } from '../src/eval/report.js';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const paths = args.filter((a) => !a.startsWith('--'));
if (paths.length === 0) paths.push(resolve(root, '../shared/gold'));

function goldFiles(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })) throw new Error(`${path}: no such file or folder`);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f));
}

const scores: FileScore[] = [];
let failed = false;
for (const file of paths.flatMap(goldFiles)) {
  const parsed = goldFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    process.stderr.write(`eval: ${file}: not a gold file: ${parsed.error.issues[0]?.message}\n`);
    failed = true;
    continue;
  }
  const gold = parsed.data;
  const out = extract(gold.text, { id: gold.id ?? file, ...(gold.published ? { published: gold.published } : {}) });
  scores.push(evaluate(file, gold.quotes, out.statements));
}

const total = summarize(scores);
if (asJson) {
  process.stdout.write(JSON.stringify({ files: scores, total }, null, 2) + '\n');
} else {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
  const row = (label: string, s: FileScore) =>
    `${label.padEnd(44)} ${['direct', 'indirect', 'all'].map((k) => {
      const t = s.byType[k as keyof FileScore['byType']];
      return `${pct(t.precision)} ${pct(t.recall)} ${pct(t.f1)}`;
    }).join(' | ')} | ${pct(s.speakerAccuracy)}`;
  process.stdout.write(`${'file'.padEnd(44)} ${'direct P R F1'.padEnd(17)} | ${'indirect P R F1'.padEnd(17)} | ${'all P R F1'.padEnd(17)} | speaker\n`);
  for (const s of scores) process.stdout.write(row(s.file.replace(/^.*\//, ''), s) + '\n');
  process.stdout.write(row(`TOTAL (${scores.length} files)`, total) + '\n');
}
process.exitCode = failed ? 1 : 0;
