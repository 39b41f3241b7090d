import type { Doc, Statement } from '../types.js';
import { ADDRESSEE_CUES, NP_CUES } from './lexicon/cues.js';
import { speakerFrom, subjectOf } from './direct.js';
import { lowerBound, within } from './lexicon/spans.js';

/** Whether pos lies inside one of the spans (sorted by start; outer spans contain the inner ones). */
function inside(spans: readonly { start: number; end: number }[], pos: number): boolean {
  for (let i = lowerBound(spans, pos + 1) - 1, n = 0; i >= 0 && n < 8; i--, n++) if (spans[i]!.start <= pos && pos < spans[i]!.end) return true;
  return false;
}

export function indirect(doc: Doc): void {
  const text = doc.text;
  const statements: Statement[] = [...(doc.layers.statements ?? [])];
  const directs = statements.filter((s) => s.type === 'direct');
  const quotes = doc.layers.quotes ?? [];
  for (const s of doc.layers.sentences ?? []) {
    const cs = within(doc.layers.cues ?? [], s.start, s.end).filter((c) => !inside(quotes, c.start));
    for (const cue of cs) {
      // Attributions of direct quotes are already taken.
      if (within(directs, s.start - 2000, cue.start).some((d) => d.end <= cue.start && cue.start - d.end < 60 && text.slice(d.end, cue.start).indexOf('.') < 0 && d.end > s.start - 2)) continue;
      if (cue.lemma === 'according to') {
        const after = text.slice(cue.end, s.end);
        const comma = after.indexOf(',');
        let start: number, end: number;
        if (comma > 0) { start = cue.end + comma + 1; end = s.end; }
        else { start = s.start; end = cue.start; }
        while (start < end && /[\s,]/.test(text[start] ?? '')) start++;
        while (end > start && /[\s,.]/.test(text[end - 1] ?? '')) end--;
        const srcEnd = comma > 0 ? cue.end + comma : s.end;
        const m = subjectOf(doc, { ...cue, end: cue.end }, cue.end, srcEnd);
        if (end - start < 15 || inside(directs, start)) continue;
        statements.push({ kind: 'statement', type: 'indirect', text: text.slice(start, end), start, end, speaker: speakerFrom(doc, m), cue: cue.text });
        continue;
      }
      let start = cue.end;
      const rest = text.slice(start, s.end);
      const thatAt = rest.slice(0, 40).search(/\bthat\b/);
      const skip = thatAt >= 0 && !/[,;]/.test(rest.slice(0, thatAt));
      if (!skip) {
        if (ADDRESSEE_CUES.has(cue.lemma) && /^\s+[\w' ]{1,60}?\s+to\s+\w/.test(rest)) start = cue.end;
        else if (!NP_CUES.has(cue.lemma) && !/^\s+(?:it|he|she|they|we|the|a|an|[A-Z0-9])/.test(rest)) continue;
      } else start = cue.end + thatAt + 4;
      while (start < s.end && /\s/.test(text[start] ?? '')) start++;
      let end = s.end;
      while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
      // A trailing ", following/amid/as ..." clause is the reporter's framing, not the reported content.
      const framing = /,\s+(?:following|amid|after|before|as|while|despite|during)\b/.exec(text.slice(start, end));
      if (framing) end = start + framing.index;
      if (text[end - 1] === '.' && !/["\u201D\u2019']/.test(text[end - 2] ?? '')) end--;
      if (/^["\u201C\u2018]/.test(text[start] ?? '') || end - start < 15) continue;
      const m = subjectOf(doc, cue, s.start, cue.start) ?? undefined;
      if (!m && !/^[a-z]/.test(text[cue.start] ?? '')) continue;
      const addressee = ADDRESSEE_CUES.has(cue.lemma) ? undefined : undefined;
      statements.push({
        kind: 'statement', type: 'indirect', text: text.slice(start, end), start, end,
        speaker: speakerFrom(doc, m), cue: cue.text, ...(addressee ? { addressee } : {}),
      });
    }
  }
  statements.sort((a, b) => a.start - b.start);
  doc.layers.statements = statements;
}
