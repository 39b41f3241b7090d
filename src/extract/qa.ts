import type { Doc, Entity, SpeakerRef, Statement } from '../types.js';
import { NAME_TITLES } from './lexicon/roles.js';
import { PLACES } from './lexicon/places.js';

/** "A: …", "A. …", "Answer: …": an interview answer, in the interviewee's own words. */
const ANSWER = /^(?:A|Answer)\s*[:.)\u2014\u2013]\s+/;
const QUESTION = /^(?:Q|Question)\s*[:.)\u2014\u2013]\s+/;
/** "VARNHOLT: …", "Ilse Varnholt: …": a transcript line, up to three words of name. */
const TRANSCRIPT = /^(\p{Lu}[\p{L}'\u2019.-]*(?:\s+\p{Lu}[\p{L}'\u2019.-]*){0,2}):\s+/u;

/** Whom an interview is with: the person quoted most so far, else the person named most. */
function interviewee(doc: Doc, statements: readonly Statement[]): SpeakerRef | null {
  const counts = new Map<string, { ref: SpeakerRef; n: number }>();
  for (const s of statements) {
    if (!s.speaker?.entityId) continue;
    const c = counts.get(s.speaker.entityId) ?? { ref: s.speaker, n: 0 };
    c.n++;
    counts.set(s.speaker.entityId, c);
  }
  const quoted = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  if (quoted) return quoted.ref;
  const named = (doc.layers.entities ?? []).filter((e) => e.type === 'person' && !e.unnamed).sort((a, b) => b.mentions.length - a.mentions.length)[0];
  return named ? { name: named.name, mention: named.name, entityId: named.id } : null;
}

/** The person a transcript label names ("VARNHOLT" -> Ilse Varnholt), by name or alias, any case. */
function labelled(entities: readonly Entity[], label: string): SpeakerRef | null {
  const key = label.toLowerCase();
  const e = entities.find((x) => x.type === 'person' && [x.name, ...x.aliases].some((a) => a.toLowerCase() === key || a.toLowerCase().endsWith(` ${key}`)));
  return e ? { name: e.name, mention: label, entityId: e.id } : null;
}

/** Headings written in capitals before a colon that name no speaker. */
const HEADINGS = new Set(['update', 'updates', 'note', 'editor\'s note', 'correction', 'watch', 'read more', 'related', 'warning', 'breaking', 'live', 'analysis', 'opinion', 'photos', 'video']);

/**
 * "THE MODERATOR: Next question", "SEN. HARROW: …": a label in capitals with "THE" or a title names a speaker
 * of a transcript even when the article names nobody by it (not "UPDATE:", "EXCLUSIVE:", nor a short line).
 */
function capitalLabel(label: string, rest: string): SpeakerRef | null {
  if (label !== label.toUpperCase() || !/\p{Lu}{2}/u.test(label) || HEADINGS.has(label.toLowerCase()) || rest.trim().split(/\s+/).length < 3) return null;
  // A kicker before a headline ("EXCLUSIVE:", "FIX IS IN:") names nobody: a speaker's label has a title or "THE".
  const first = label.split(/\s+/)[0]!.toLowerCase();
  if (!label.includes(' ') || !(first === 'the' || NAME_TITLES.has(first) || NAME_TITLES.has(`${first}.`))) return null;
  const name = label.replace(/^THE\s+/, '').toLowerCase().replace(/(^|[\s.-])\p{L}/gu, (c) => c.toUpperCase());
  return { name, mention: label, entityId: null };
}

/** A label before words that read as speech, not a data field ("Pledged: 781"), a list or a place ("Iowa: …"). */
function spoken(label: RegExpExecArray | null, line: string): boolean {
  if (!label || label[1]!.split(/\s+/).length > 2 || PLACES.has(label[1]!.toLowerCase())) return false;
  const rest = line.slice(label[0].length);
  return rest.split(/\s+/).length >= 4 && !/^\d/.test(rest) && (rest.match(/,/g)?.length ?? 0) < 3;
}

/** "Halvorsen: Not at the time." in a transcript: the label is the speaker; the interviewer's lines are questions. */
function transcriptLabel(label: string): SpeakerRef | null {
  if (HEADINGS.has(label.toLowerCase()) || /^(?:interviewer|question|q|moderator|host|reporter)$/i.test(label)) return null;
  return { name: label, mention: label, entityId: null };
}

/**
 * Question-and-answer interviews and transcripts: each answer paragraph is a direct
 * statement of the interviewee, each "NAME:" line one of that person. They replace any
 * statement an earlier stage read inside the same paragraph.
 */
export function qa(doc: Doc): void {
  const text = doc.text;
  let statements: Statement[] = [...(doc.layers.statements ?? [])];
  const entities = doc.layers.entities ?? [];
  let guest: SpeakerRef | null | undefined;
  // A transcript: three or more paragraphs open with "Name:" labels; then any label names its speaker.
  const labels = (doc.layers.paragraphs ?? []).filter((p) => spoken(TRANSCRIPT.exec(text.slice(p.start, p.end)), text.slice(p.start, p.end))).length;
  for (const p of doc.layers.paragraphs ?? []) {
    const line = text.slice(p.start, p.end);
    // A quote inside an interviewer's question is not the interviewee's statement.
    if (QUESTION.test(line)) {
      statements = statements.filter((s) => s.end <= p.start || s.start >= p.end);
      continue;
    }
    const answer = ANSWER.exec(line);
    const label = answer ? null : TRANSCRIPT.exec(line);
    const speaker = answer ? (guest ??= interviewee(doc, statements)) : label ? labelled(entities, label[1]!) ?? capitalLabel(label[1]!, line.slice(label[0].length)) ?? (labels >= 3 && spoken(label, line) ? transcriptLabel(label[1]!) : null) : null;
    if (!speaker) continue;
    let start = p.start + (answer ?? label)![0].length;
    let end = p.end;
    // An answer wrapped in its own quote marks: the marks are not part of the words.
    if (/^["\u201C]/.test(text[start]!) && /["\u201D]$/.test(text[end - 1]!)) { start++; end--; }
    if (end - start < 2) continue;
    statements = statements.filter((s) => s.end <= p.start || s.start >= p.end);
    statements.push({ kind: 'statement', type: 'direct', text: text.slice(start, end), start, end, speaker, cue: null });
  }
  statements.sort((a, b) => a.start - b.start);
  doc.layers.statements = statements;
}
