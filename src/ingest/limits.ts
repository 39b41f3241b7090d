/** Explicit input limits: past these a file or record is refused with a message, never half-read. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** One article's raw record (HTML page, feed item, JSONL line, WARC payload). */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;
export const MAX_RECORDS_PER_FILE = 1_000_000;
/** Element nesting in a feed; deeper XML is refused as malformed or hostile. */
export const MAX_XML_DEPTH = 256;
/**
 * Element nesting in an HTML page or fragment; deeper pages are refused (ONR_ERR_HTML) before they are parsed
 * into a DOM. Real pages stay under 100 levels; past a few hundred, linkedom's parse grows with the square of the
 * depth and Readability's with its cube (1,000 nested <div>: 20 s; 100,000 unclosed <span>: 9 s to parse).
 */
export const MAX_HTML_DEPTH = 256;
/**
 * Elements in an HTML page or fragment (<meta> and <link> aside); more are refused (ONR_ERR_HTML) before the DOM is
 * built. linkedom and Readability take ~0.25 ms an element (200,000 <b>: 54 s and 1.2 GB), so this bounds a
 * page's work to a few seconds; a long real article page has a few thousand.
 */
export const MAX_HTML_ELEMENTS = 30_000;
/**
 * Decompressed size of a gzip stream, against zip bombs, counted as it inflates: the stream stops at the byte
 * past it (ONR_ERR_TOO_LARGE). A file read whole stops sooner, at its format's own limit (MAX_TEXT_BYTES,
 * MAX_RECORD_BYTES, MAX_FEED_BYTES); JSON Lines and WARC are read a record at a time and never held whole.
 */
export const MAX_GUNZIP_BYTES = MAX_FILE_BYTES;
/** Gzip inside gzip: more layers than this are refused (ONR_ERR_GZIP). */
export const MAX_GZIP_LAYERS = 3;
/** An RSS or Atom feed, read whole into a tree: real feeds are a few MB; 500 MiB once ran past 120 s. */
export const MAX_FEED_BYTES = 32 * 1024 * 1024;
