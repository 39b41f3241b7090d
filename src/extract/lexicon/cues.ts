import type { Token } from '../../types.js';

/** Verbs that double their last consonant before -ed and -ing (admitted, slamming). */
const DOUBLED = new Set(['admit', 'quip', 'slam', 'snap', 'regret', 'commit', 'submit', 'omit']);

/** Speech cues: form as written (lower case) -> lemma. US and UK spellings. */
const VERBS: Record<string, string[]> = {
  say: ['said', 'says', 'say', 'saying'],
  tell: ['told', 'tells', 'telling', 'tell'],
  write: ['wrote', 'writes', 'writing', 'write'],
  testify: ['testified', 'testifies', 'testifying'],
  // Reporting verbs that need a clause after them ("CNN reported the planes had left"), never a bare object.
  report: ['reported', 'reports', 'reporting'],
  estimate: ['estimated', 'estimates'],
  reply: ['replied', 'replies', 'replying'],
  deny: ['denied', 'denies', 'denying', 'deny'],
  imply: ['implied', 'implies', 'implying'],
  signal: ['signalled', 'signaled', 'signals', 'signalling', 'signaling'],
  criticize: ['criticized', 'criticizes', 'criticizing', 'criticised', 'criticises', 'criticising', 'criticize', 'criticise'],
  emphasize: ['emphasized', 'emphasizes', 'emphasised', 'emphasises', 'emphasizing', 'emphasising', 'emphasize', 'emphasise'],
  underline: ['underlined', 'underlines', 'underscored', 'underscores'],
  believe: ['believes'],
  post: ['posted'],
  state: ['stated', 'states', 'stating'],
  inform: ['informed'],
  agree: ['agreed', 'agrees', 'agree'],
  mention: ['mentioned', 'mentions', 'mentioning'],
  call: ['called', 'calls', 'calling'],
  // Cues that introduce quoted words only: "…," he continued; "…," she barked. (What a sign or banner
  // "reads" is a slogan, not speech.)
  continue: ['continued', 'continues'],
  elaborate: ['elaborated', 'elaborates'],
  bark: ['barked'],
  chant: ['chanted'],
  exclaim: ['exclaimed'],
  snap: ['snapped'],
  // "I" and "we" speak too: "I told him …", "we argue …".
  ...regular([
    'add', 'declare', 'urge', 'warn', 'note', 'stress', 'insist', 'argue', 'claim', 'explain', 'remark', 'highlight',
    'outline', 'announce', 'acknowledge', 'ask', 'tweet', 'confirm', 'admit', 'predict', 'suggest', 'recall',
    'promise', 'vow', 'contend', 'assert', 'reiterate', 'concede', 'complain', 'caution', 'respond', 'reveal',
    'observe', 'pledge', 'threaten', 'demand', 'propose', 'recommend', 'advise', 'hint', 'retort', 'quip', 'joke',
    'shout', 'whisper', 'assure', 'disclose', 'counter', 'describe', 'accuse', 'cite', 'defend', 'praise', 'dismiss',
    'blame', 'question', 'express', 'mock', 'blast', 'slam', 'attack', 'denounce', 'condemn', 'thank', 'remind',
    'repeat', 'lament', 'allege', 'email', 'tout', 'boast', 'wonder', 'predict', 'speculate', 'muse',
    'lambast', 'chide', 'scold', 'rebuke', 'applaud', 'hail', 'welcome', 'reject', 'recount', 'explain', 'brag',
    'proclaim', 'insinuate', 'interject', 'emphasize', 'clarify', 'reaffirm', 'affirm', 'acknowledge', 'protest',
    'beg', 'implore', 'concur', 'grumble', 'groan', 'sigh', 'ridicule',
    'decry', 'deride', 'fault', 'credit', 'commend', 'compliment', 'congratulate', 'tease', 'taunt', 'insult',
  ]),
};

/** Regular forms of each lemma: past, third person, gerund and base ("argue": argued, argues, arguing, argue). */
function regular(lemmas: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const l of lemmas) {
    const stem = l.endsWith('e') ? l.slice(0, -1) : DOUBLED.has(l) ? l + l.slice(-1) : l;
    const third = /(?:s|sh|ch|x|z)$/.test(l) ? `${l}es` : `${l}s`;
    out[l] = [`${stem}ed`.replace(/eed$/, 'ed'), third, `${stem}ing`, l];
  }
  return out;
}

/** Forms that are nouns or adjectives as often as verbs: a cue only where the tagger reads a verb. */
export const BASE_FORMS: ReadonlySet<string> = new Set(
  Object.values(VERBS).flatMap((forms) => forms.filter((f) => !/(?:ed|ing)$/.test(f) && !['said', 'told', 'wrote'].includes(f))),
);

