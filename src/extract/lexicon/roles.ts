/**
 * Words that make up titles and roles in news writing ("Foreign Minister",
 * "Sen.", "spokesperson"). Lower-case; abbreviations keep their dot.
 */

/** Head nouns of roles: a phrase ending in one of these names a position. */
/** Plural nouns for groups of people who speak together in news ("organisers said", "critics say"). */
const GROUPS = [
  'organisers', 'organizers', 'critics', 'opponents', 'supporters', 'protesters', 'protestors', 'campaigners',
  'workers', 'teachers', 'doctors', 'nurses', 'parents', 'farmers', 'locals', 'economists', 'scientists',
  'researchers', 'businesses', 'groups', 'unions', 'employers', 'shareholders', 'investors', 'traders', 'doctors',
  'lawyers', 'judges', 'medics', 'rescuers', 'firefighters', 'officers', 'troops', 'soldiers', 'villagers',
  'neighbours', 'neighbors', 'families', 'relatives', 'students', 'voters', 'members', 'councillors', 'councilors',
  'spokespeople', 'engineers', 'inspectors', 'auditors', 'regulators', 'organisations', 'organizations', 'agencies',
  'people', 'persons', 'charities', 'companies', 'banks', 'airlines', 'retailers', 'landlords', 'tenants', 'unionists', 'rebels', 'militants',
];

export const ROLE_HEADS: ReadonlySet<string> = new Set([
  'president', 'vice-president', 'chancellor', 'minister', 'premier', 'leader', 'secretary', 'secretary-general',
  'spokesperson', 'spokesman', 'spokeswoman', 'mayor', 'governor', 'senator', 'representative', 'congressman',
  'congresswoman', 'lawmaker', 'legislator', 'mp', 'deputy', 'ambassador', 'envoy', 'diplomat', 'official', 'officials',
  'chief', 'head', 'director', 'director-general', 'chairman', 'chairwoman', 'chair', 'chairperson', 'ceo', 'cfo',
  'founder', 'executive', 'commander', 'general', 'admiral', 'colonel', 'captain', 'lieutenant', 'sergeant', 'major',
  'judge', 'justice', 'prosecutor', 'attorney', 'lawyer', 'king', 'queen', 'prince', 'princess', 'pope', 'cardinal',
  'bishop', 'archbishop', 'rabbi', 'imam', 'sheikh', 'emir', 'sultan', 'monarch', 'councillor', 'councilor',
  'councilman', 'councilwoman', 'commissioner', 'inspector', 'superintendent', 'sheriff', 'constable', 'officer',
  'economist', 'analyst', 'expert', 'researcher', 'professor', 'scientist', 'doctor', 'adviser', 'advisor', 'aide',
  'negotiator', 'coach', 'manager', 'captain', 'striker', 'spokesmen', 'ministers', 'leaders', 'presidents',
  'correspondent', 'editor', 'reporter', 'analysts', 'experts', 'witness', 'witnesses', 'resident', 'residents',
  'source', 'sources', 'activist', 'activists', 'campaigner', 'organiser', 'organizer', 'owner', 'partner', 'dean',
  'speaker', 'whip', 'clerk', 'auditor', 'regulator', 'strategist', 'pollster', 'historian', 'author', 'candidate',
  'nominee', 'challenger', 'incumbent', 'administrator', 'coordinator', 'representatives', 'mps', 'senators', 'police',
  'authorities', 'investigators', 'prosecutors', 'lawmakers', 'diplomats', 'executives', 'producer', 'chancellors',
  ...GROUPS,
  // People quoted for what they do: "welder Jens Halloran", "Café owner Bruno Lisk", "Customer Anders Vik".
  'customer', 'welder', 'fisherman', 'fisherwoman', 'shopkeeper', 'baker', 'farmer', 'teacher', 'nurse', 'driver',
  'worker', 'student', 'pensioner', 'volunteer', 'neighbour', 'neighbor', 'passenger', 'victim', 'survivor',
  'engineer', 'architect', 'builder', 'miner', 'pilot', 'sailor', 'soldier', 'firefighter', 'paramedic', 'midwife',
  'shopper', 'tenant', 'landlord', 'commuter', 'businessman', 'businesswoman', 'entrepreneur', 'artist', 'musician',
  'writer', 'novelist', 'poet', 'singer', 'actor', 'actress', 'director', 'filmmaker', 'photographer', 'journalist',
  'chef', 'waiter', 'waitress', 'cleaner', 'carer', 'caregiver', 'surgeon', 'physician', 'pharmacist', 'dentist',
  'vet', 'accountant', 'banker', 'trader', 'investor', 'landowner', 'homeowner', 'retiree', 'veteran', 'member',
  'mother', 'father', 'daughter', 'son', 'sister', 'brother', 'wife', 'husband', 'widow', 'widower', 'grandmother',
  'grandfather', 'fan', 'spectator', 'organiser', 'manager', 'employee', 'colleague', 'friend', 'eyewitness',
]);

