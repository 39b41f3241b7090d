/** Words and names that mark organisations. Lower-cased. */

/** A capitalised name holding one of these words is an organisation ("Health Ministry", "Bank of England"). */
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'ministry', 'department', 'agency', 'office', 'council', 'committee', 'commission', 'parliament', 'congress',
  'senate', 'assembly', 'government', 'administration', 'party', 'union', 'association', 'federation', 'league',
  'organization', 'organisation', 'institute', 'university', 'college', 'school', 'academy', 'foundation', 'fund',
  'bank', 'company', 'corporation', 'corp', 'corp.', 'inc', 'inc.', 'ltd', 'ltd.', 'llc', 'plc', 'group', 'holdings',
  'press', 'news', 'times', 'post', 'journal', 'herald', 'gazette', 'tribune', 'telegraph', 'guardian', 'broadcasting',
  'television', 'radio', 'network', 'court', 'tribunal', 'police', 'army', 'navy', 'forces', 'guard', 'service',
  'services', 'authority', 'board', 'bureau', 'cabinet', 'kremlin', 'pentagon', 'church', 'hospital', 'clinic',
  'club', 'alliance', 'coalition', 'movement', 'front', 'brigade', 'battalion', 'command', 'centre', 'center',
  'society', 'trust', 'watch', 'international', 'airlines', 'airways', 'motors', 'technologies', 'systems',
  'reserve', 'exchange', 'railways', 'rail', 'railroad', 'utilities', 'pharmaceuticals', 'partners', 'secretariat', 'directorate', 'inspectorate', 'prosecutor\'s', 'municipality', 'mission',
  'embassy', 'consulate', 'delegation', 'presidency', 'chamber', 'court', 'fc', 'team',
]);

/** Well-known organisations and outlets that carry no organisation word. */
export const KNOWN_ORGS: ReadonlySet<string> = new Set([
  'nato', 'reuters', 'associated press', 'ap', 'afp', 'agence france-presse', 'bloomberg', 'bbc', 'cnn', 'nbc', 'cbs',
  'abc', 'fox news', 'al jazeera', 'xinhua', 'tass', 'ria novosti', 'interfax', 'ukrinform', 'dpa', 'efe', 'ansa',
  'kyodo', 'yonhap', 'un', 'u.n.', 'united nations', 'eu', 'e.u.', 'european union', 'who', 'imf', 'opec', 'g7', 'g20',
  'asean', 'fbi', 'cia', 'nsa', 'fda', 'cdc', 'epa', 'sec', 'irs', 'nasa', 'kremlin', 'pentagon', 'white house',
  'downing street', 'hamas', 'hezbollah', 'taliban', 'isis', 'wagner', 'google', 'apple', 'microsoft', 'amazon',
  'meta', 'facebook', 'twitter', 'tesla', 'openai', 'unicef', 'unesco', 'unhcr', 'icc', 'icj', 'osce', 'idf', 'fifa',
  'uefa', 'ioc', 'nhs', 'ecb', 'fed', 'red cross', 'amnesty international', 'human rights watch', 'greenpeace',
  'interpol', 'europol', 'frontex', 'politico', 'axios', 'nikkei', 'kyiv independent', 'le monde', 'der spiegel',
  'congress', 'parliament', 'bundestag', 'duma', 'knesset', 'senate',
]);

/** Documents speak for whoever wrote them: "the report said that …". */
export const DOCUMENT_HEADS: ReadonlySet<string> = new Set([
  'report', 'study', 'statement', 'survey', 'analysis', 'review', 'audit', 'filing', 'indictment', 'complaint', 'lawsuit',
  'ruling', 'judgment', 'judgement', 'memo', 'letter', 'document', 'documents', 'assessment', 'investigation',
  'communique', 'communiqué', 'declaration', 'minutes', 'paper', 'opinion', 'verdict',
]);

/**
 * Common nouns that name an institution after "the" and can speak for it ("the ministry said",
 * "the central bank said"). Narrower than ORG_WORDS: "the news", "the post" speak for nobody.
 */
export const ORG_HEADS: ReadonlySet<string> = new Set([
  'ministry', 'department', 'agency', 'office', 'council', 'committee', 'commission', 'parliament', 'government',
  'administration', 'party', 'union', 'association', 'federation', 'organization', 'organisation', 'institute',
  'university', 'foundation', 'bank', 'company', 'corporation', 'firm', 'group', 'court', 'tribunal', 'army',
  'military', 'navy', 'authority', 'authorities', 'board', 'bureau', 'cabinet', 'embassy', 'regulator', 'watchdog',
  'hospital', 'airline', 'charity', 'club', 'team', 'league', 'campaign', 'coalition', 'alliance', 'consortium',
  'manufacturer', 'retailer', 'insurer', 'operator', 'utility', 'municipality', 'prosecutor\'s office', 'secretariat',
  'presidency', 'kremlin', 'junta', 'opposition', 'network', 'broadcaster', 'newspaper', 'agency', 'service',
  'federation', 'confederation', 'institution', 'ombudsman', 'inquiry', 'panel', 'council', 'force', 'forces',
  'coastguard', 'prosecutors', 'observers', 'mission', 'delegation', 'regime', 'leadership', 'establishment',
  ...DOCUMENT_HEADS,
]);
