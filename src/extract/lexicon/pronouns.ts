/** Personal pronouns that can stand for a speaker, with gender and number. */
export interface PronounInfo {
  readonly gender?: 'm' | 'f';
  readonly plural: boolean;
  /** "it": stands for an organisation, never a person. */
  readonly neuter?: boolean;
  /** Subject form ("he"), which is the likeliest to name a speaker. */
  readonly subject: boolean;
}

export const PRONOUNS: ReadonlyMap<string, PronounInfo> = new Map([
  ['he', { gender: 'm', plural: false, subject: true }],
  // Only read right before a speech cue ("it said"): an organisation.
  ['it', { plural: false, subject: true, neuter: true }],
  ['him', { gender: 'm', plural: false, subject: false }],
  ['his', { gender: 'm', plural: false, subject: false }],
  ['she', { gender: 'f', plural: false, subject: true }],
  ['her', { gender: 'f', plural: false, subject: false }],
  ['they', { plural: true, subject: true }],
  ['them', { plural: true, subject: false }],
  ['their', { plural: true, subject: false }],
]);

/** First-person pronouns: inside a quote they are the speaker's own voice, not a mention. */
export const FIRST_PERSON: ReadonlySet<string> = new Set(['i', 'me', 'my', 'we', 'us', 'our']);
