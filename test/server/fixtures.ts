import { createHash } from 'node:crypto';
import type { Article, ArticleRecord, Entity, EntityType, Statement, StatementType } from '../../src/types.js';

/**
 * Hand-built article records with fictional people, for the server tests. The
 * statements are given here instead of extracted, so what the pages and API
 * show can be checked independently of extraction quality.
 */

interface PersonSpec {
  readonly name: string;
  readonly type?: EntityType;
  /** Other ways the text names them ("Varnholt"). */
  readonly aliases?: readonly string[];
  readonly role?: string;
}

interface StatementSpec {
  /** The statement text exactly as in the article (its first occurrence). */
  readonly text: string;
  readonly speaker: string;
  readonly type?: StatementType;
  readonly cue?: string;
  readonly via?: string;
  readonly date?: string;
}

export interface ArticleSpec {
  readonly text: string;
  readonly url?: string;
  readonly title?: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly people: readonly PersonSpec[];
  readonly statements: readonly StatementSpec[];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function occurrences(text: string, word: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    spans.push({ start: at, end: at + word.length });
  }
  return spans;
}

export function record(spec: ArticleSpec): ArticleRecord {
  const article: Article = {
    kind: 'article',
    id: spec.url ?? `sha256:${sha256(spec.text)}`,
    version: sha256(spec.text),
    text: spec.text,
    authors: [],
    source: 'test/server/fixtures.ts',
    ...(spec.url ? { url: spec.url } : {}),
    ...(spec.title ? { title: spec.title } : {}),
    ...(spec.outlet ? { outlet: spec.outlet } : {}),
    ...(spec.published ? { published: spec.published } : {}),
  };
  const entities: Entity[] = spec.people.map((p, i) => {
    const names = [p.name, ...(p.aliases ?? [])];
    const mentions = names
      .flatMap((n) => occurrences(spec.text, n))
      .sort((a, b) => a.start - b.start)
      .filter((m, j, all) => j === 0 || m.start >= all[j - 1]!.end);
    return {
      kind: 'entity',
      id: `e${i + 1}`,
      type: p.type ?? 'person',
      name: p.name,
      aliases: names,
      ...(p.role ? { role: p.role } : {}),
      mentions,
    };
  });
  const statements: Statement[] = spec.statements.map((s) => {
    const start = spec.text.indexOf(s.text);
    if (start < 0) throw new Error(`fixture statement not in its text: ${s.text}`);
    const entity = entities.find((e) => e.name === s.speaker);
    if (!entity) throw new Error(`fixture speaker not among the people: ${s.speaker}`);
    return {
      kind: 'statement',
      type: s.type ?? 'direct',
      text: s.text,
      start,
      end: start + s.text.length,
      speaker: { name: entity.name, mention: entity.name, entityId: entity.id },
      cue: s.cue ?? 'said',
      ...(s.via ? { via: s.via } : {}),
      ...(s.date ? { date: s.date } : {}),
    };
  });
  return { kind: 'article-record', article, statements, entities, messages: [] };
}

const varnholt = { name: 'Ilse Varnholt', aliases: ['Varnholt'], role: 'Mayor' };
const eskildsen = { name: 'Ruben Eskildsen', aliases: ['Eskildsen'], role: 'Councillor' };
const blaskovic = { name: 'Teodor Blaskovic', aliases: ['Blaskovic'], role: 'prime minister' };
const dunmere = { name: 'Dunmere', type: 'place' as const };

export const SNOW = 'The bridge will be open before the first snow';
export const SCRIPT_QUOTE = `<script>alert("onrecord")</script> is not a plan`;

/** Three outlets, two months, one quote carried twice, one article full of markup to escape. */
export const ARTICLES: readonly ArticleSpec[] = [
  {
    url: 'https://wire.northern.example/2025/03/03/bridge',
    outlet: 'Northern Wire',
    title: 'Dunmere mayor promises bridge before winter',
    published: '2025-03-03',
    text: `Mayor Ilse Varnholt of Dunmere spoke on Monday.\n"${SNOW}," Varnholt said.\nThe city signed contracts for the steel.`,
    people: [varnholt, dunmere],
    statements: [{ text: SNOW, speaker: 'Ilse Varnholt' }],
  },
  {
    url: 'https://gazette.dunmere.example/2025/03/04/first-snow',
    outlet: 'Dunmere Gazette',
    title: 'Varnholt sets a date for the harbour bridge',
    published: '2025-03-04',
    text:
      `Mayor Ilse Varnholt set a date for the bridge.\n"${SNOW}," Varnholt said at city hall.\n` +
      `Councillor Ruben Eskildsen said that the mayor was wrong about the steel.\n"Ilse Varnholt is dreaming," Eskildsen said.`,
    people: [varnholt, eskildsen],
    statements: [
      { text: SNOW, speaker: 'Ilse Varnholt' },
      { text: 'the mayor was wrong about the steel', speaker: 'Ruben Eskildsen', type: 'indirect' },
      { text: 'Ilse Varnholt is dreaming', speaker: 'Ruben Eskildsen' },
    ],
  },
  {
    url: 'https://herald.korvania.example/2025-05-21/span',
    outlet: 'Korvania Herald',
    title: 'Last span lifted on Dunmere bridge',
    published: '2025-05-21',
    text:
      `"We are ahead of schedule and under budget," Mayor Ilse Varnholt said on Tuesday.\n` +
      `"Ilse Varnholt asked me for a deeper river, and she has it," Teodor Blaskovic said.`,
    people: [varnholt, blaskovic],
    statements: [
      { text: 'We are ahead of schedule and under budget', speaker: 'Ilse Varnholt', date: '2025-05-20' },
      { text: 'Ilse Varnholt asked me for a deeper river, and she has it', speaker: 'Teodor Blaskovic', via: 'Northern Wire' },
    ],
  },
  {
    url: 'https://evil.example/<b>markup</b>',
    outlet: '<b>Bold Outlet</b>',
    title: '<img src=x onerror=alert(1)> headline',
    published: '2025-04-01',
    text: `"${SCRIPT_QUOTE}," Councillor Ruben Eskildsen said.\n<iframe src="https://evil.example"></iframe>`,
    people: [eskildsen],
    statements: [{ text: SCRIPT_QUOTE, speaker: 'Ruben Eskildsen' }],
  },
];

export const RECORDS: readonly ArticleRecord[] = ARTICLES.map(record);
