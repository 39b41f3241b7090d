import { open } from 'node:fs/promises';
import type { Message } from '../types.js';
import { ErrorCodes, type ErrorCode } from '../errors.js';

/** Largest text document accepted (10 MB): far above any news article, small enough to hold in memory. */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;

/** Bytes inspected for binary content; binary files show NULs or control bytes early. */
const SNIFF_BYTES = 8192;

/** Share of control bytes (other than tab, LF, CR, FF) above which a file counts as binary. */
const MAX_CONTROL_SHARE = 0.1;

type Decoded = { kind: 'text'; text: string } | Message;

/** A message on one file or record, in the shape every reader reports. */
export function failure(code: ErrorCode, source: string, detail?: string, severity: Message['severity'] = 'fatal'): Message {
  return { kind: 'message', code, severity, reason: detail ? `${ErrorCodes[code]}: ${detail}` : ErrorCodes[code], source };
}

export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return head.length > 0 && control / head.length > MAX_CONTROL_SHARE;
}

/** The Unicode encoding a byte-order mark names. */
export type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding a byte-order mark at the start names: it outranks any declaration (as in browsers), and
 * UTF-16 text is full of NUL bytes that would otherwise make it look binary.
 */
export function bomOf(bytes: Uint8Array): BomEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 text with its BOM, replacement characters for unpaired halves; empty when it holds only whitespace. */
export function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', source: string): Decoded {
  const text = new TextDecoder(encoding).decode(bytes);
  return text.trim() ? { kind: 'text', text } : failure('ONR_ERR_EMPTY', source, 'only whitespace');
}

/** Decodes a whole document as strict UTF-8 (BOM stripped), or UTF-16 by its BOM; a fatal Message naming `source` when it is not usable text. */
export function decodeText(bytes: Uint8Array, source: string): Decoded {
  if (bytes.length > MAX_TEXT_BYTES) return failure('ONR_ERR_TOO_LARGE', source, `${bytes.length} bytes, limit ${MAX_TEXT_BYTES}`);
  if (bytes.length === 0) return failure('ONR_ERR_EMPTY', source);
  const bom = bomOf(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return decodeUtf16(bytes, bom, source);
  if (looksBinary(bytes)) return failure('ONR_ERR_BINARY', source);
  let text: string;
  try {
    // ignoreBOM false: the decoder drops a leading UTF-8 BOM itself.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return failure('ONR_ERR_ENCODING', source);
  }
  if (!text.trim()) return failure('ONR_ERR_EMPTY', source, 'only whitespace');
  return { kind: 'text', text };
}

/** Reads and decodes a file; checks the size before reading so a huge file is refused without loading it. */
export async function readTextFile(path: string): Promise<Decoded> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failure('ONR_ERR_NOT_FOUND', path);
    return failure('ONR_ERR_READ', path, code ?? String(err));
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return failure('ONR_ERR_READ', path, 'is a directory');
    if (stat.size > MAX_TEXT_BYTES) return failure('ONR_ERR_TOO_LARGE', path, `${stat.size} bytes, limit ${MAX_TEXT_BYTES}`);
    // Read at most one byte past the limit: a file that grew after stat is still refused.
    const buffer = new Uint8Array(MAX_TEXT_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    return decodeText(buffer.subarray(0, length), path);
  } catch (err) {
    return failure('ONR_ERR_READ', path, (err as NodeJS.ErrnoException).code ?? String(err));
  } finally {
    await handle.close();
  }
}
