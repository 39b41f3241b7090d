import { getGender } from 'gender-detection-from-name';

/** Common given names with gender, to tell a person's name and pick pronouns. Lower-cased. */

const MALE = `james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis emmanuel olaf andrzej volodymyr vladimir boris dmitry sergei sergey alexei alexey mikhail ivan igor oleksandr olexander dmytro viktor yuri yuriy pavel nikolai rishi keir jeremy nigel gordon tony hugo pierre jean jacques francois françois nicolas olivier gabriel friedrich angela helmut gerhard wolfgang hans klaus jürgen juergen karl heinz markus matteo giorgio giuseppe mario silvio sergio pedro carlos luis miguel javier antonio manuel fernando jair luiz inacio recep tayyip benjamin yair naftali ehud mahmoud mohammed muhammad mohamed ahmed ali hassan hussein omar abdullah khalid ibrahim yusuf bashar xi li wang zhang narendra rahul shinzo fumio yoon kim moon justin joe barack bill mike ron kamala chuck mitch nancy kevin lindsey ted marco rand bernie elon jeff mark sam sundar satya tim warren jens mark antonio josep charles pope francis benedict recep imran nawaz shehbaz`;

const FEMALE = `mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori kamala hillary ursula kaja annalena giorgia marine ségolène segolene christine theresa liz rishi sanna mette jacinda julia golda indira benazir sheikh hasina yulia iryna olena oksana natalia svetlana tatiana maria anastasia ekaterina yekaterina valentina elena irina ilse rosalind nikki marjorie alexandria elise kristi gretchen janet antje claudia dilma cristina michelle melania jill ivanka nancy lindsay kaja ingrida evika nadia fatima aisha leila zainab priya sonia mamata`;

export const GIVEN_NAMES: ReadonlyMap<string, 'm' | 'f'> = new Map();
for (const name of MALE.split(/\s+/)) (GIVEN_NAMES as Map<string, 'm' | 'f'>).set(name, 'm');
for (const name of FEMALE.split(/\s+/)) if (!GIVEN_NAMES.has(name)) (GIVEN_NAMES as Map<string, 'm' | 'f'>).set(name, 'f');

/** Lower-case particles inside names ("Ursula von der Leyen", "Bashar al-Assad", "Ludwig van Beethoven"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'de', 'da', 'di', 'du', 'del', 'della', 'der', 'den', 'des', 'van', 'von', 'bin', 'ibn', 'bint', 'al', 'el', 'la',
  'le', 'dos', 'das', 'do', 'ter', 'ten', 'zu', 'y', 'abu', 'st.',
]);

/** Name suffixes that belong to the name ("Martin Luther King Jr."). */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(['jr.', 'jr', 'sr.', 'sr', 'ii', 'iii', 'iv']);

/** Capitalised words that are never names: days, months, and words capitalised only at sentence start. */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan.', 'feb.', 'mar.', 'apr.',
  'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.', 'the', 'a', 'an', 'this', 'that', 'these', 'those',
  'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'my', 'your', 'but', 'and', 'or',
  'if', 'when', 'while', 'as', 'after', 'before', 'since', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'of', 'to',
  'earlier', 'later', 'meanwhile', 'however', 'also', 'still', 'yet', 'so', 'then', 'there', 'here', 'all', 'some',
  'many', 'most', 'both', 'each', 'every', 'no', 'not', 'one', 'two', 'three', 'addressing', 'according', 'today',
  'yesterday', 'tomorrow', 'tonight', 'mr.', 'mrs.', 'ms.', 'dr.', 'christmas', 'easter', 'ramadan', 'covid-19',
  'covid', 'internet', 'god', 'west', 'east', 'north', 'south', 'western', 'eastern', 'northern', 'southern',
  'photo', 'video', 'read', 'more', 'update', 'updated', 'advertisement', 'breaking', 'opinion', 'analysis', 'editor',
  'note', 'related', 'nobody', 'everybody', 'somebody', 'anybody', 'everyone', 'someone', 'anyone', 'none',
  'dad', 'mum', 'mom', 'grandma', 'grandpa', 'late', 'early', 'shortly', 'soon', 'why', 'what', 'how', 'who', 'where', 'which', 'is', 'are', 'was', 'will', 'can', 'should',
]);

/**
 * Words that make a capitalised run the name of a thing, not a person: "Snooze Act", "Project Acorn",
 * "Civil Protection", "Harbour Festival", "Lanterns on the Water".
 */
export const THING_WORDS: ReadonlySet<string> = new Set([
  'act', 'bill', 'law', 'project', 'plan', 'programme', 'program', 'initiative', 'strategy', 'agreement', 'treaty',
  'accord', 'deal', 'protection', 'development', 'prize', 'award', 'awards', 'cup', 'championship', 'championships',
  'games', 'olympics', 'festival', 'day', 'week', 'year', 'summit', 'conference', 'forum', 'expo', 'fair', 'show',
  'index', 'report', 'survey', 'review', 'plaza', 'tower', 'towers', 'building', 'hall', 'stadium', 'arena', 'museum',
  'gallery', 'theatre', 'theater', 'cathedral', 'temple', 'mosque', 'palace', 'castle', 'market', 'mall', 'line',
  'route', 'highway', 'motorway', 'railway', 'express', 'war', 'revolution', 'crisis', 'storm', 'hurricane', 'cyclone',
  'typhoon', 'earthquake', 'pandemic', 'virus', 'disease', 'syndrome', 'party', 'league', 'club', 'united', 'city',
  'rovers', 'athletic', 'fc', 'series', 'edition', 'model', 'pro', 'max', 'glasses', 'phone', 'app', 'service',
  'palais', 'hotel', 'cinema', 'villa', 'casa', 'fire', 'flood', 'floods', 'quake', 'open', 'marathon', 'grand',
]);

/**
 * Gender of a first name, for pronouns: the short list above, else the name lists of
 * gender-detection-from-name (tens of thousands of names from many languages).
 */
export function genderOfGivenName(first: string): 'm' | 'f' | undefined {
  const lower = first.toLowerCase();
  const known = GIVEN_NAMES.get(lower);
  if (known) return known;
  const g = getGender(lower);
  return g === 'male' ? 'm' : g === 'female' ? 'f' : undefined;
}