/** Words that modify a role head ("Foreign", "Prime", "Deputy", "senior"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set([
  'prime', 'foreign', 'defence', 'defense', 'interior', 'finance', 'health', 'justice', 'trade', 'economy', 'economic',
  'energy', 'education', 'environment', 'transport', 'agriculture', 'culture', 'labour', 'labor', 'home', 'state',
  'deputy', 'vice', 'acting', 'interim', 'former', 'ex', 'senior', 'junior', 'top', 'chief', 'general', 'executive',
  'assistant', 'associate', 'principal', 'press', 'military', 'government', 'cabinet', 'white', 'house', 'party',
  'opposition', 'federal', 'regional', 'local', 'national', 'district', 'city', 'county', 'supreme', 'high', 'court',
  'attorney', 'solicitor', 'security', 'intelligence', 'police', 'fire', 'army', 'navy', 'air', 'force', 'armed',
  'forces', 'foreign-policy', 'development', 'housing', 'immigration', 'science', 'technology', 'digital', 'sports',
  'youth', 'women', 'family', 'social', 'industry', 'commerce', 'treasury', 'budget', 'european', 'union', 'un',
  'nato', 'eu', 'secretary', 'communications', 'information', 'public', 'works', 'infrastructure', 'water',
  'emergency', 'emergencies', 'disaster', 'veterans', 'affairs', 'homeland', 'internal', 'external', 'relations',
  'co', 'co-founder', 'managing', 'lead', 'head', 'team', 'club', 'campaign', 'elected', 'outgoing', 'incoming',
  'longtime', 'long-time', 'then', 'current', 'new', 'sitting', 'first', 'lady', 'majority', 'minority', 'house',
  'senate', 'chamber', 'mayoral', 'presidential', 'governing', 'ruling', 'conservative', 'liberal', 'labour', 'green',
  'republican', 'democratic', 'democrat', 'socialist', 'communist', 'independent', 'centrist', 'far-right', 'far-left',
  'right-wing', 'left-wing', 'financial', 'operating', 'information', 'marketing', 'commercial', 'medical',
  'scientific', 'legal', 'technical', 'creative', 'artistic', 'editorial', 'sporting', 'human', 'resources',
]);

/** Titles written before a name, full or abbreviated ("Sen.", "Dr.", "Gen."). */
export const NAME_TITLES: ReadonlyMap<string, string> = new Map([
  ['mr.', 'Mr.'], ['mr', 'Mr.'], ['mrs.', 'Mrs.'], ['mrs', 'Mrs.'], ['ms.', 'Ms.'], ['ms', 'Ms.'], ['miss', 'Miss'],
  ['mx.', 'Mx.'], ['dr.', 'Dr.'], ['dr', 'Dr.'], ['prof.', 'Prof.'], ['sen.', 'Sen.'], ['rep.', 'Rep.'],
  ['gov.', 'Gov.'], ['lt.', 'Lt.'], ['gen.', 'Gen.'], ['col.', 'Col.'], ['capt.', 'Capt.'], ['sgt.', 'Sgt.'],
  ['adm.', 'Adm.'], ['maj.', 'Maj.'], ['cmdr.', 'Cmdr.'], ['insp.', 'Insp.'], ['supt.', 'Supt.'], ['det.', 'Det.'],
  ['rev.', 'Rev.'], ['cllr', 'Cllr'], ['cllr.', 'Cllr'], ['supt', 'Supt.'], ['insp', 'Insp.'], ['det', 'Det.'], ['sgt', 'Sgt.'], ['fr.', 'Fr.'], ['sir', 'Sir'], ['dame', 'Dame'], ['lord', 'Lord'], ['lady', 'Lady'],
  ['baroness', 'Baroness'], ['st.', 'St.'], ['pres.', 'Pres.'], ['atty.', 'Atty.'], ['hon.', 'Hon.'],
]);

/** Courtesy titles that carry gender. */
/** Words for relatives, with gender: "His sister, Marit Korby" tells Marit's. */
export const KINSHIP_GENDER: ReadonlyMap<string, 'm' | 'f'> = new Map([
  ...['sister', 'mother', 'wife', 'daughter', 'widow', 'grandmother', 'aunt', 'niece', 'girlfriend', 'granddaughter'].map((w) => [w, 'f'] as const),
  ...['brother', 'father', 'husband', 'son', 'widower', 'grandfather', 'uncle', 'nephew', 'boyfriend', 'grandson'].map((w) => [w, 'm'] as const),
]);

export const TITLE_GENDER: ReadonlyMap<string, 'm' | 'f'> = new Map([
  ['mr.', 'm'], ['mr', 'm'], ['sir', 'm'], ['lord', 'm'], ['king', 'm'], ['prince', 'm'], ['spokesman', 'm'],
  ['congressman', 'm'], ['chairman', 'm'], ['councilman', 'm'],
  ['mrs.', 'f'], ['mrs', 'f'], ['ms.', 'f'], ['ms', 'f'], ['miss', 'f'], ['dame', 'f'], ['lady', 'f'], ['baroness', 'f'],
  ['queen', 'f'], ['princess', 'f'], ['spokeswoman', 'f'], ['congresswoman', 'f'], ['chairwoman', 'f'], ['councilwoman', 'f'],
  ['businessman', 'm'], ['fisherman', 'm'], ['businesswoman', 'f'], ['actress', 'f'], ['waitress', 'f'], ['fisherwoman', 'f'],
  ...KINSHIP_GENDER,
]);

/** Role heads that are plural or collective: they name groups ("officials", "police"). */
export const GROUP_ROLES: ReadonlySet<string> = new Set([
  ...GROUPS,
  'officials', 'ministers', 'leaders', 'presidents', 'analysts', 'experts', 'witnesses', 'residents', 'sources',
  'activists', 'representatives', 'mps', 'senators', 'police', 'authorities', 'investigators', 'prosecutors',
  'lawmakers', 'diplomats', 'executives', 'spokesmen',
]);