/** Two-word cues, keyed by their lower-case words. */
export const PHRASAL: ReadonlyMap<string, string> = new Map([
  ['according to', 'according to'], ['called for', 'call for'], ['calls for', 'call for'], ['called on', 'call on'],
  ['calls on', 'call on'], ['pointed out', 'point out'], ['points out', 'point out'], ['pointing out', 'point out'],
  ['calling for', 'call for'], ['calling on', 'call on'], ['pointed to', 'point to'], ['points to', 'point to'],
  ['pointing to', 'point to'], ['point to', 'point to'],
  // "spoke about the plan", "talked of reform": what was spoken about is reported, as a noun phrase.
  ...['spoke', 'speaks', 'speaking', 'spoken', 'speak'].flatMap((f) => [[`${f} about`, 'speak about'], [`${f} of`, 'speak about']] as const),
  ...['talked', 'talks', 'talking', 'talk'].flatMap((f) => [[`${f} about`, 'talk about']] as const),
]);

/** Verbs that report speech only before "that" ("the study found that …", not "police found a car"). */
export const THAT_ONLY: ReadonlyMap<string, string> = new Map([
  ['found', 'find'], ['finds', 'find'], ['concluded', 'conclude'],
  ['concludes', 'conclude'], ['showed', 'show'], ['shows', 'show'], ['charged', 'charge'], ['charges', 'charge'], ['maintained', 'maintain'],
  ['maintains', 'maintain'], ['testified', 'testify'], ['indicated', 'indicate'],
]);

export const CUE_LEMMA: ReadonlyMap<string, string> = new Map(
  Object.entries(VERBS).flatMap(([lemma, forms]) => forms.map((f) => [f, lemma] as const)),
);

/** Cues that introduce a quotation, never reported speech ("he continued", "she barked"). */
export const QUOTE_ONLY: ReadonlySet<string> = new Set(['continue', 'elaborate', 'bark', 'chant', 'exclaim', 'snap']);

/** Cues whose object is the addressee and the content follows it ("urged leaders to ..."). */
export const ADDRESSEE_CUES: ReadonlySet<string> = new Set(['urge', 'tell', 'warn', 'ask', 'call on', 'advise', 'assure', 'inform']);

const JUDGING_LIST = [
  'call', 'describe', 'accuse', 'criticize', 'defend', 'praise', 'dismiss', 'blame', 'question', 'mock', 'blast',
  'slam', 'attack', 'denounce', 'condemn', 'thank', 'lambast', 'chide', 'scold', 'rebuke', 'applaud', 'hail',
  'ridicule', 'decry', 'deride', 'fault', 'credit', 'commend', 'congratulate', 'insult',
];

/** Cues that introduce content as a noun phrase ("emphasized the need for ..."). */
export const NP_CUES: ReadonlySet<string> = new Set([
  'emphasize', 'stress', 'highlight', 'outline', 'note', 'underline', 'acknowledge', 'reiterate',
  'call for', 'demand', 'propose', 'recommend', 'pledge', 'promise', 'point to', 'cite', 'express', 'deny',
  'announce', 'reveal', 'disclose', 'predict', 'suggest', 'vow', 'tout', 'speak about', 'talk about', 'question', 'recall',
  ...JUDGING_LIST,
]);

/**
 * Verbs that judge someone or something: what they say of it is their object with its complement
 * ("called the plan "a disaster"", "accused the mayor of lying", "praised the council for …"); a bare
 * object ("defended the bill", "called a referendum") says nothing, and none of them introduces a quote.
 */
export const JUDGING: ReadonlySet<string> = new Set(JUDGING_LIST);


/** Nouns of saying that report a clause after their owner: "his claim that …", "the mayor's warning that …". */
export const NOUN_CUES: ReadonlySet<string> = new Set([
  'claim', 'claims', 'assertion', 'assertions', 'argument', 'statement', 'announcement', 'allegation', 'allegations',
  'suggestion', 'insistence', 'warning', 'warnings', 'promise', 'pledge', 'vow', 'contention', 'accusation',
  'accusations', 'charge', 'remark', 'remarks', 'comment', 'comments', 'testimony', 'admission', 'prediction',
  'declaration', 'complaint', 'denial', 'insinuation', 'boast', 'message', 'threat',
]);

const POSSESSIVES = new Set(['his', 'her', 'their', 'its', 'my', 'our', 'your']);

/**
 * "The Coastal Trust notes the ferry is …", "About 3 in 10 say they …": the tagger reads a verb after its
 * subject as a noun; a subject before it and a clause starting right after it make it the verb.
 */
export function verbAfterSubject(t: Token, prev: Token | undefined, next: Token | undefined): boolean {
  if (!prev || !next || POSSESSIVES.has(prev.normal)) return false;
  const clauseFollows = /^(?:DET|PRON|PROPN|NUM)$/.test(next.pos) || next.normal === 'that';
  // "About 3 in 10 say they …": a base form after a number is the verb of its share of people.
  if (prev.pos === 'NUM') return clauseFollows;
  return /[^s]s$/.test(t.normal) && /^(?:PROPN|NOUN|PRON)$/.test(prev.pos) && clauseFollows;
}
