import { createHash } from 'node:crypto';
import type { ArticleRecord, Entity, Statement } from '../../src/types.js';

/** Hand-built article records with fictional people, for precise identity and utterance cases. */
export interface Said { speaker: string; text: string; type?: 'direct' | 'indirect'; via?: string; addressee?: string; date?: string; mentions?: string[] }
export interface PersonSpec { name: string; aliases?: string[]; role?: string; affiliation?: string; unnamed?: boolean; type?: Entity['type'] }

export function record(o: { id: string; outlet?: string; published?: string; people: PersonSpec[]; said: Said[]; title?: string }): ArticleRecord {
  let text = '';
  const entities: Entity[] = [];
  const mentions = new Map<string, { start: number; end: number }[]>();
  const statements: Statement[] = [];
  const local = (name: string) => `e${o.people.findIndex((p) => p.name === name) + 1}`;
  for (const s of o.said) {
    const start = text.length;
    text += s.text;
    const end = text.length;
    for (const m of s.mentions ?? []) {
      const at = s.text.indexOf(m);
      if (at >= 0) mentions.set(local(m === '' ? m : o.people.find((p) => p.name === m || p.aliases?.includes(m))!.name), [...(mentions.get(local(o.people.find((p) => p.name === m || p.aliases?.includes(m))!.name)) ?? []), { start: start + at, end: start + at + m.length }]);
    }
    text += ` said ${s.speaker}.\n`;
    statements.push({
      kind: 'statement', type: s.type ?? 'direct', text: s.text, start, end, cue: 'said',
      speaker: { name: s.speaker, mention: s.speaker, entityId: local(s.speaker) },
      ...(s.via ? { via: s.via } : {}), ...(s.addressee ? { addressee: s.addressee } : {}), ...(s.date ? { date: s.date } : {}),
    });
  }
  o.people.forEach((p, i) => {
    const id = `e${i + 1}`;
    entities.push({
      kind: 'entity', id, type: p.type ?? 'person', name: p.name, aliases: p.aliases ?? [], mentions: mentions.get(id) ?? [],
      ...(p.role ? { role: p.role } : {}), ...(p.affiliation ? { affiliation: p.affiliation } : {}), ...(p.unnamed ? { unnamed: true } : {}),
    });
  });
  return {
    kind: 'article-record',
    article: {
      kind: 'article', id: o.id, version: createHash('sha256').update(text).digest('hex'), text, authors: [], source: `${o.id}.txt`,
      ...(o.outlet ? { outlet: o.outlet } : {}), ...(o.published ? { published: o.published } : {}), ...(o.title ? { title: o.title } : {}),
    },
    statements, entities, messages: [],
  };
}
