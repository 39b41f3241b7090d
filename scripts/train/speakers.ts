/**
 * `node --import tsx scripts/train/speakers.ts [TRAIN.jsonl] [--dev DEV.jsonl]`: learns the weights of the speaker
 * ranker (src/extract/model/speaker-features.ts) from annotated news (default ../shared/corpora/polnear/train.jsonl)
 * and writes them to src/extract/model/speaker-weights.ts. Only feature weights are learned: no name, word or text
 * of the corpus goes into the file.
 *
 * Each statement the ranker would look at (a pronoun speaker, or a quote carried over) that matches a gold
 * statement whose speaker is known gives one choice among its candidates; the weights maximise the likelihood
 * of the right candidates under a softmax (conditional logit), by full-batch gradient ascent with an L2 penalty:
 * deterministic, the same file from the same data.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDoc } from '../../src/extract/document.js';
import { run, stages } from '../../src/extract/pipeline.js';
import { FEATURES, candidates, context, scoreOf, target, type Candidate } from '../../src/extract/model/speaker-features.js';
import { goldArticleSchema, type GoldArticle } from '../../src/eval/report.js';
import { jaccard, speakerOk, utf16ToCodePoint } from '../../src/eval/score.js';
import type { Statement } from '../../src/types.js';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const devAt = args.indexOf('--dev');
const devPath = devAt >= 0 ? args[devAt + 1] : resolve(root, '../shared/corpora/polnear/dev.jsonl');
const trainPath = args.find((a, i) => !a.startsWith('--') && i !== devAt + 1) ?? resolve(root, '../shared/corpora/polnear/train.jsonl');
const EPOCHS = 400;
const RATE = 0.5;
const L2 = 1e-3;

interface Choice { readonly candidates: readonly Candidate[]; readonly right: readonly boolean[] }

function load(path: string): GoldArticle[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    const parsed = goldArticleSchema.safeParse(JSON.parse(l));
    if (!parsed.success) throw new Error(`${path}:${i + 1}: not a gold article: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
}

/** The choices one article gives: the rules' statements before the ranker, matched to gold. */
function choices(gold: GoldArticle): Choice[] {
  // The stages before the ranker: what it re-ranks is what they leave.
  const doc = run(createDoc(gold.text), stages.slice(0, stages.findIndex((s) => s.name === 'speakers')));
  const ctx = context(doc);
  const map = utf16ToCodePoint(gold.text);
  const out: Choice[] = [];
  const earlier: Statement[] = [];
  for (const s of doc.layers.statements ?? []) {
    const t = target(doc, s);
    const span = { start: map[s.start]!, end: map[Math.min(s.end, map.length - 1)]! };
    const g = gold.quotes.filter((q) => !q.optional && !q.speaker_unresolved && jaccard(q, span) >= 0.5).sort((a, b) => jaccard(b, span) - jaccard(a, span))[0];
    if (t && g) {
      const cs = candidates(ctx, t, earlier);
      const right = cs.map((c) => speakerOk(c.entity.name, g));
      if (right.some(Boolean) && cs.length > 1) out.push({ candidates: cs, right });
    }
    earlier.push(s);
  }
  return out;
}

function probabilities(w: Float64Array, c: Choice): number[] {
  const z = c.candidates.map((x) => scoreOf(w, x));
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

function train(data: readonly Choice[]): Float64Array {
  const w = new Float64Array(FEATURES.length);
  w[FEATURES.indexOf('chosen')] = 1;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Float64Array(w.length);
    for (const c of data) {
      const p = probabilities(w, c);
      const pr = p.reduce((a, v, i) => a + (c.right[i] ? v : 0), 0);
      // d log P(right) / dw = E[f | right] - E[f]
      c.candidates.forEach((x, i) => {
        const coef = (c.right[i] ? p[i]! / pr : 0) - p[i]!;
        for (let k = 0; k < w.length; k++) grad[k]! += coef * x.features[k]!;
      });
    }
    for (let k = 0; k < w.length; k++) w[k]! += RATE * (grad[k]! / data.length - L2 * w[k]!);
  }
  return w;
}

/** Share of choices where the top candidate is right, under weights w (the rules alone: `chosen` only). */
function accuracy(w: Float64Array, data: readonly Choice[]): number {
  let right = 0;
  for (const c of data) {
    const z = c.candidates.map((x) => scoreOf(w, x));
    right += c.right[z.indexOf(Math.max(...z))] ? 1 : 0;
  }
  return data.length ? right / data.length : 0;
}

if (!existsSync(trainPath)) {
  process.stderr.write(`train: ${trainPath}: not found (the annotated corpus sits in ../shared/corpora beside the repo)\n`);
  process.exit(1);
}
const data = load(trainPath).flatMap(choices);
const rules = Float64Array.from(FEATURES, (f) => (f === 'chosen' ? 1 : 0));
const w = train(data);
process.stdout.write(`train: ${data.length} choices; top-1 right: rules ${accuracy(rules, data).toFixed(3)}, ranker ${accuracy(w, data).toFixed(3)}\n`);
if (devPath && existsSync(devPath)) {
  const dev = load(devPath).flatMap(choices);
  process.stdout.write(`dev:   ${dev.length} choices; top-1 right: rules ${accuracy(rules, dev).toFixed(3)}, ranker ${accuracy(w, dev).toFixed(3)}\n`);
}
const body = FEATURES.map((f, i) => `  ${f}: ${w[i]!.toFixed(4)},`).join('\n');
writeFileSync(resolve(root, 'src/extract/model/speaker-weights.ts'),
  `// Written by scripts/train/speakers.ts from ${data.length} speaker choices in annotated news; do not edit by hand.\n` +
  `export const SPEAKER_WEIGHTS: Readonly<Record<string, number>> = {\n${body}\n};\n`);
