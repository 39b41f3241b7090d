import type { Message } from '../types.js';
import { MAX_RECORD_BYTES } from './limits.js';
import { bomOf, decodeText, decodeUtf16, failure, looksBinary } from './text.js';

export { failure };

/** Decoded text, with a warning when some bytes had to be replaced. */
type Decoded = { kind: 'text'; text: string; warning?: Message } | Message;

const tooLarge = (bytes: Uint8Array, source: string): Message | undefined =>
  bytes.length > MAX_RECORD_BYTES ? failure('ONR_ERR_TOO_LARGE', source, `${bytes.length} bytes, limit ${MAX_RECORD_BYTES}`) : undefined;

/** One article's bytes as text (strict UTF-8, BOM, binary and empty checks), within the per-record limit. */
export function decodeBytes(bytes: Uint8Array, source: string): Decoded {
  return tooLarge(bytes, source) ?? decodeText(bytes, source);
}

/**
 * A plain text file: UTF-8 when it is valid UTF-8, else Windows-1252 (what older Windows editors save news copy
 * in) with a warning saying so; both within the per-record limit.
 */
export function decodePlainText(bytes: Uint8Array, source: string): { kind: 'text'; text: string; warning?: Message } | Message {
  const utf8 = decodeBytes(bytes, source);
  if (utf8.kind === 'text' || utf8.code !== 'ONR_ERR_ENCODING') return utf8;
  const text = windows1252(bytes);
  if (!text.trim()) return failure('ONR_ERR_EMPTY', source);
  return { kind: 'text', text, warning: failure('ONR_ERR_ENCODING', source, 'read as Windows-1252', 'warning') };
}

const windows1252 = (bytes: Uint8Array): string =>
  new TextDecoder('windows-1252').decode(bytes).replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

/**
 * Bytes 0x80-0x9F in windows-1252 (curly quotes, dashes, the euro sign). Node's decoder for that label is
 * ISO-8859-1 underneath and gives C1 control characters for them; news text is full of these quotes.
 */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const CHARSET = /charset\s*=\s*["']?([\w:.-]+)/i;
/** A charset declared by a <meta> tag only: `<script charset>` or `<link charset>` speak for another file. */
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?([\w:.-]+)/i;

/**
 * Valid UTF-8 characters beyond ASCII needed per bad byte for an undeclared page to count as UTF-8 with stray
 * bytes: in a windows-1252 page every accented letter is a bad byte and valid sequences are all but absent.
 */
const MIN_VALID_PER_BAD = 2;

/** The page as UTF-8 with U+FFFD for bad bytes, when there are few; a warning says how many. */
function lenientUtf8(bytes: Uint8Array, source: string, declared: boolean): Decoded | undefined {
  const text = new TextDecoder('utf-8').decode(bytes);
  let bad = 0;
  let multibyte = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (ch > '\u007f') multibyte++;
  }
  // Undeclared, the page is UTF-8 only if most of its non-ASCII text is: else it is an older encoding.
  if (!declared && multibyte < MIN_VALID_PER_BAD * bad) return undefined;
  if (!text.trim()) return failure('ONR_ERR_EMPTY', source);
  const warning = failure('ONR_ERR_ENCODING', source, `${bad} byte sequence(s) replaced with U+FFFD`, 'warning');
  return { kind: 'text', text: text.replace(/^\uFEFF/, ''), warning };
}

/**
 * Decodes an HTML page by its declared charset (HTTP header, else <meta charset>): much real news is
 * windows-1252 or ISO-8859-1. See `decodeDeclared` for what happens when the declaration is missing or wrong.
 */
export function decodeHtml(bytes: Uint8Array, source: string, contentType?: string | null): Decoded {
  const declared = (contentType && CHARSET.exec(contentType)?.[1]) || META_CHARSET.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)))?.[1];
  return decodeDeclared(bytes, source, declared);
}

/** `<?xml version="1.0" encoding="ISO-8859-1"?>`: a feed's own declaration of its encoding. */
const XML_ENCODING = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w:.-]+)["']/i;

/** A feed by its XML declaration's encoding (UTF-8 when it names none, as XML says), read as pages are. */
export function decodeFeed(bytes: Uint8Array, source: string): Decoded {
  const declared = XML_ENCODING.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 512)))?.[1];
  return decodeDeclared(bytes, source, declared ?? 'utf-8');
}

/**
 * Bytes by a declared charset. A byte-order mark outranks the declaration. A document that declares nothing
 * and is not UTF-8 is read as windows-1252, as browsers do for old pages. One that declares another charset
 * but is valid UTF-8 with non-ASCII text is UTF-8 (a stale declaration: legacy bytes are almost never valid
 * UTF-8 by chance). UTF-8 with a few bad bytes is read with replacement characters and a warning, and a
 * charset nobody knows is read as if undeclared, with a warning: neither refuses the document.
 */
function decodeDeclared(bytes: Uint8Array, source: string, declared: string | undefined): Decoded {
  const bom = bomOf(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return tooLarge(bytes, source) ?? decodeUtf16(bytes, bom, source);
  let charset = bom ?? declared?.toLowerCase().replace(/^utf8$/, 'utf-8');
  let unknown: Message | undefined;
  if (charset && charset !== 'utf-8' && !isKnownCharset(charset)) {
    unknown = failure('ONR_ERR_ENCODING', source, `unknown charset "${declared}", read as if undeclared`, 'warning');
    charset = undefined;
  }
  const withUnknown = (d: Decoded): Decoded => (unknown && d.kind === 'text' && !d.warning ? { ...d, warning: unknown } : d);
  const utf8 = decodeBytes(bytes, source);
  if (!charset || charset === 'utf-8' || (utf8.kind === 'text' && /[^\x00-\x7f]/.test(utf8.text))) {
    if (utf8.kind === 'text' || utf8.code !== 'ONR_ERR_ENCODING') return withUnknown(utf8);
    const lenient = lenientUtf8(bytes, source, !!charset);
    if (lenient) return lenient;
  }
  const decoder = new TextDecoder(charset ?? 'windows-1252');
  const refused = tooLarge(bytes, source) ?? (looksBinary(bytes) ? failure('ONR_ERR_BINARY', source) : undefined);
  if (refused) return refused;
  const text = decoder.encoding === 'windows-1252' ? windows1252(bytes) : decoder.decode(bytes);
  return text.trim() ? withUnknown({ kind: 'text', text }) : failure('ONR_ERR_EMPTY', source);
}

function isKnownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
