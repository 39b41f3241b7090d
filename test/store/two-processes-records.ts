import type { ArticleRecord } from '../../src/types.js';
import { record } from './records.js';

const PEOPLE = ['Ilse Varnholt', 'Teodor Blaskovic', 'Marta Quellen', 'Oskar Dremmel'];
const QUOTES = ['The harbour bridge reopens before the storms.', 'Nobody asked the council about the toll.', 'We will publish every figure of the audit.'];

/** 120 small fictional articles sharing speakers and quotes, in an order that depends on the seed. */
export function writerRecords(seed: number): ArticleRecord[] {
  const all = Array.from({ length: 120 }, (_, i) => {
    const who = PEOPLE[i % PEOPLE.length]!;
    return record({ id: `t${i}`, published: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`, people: [{ name: who }], said: [
      { speaker: who, text: QUOTES[i % QUOTES.length]! }, { speaker: who, text: `Point ${i} of the plan is settled.` },
    ] });
  });
  return seed % 2 ? all.reverse() : all;
}
