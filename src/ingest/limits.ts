/** Explicit input limits: past these a file or record is refused with a message, never half-read. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** One article's raw record (HTML page, feed item, JSONL line, WARC payload). */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;
export const MAX_RECORDS_PER_FILE = 1_000_000;
/** Element nesting in a feed; deeper XML is refused as malformed or hostile. */
export const MAX_XML_DEPTH = 256;
/** Decompressed size of a gzip stream, against zip bombs. */
export const MAX_GUNZIP_BYTES = MAX_FILE_BYTES;
