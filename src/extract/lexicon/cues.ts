/** Speech cues: form as written (lower case) -> lemma. US and UK spellings. */
const VERBS: Record<string, string[]> = {
  say: ['said', 'says', 'say', 'saying'],
  tell: ['told', 'tells', 'telling'],
  add: ['added', 'adds', 'adding'],
  declare: ['declared', 'declares', 'declaring'],
  emphasize: ['emphasized', 'emphasizes', 'emphasised', 'emphasises', 'emphasizing', 'emphasising'],
  urge: ['urged', 'urges', 'urging'],
  warn: ['warned', 'warns', 'warning'],
  note: ['noted', 'notes', 'noting'],
  stress: ['stressed', 'stresses', 'stressing'],
  insist: ['insisted', 'insists', 'insisting'],
  argue: ['argued', 'argues', 'arguing'],
  claim: ['claimed', 'claims'],
  explain: ['explained', 'explains', 'explaining'],
  remark: ['remarked', 'remarks'],
  highlight: ['highlighted', 'highlights', 'highlighting'],
  outline: ['outlined', 'outlines'],
  announce: ['announced', 'announces', 'announcing'],
  acknowledge: ['acknowledged', 'acknowledges', 'acknowledging'],
  ask: ['asked', 'asks'],
  reply: ['replied', 'replies'],
  write: ['wrote', 'writes'],
  tweet: ['tweeted', 'tweets'],
  post: ['posted'],
  state: ['stated', 'states'],
  confirm: ['confirmed', 'confirms'],
  deny: ['denied', 'denies'],
  admit: ['admitted', 'admits'],
  predict: ['predicted', 'predicts'],
  suggest: ['suggested', 'suggests'],
  recall: ['recalled', 'recalls'],
  continue: ['continued'],
  promise: ['promised', 'promises'],
  vow: ['vowed', 'vows'],
  contend: ['contended'],
  assert: ['asserted', 'asserts'],
  maintain: ['maintained'],
  underline: ['underlined', 'underscored'],
  reiterate: ['reiterated'],
  concede: ['conceded'],
  complain: ['complained'],
  caution: ['cautioned'],
  respond: ['responded'],
  reveal: ['revealed'],
  observe: ['observed'],
  pledge: ['pledged', 'pledges', 'pledging'],
  threaten: ['threatened', 'threatens'],
  demand: ['demanded', 'demands'],
  propose: ['proposed', 'proposes'],
  recommend: ['recommended', 'recommends'],
  advise: ['advised', 'advises'],
  hint: ['hinted', 'hints'],
  signal: ['signalled', 'signaled', 'signals'],
  retort: ['retorted'],
  quip: ['quipped'],
  joke: ['joked'],
  shout: ['shouted'],
  whisper: ['whispered'],
  assure: ['assured', 'assures'],
  inform: ['informed'],
  disclose: ['disclosed'],
  agree: ['agreed'],
  counter: ['countered'],
  testify: ['testified'],
  mention: ['mentioned'],
  believe: ['believes'],
};

/** Two-word cues, keyed by their lower-case words. */
export const PHRASAL: ReadonlyMap<string, string> = new Map([
  ['according to', 'according to'], ['called for', 'call for'], ['calls for', 'call for'], ['called on', 'call on'],
  ['calls on', 'call on'], ['pointed out', 'point out'], ['points out', 'point out'],
]);

/** Verbs that report speech only before "that" ("the study found that …", not "police found a car"). */
export const THAT_ONLY: ReadonlyMap<string, string> = new Map([
  ['found', 'find'], ['finds', 'find'], ['reported', 'report'], ['reports', 'report'], ['concluded', 'conclude'],
  ['concludes', 'conclude'], ['showed', 'show'], ['shows', 'show'], ['estimated', 'estimate'], ['estimates', 'estimate'],
  ['alleged', 'allege'], ['alleges', 'allege'], ['testified', 'testify'], ['indicated', 'indicate'],
]);

export const CUE_LEMMA: ReadonlyMap<string, string> = new Map(
  Object.entries(VERBS).flatMap(([lemma, forms]) => forms.map((f) => [f, lemma] as const)),
);

/** Cues whose object is the addressee and the content follows it ("urged leaders to ..."). */
export const ADDRESSEE_CUES: ReadonlySet<string> = new Set(['urge', 'tell', 'warn', 'ask', 'call on', 'advise', 'assure', 'inform']);

/** Cues that introduce content as a noun phrase ("emphasized the need for ..."). */
export const NP_CUES: ReadonlySet<string> = new Set([
  'emphasize', 'stress', 'highlight', 'outline', 'note', 'underline', 'acknowledge', 'reiterate',
  'call for', 'demand', 'propose', 'recommend', 'pledge', 'promise',
]);
