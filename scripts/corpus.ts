/**
 * A deterministic fictional news corpus for benchmarks: the same seed gives the
 * same articles on every machine, so figures stay comparable. Every person,
 * place and outlet is invented (given names joined to made-up surnames, made-up
 * towns and papers): never a real person's name with an invented quote.
 *
 * Styles mixed in each article: wire ("…," Name said.), inverted ("…," said
 * Name), UK single quotes, colon-introduced quotes, quotes running over several
 * paragraphs, "according to", "told reporters", indirect speech ("said that"),
 * Q-and-A blocks, and plain narrative without any speech.
 *
 *   node --import tsx scripts/corpus.ts --mb 5 --out corpus.jsonl [--seed 1]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface CorpusArticle {
  readonly id: string;
  readonly title: string;
  readonly outlet: string;
  readonly published: string;
  readonly text: string;
}

/** mulberry32: tiny, fast, and good enough to vary text. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Ilse', 'Oskar', 'Ada', 'Rune', 'Mila', 'Teodor', 'Greta', 'Anselm', 'Marta', 'Jonas', 'Lena', 'Piet', 'Sanne', 'Edda',
  'Tobias', 'Vera', 'Henrik', 'Nadia', 'Felix', 'Ines', 'Bram', 'Cora', 'Emil', 'Hana', 'Lukas', 'Rosa', 'Stellan', 'Yara', 'Maren', 'Kasimir'];
const SUR_HEAD = ['Varn', 'Blask', 'Oster', 'Quel', 'Vesk', 'Jorv', 'Ilm', 'Graw', 'Fenn', 'Tarr', 'Mord', 'Skel', 'Brun', 'Hald', 'Orv', 'Zell'];
const SUR_TAIL = ['holt', 'ovic', 'by', 'mere', 'wick', 'stad', 'quist', 'ane', 'ard', 'essen', 'ingham', 'ow'];
const PLACES = ['Dunmere', 'Korvania', 'Lake Tessel', 'Brannock', 'Estravia', 'Velmora', 'Quarnholm', 'Saltreach', 'Ormsby Vale', 'Haldane Point'];
const OUTLETS = ['Dunmere Gazette', 'Korvania Herald', 'Northern Wire', 'Estravia Daily', 'Tessel Courier', 'Brannock Evening Post', 'Velmora Ledger'];
const ROLES = ['the mayor of {P}', "{P}'s finance minister", 'a spokeswoman for the {P} Harbour Authority', 'chair of the {P} council',
  "head of the {P} Fishermen's Union", 'a professor at the University of {P}', 'the {P} police chief', 'a councillor in {P}'];
const TOPICS = ['harbour bridge', 'ferry timetable', 'school budget', 'flood barrier', 'rail line', 'wind farm', 'hospital wing',
  'fishing quota', 'museum roof', 'tram depot', 'water tariff', 'housing plan', 'lighthouse', 'market square'];
const WHEN = ['this year', 'before winter', 'by the spring', 'within two years', 'next month', 'as soon as the money is there'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const VERBS = ['rebuild', 'open', 'fund', 'review', 'delay', 'protect', 'finish', 'replace'];
const CLAIMS = [
  'We will {V} the {T} {W}', 'Nobody in {P} asked for a new {T}', 'The {T} has cost far more than anyone promised',
  'Families in {P} deserve an honest answer about the {T}', 'I have read the report on the {T} twice and I still do not believe it',
  'There is no plan B for the {T}', 'The council will {V} the {T} and it will not cost the taxpayers of {P} a penny',
  'My grandmother crossed the old {T} every morning, and she would not recognise it now', 'We simply do not have the staff',
  'If the ministry wants to {V} the {T}, it should say so in writing', 'I am not going to speculate about the contractor',
  'The numbers speak for themselves', 'Nobody is going to {V} anything until the inspectors have finished',
  'People are angry, and frankly they have every right to be', 'This is the biggest decision {P} has faced in a generation',
  'We were told the {T} would be ready {W}, and we are still waiting', 'Every engineer I spoke to says the {T} is safe',
];
const INDIRECT = ['the {T} would be finished {W}', 'the town could not afford to {V} the {T}', 'talks about the {T} had broken down',
  'a vote on the {T} was planned for {D}', 'nobody had been hurt when the {T} was closed'];
const NARRATIVE = [
  'The {T} was first proposed in {Y} and has been debated at every council meeting since.',
  'About {N} people live in {P}, most of them within walking distance of the {T}.',
  'Work on the {T} stopped in {Y} after the contractor went bankrupt.',
  'Rain fell across {P} for most of {D}, and several roads near the {T} were closed.',
  'The figures were published on the council website late on {D}.',
  'A public meeting is scheduled for next {D} in the {P} town hall.',
  'Shops along the quay stayed shut, and a queue of lorries stretched back past the old customs house.',
  'Opposition councillors walked out of the chamber before the vote.',
  'The contract, worth {N} crowns, was signed without a public tender.',
];
const QUESTIONS = ['What happens to the {T} now?', 'Who pays for the {T}?', 'Was the {T} ever safe?', 'When will {P} know more?'];

interface Person { name: string; surname: string; role: string }

class Writer {
  constructor(private readonly rnd: () => number) {}
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.rnd() * xs.length)]!; }
  int(lo: number, hi: number): number { return lo + Math.floor(this.rnd() * (hi - lo + 1)); }
  fill(template: string, place: string, topic: string): string {
    return template.replace(/\{(\w)\}/g, (_, k: string) => ({
      P: place, T: topic, W: this.pick(WHEN), D: this.pick(DAYS), V: this.pick(VERBS),
      Y: String(this.int(1990, 2023)), N: String(this.int(2, 90) * 1000),
    })[k] ?? k);
  }
  person(place: string): Person {
    const surname = this.pick(SUR_HEAD) + this.pick(SUR_TAIL);
    return { name: `${this.pick(GIVEN)} ${surname}`, surname, role: this.pick(ROLES).replace('{P}', place) };
  }
}

/** One article of about `target` characters, in one outlet's voice. */
function article(w: Writer, i: number, target: number): CorpusArticle {
  const place = w.pick(PLACES);
  const topic = w.pick(TOPICS);
  const people = Array.from({ length: w.int(1, 4) }, () => w.person(place));
  const introduced = new Set<Person>();
  // First mention: full name and role; later: surname only, as news style does.
  const who = (p: Person): string => (introduced.has(p) ? p.surname : (introduced.add(p), `${p.name}, ${p.role},`));
  const bare = (p: Person): string => (introduced.has(p) ? p.surname : (introduced.add(p), p.name));
  const claim = (): string => w.fill(w.pick(CLAIMS), place, topic);
  const paras: string[] = [w.fill(w.pick(NARRATIVE), place, topic)];
  let size = paras[0]!.length;
  while (size < target) {
    const p = w.pick(people);
    let para: string;
    switch (w.int(0, 10)) {
      case 0: para = `"${claim()}," ${bare(p)} said.`; break;
      case 1: para = `"${claim()}," said ${who(p).replace(/,$/, '')}.`; break;
      case 2: para = `'${claim()},' ${bare(p)} said on ${w.pick(DAYS)}.`; break;
      case 3: para = `${who(p)} put it plainly: "${claim()}."`; break;
      case 4: para = `"${claim()}. ${claim()}.\n\n"${claim()}," ${bare(p)} added.`; break;
      case 5: para = `${claim()}, according to ${bare(p)}.`; break;
      case 6: para = `"${claim()}," ${bare(p)} told reporters on ${w.pick(DAYS)}.`; break;
      case 7: para = `${who(p)} said that ${w.fill(w.pick(INDIRECT), place, topic)}.`; break;
      case 8: {
        para = `${bare(p)} answered questions from the ${w.pick(OUTLETS)}.`;
        for (let k = w.int(1, 3); k > 0; k--) para += `\n\nQ: ${w.fill(w.pick(QUESTIONS), place, topic)}\n\nA: ${claim()}.`;
        break;
      }
      default: para = w.fill(w.pick(NARRATIVE), place, topic);
    }
    paras.push(para);
    size += para.length + 2;
  }
  const day = new Date(Date.UTC(2024, 0, 1) + w.int(0, 900) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `corpus-${i}`,
    title: `${place}: ${w.pick(['row over', 'new doubts about', 'council backs', 'residents question'])} ${topic}`,
    outlet: w.pick(OUTLETS),
    published: day,
    text: paras.join('\n\n'),
  };
}

/** Articles of ~1–5 KB until their texts reach `bytes` (UTF-8) in total. */
export function generateCorpus({ bytes, seed = 1 }: { bytes: number; seed?: number }): CorpusArticle[] {
  const w = new Writer(prng(seed));
  const out: CorpusArticle[] = [];
  for (let total = 0; total < bytes; ) {
    const a = article(w, out.length, w.int(1000, 5000));
    out.push(a);
    total += Buffer.byteLength(a.text);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, dflt: string): string => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
  };
  const mb = Number(arg('mb', '5'));
  const seed = Number(arg('seed', '1'));
  const path = arg('out', '-');
  if (!(mb > 0) || !Number.isInteger(seed)) {
    console.error('usage: node --import tsx scripts/corpus.ts [--mb 5] [--seed 1] [--out corpus.jsonl]');
    process.exit(2);
  }
  const out = path === '-' ? process.stdout : createWriteStream(path);
  out.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1)); // `| head` is fine
  for (const a of generateCorpus({ bytes: mb * 1e6, seed })) {
    if (!out.write(JSON.stringify(a) + '\n')) await once(out, 'drain');
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
}
