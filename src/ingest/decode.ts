import type { Message } from '../types.js';
import { ErrorCodes, type ErrorCode } from '../errors.js';
import { MAX_RECORD_BYTES } from './limits.js';

type Decoded = { kind: 'text'; text: string } | Message;
type Decoder = (bytes: Uint8Array, source: string) => Decoded;

/** A fatal message on one file or record, in the shape every part reports. */
export function failure(code: ErrorCode, source: string, detail?: string, severity: Message['severity'] = 'fatal'): Message {
  return { kind: 'message', code, severity, reason: detail ? `${ErrorCodes[code]}: ${detail}` : ErrorCodes[code], source };
}

// Until src/ingest/text.ts (owned by the extraction-CLI helper) lands, a strict UTF-8 decode stands in for it.
function fallbackDecode(bytes: Uint8Array, source: string): Decoded {
  if (bytes.length === 0) return failure('ONR_ERR_EMPTY', source);
  if (bytes.length > MAX_RECORD_BYTES) return failure('ONR_ERR_TOO_LARGE', source, `${bytes.length} bytes`);
  if (bytes.subarray(0, 4096).includes(0)) return failure('ONR_ERR_BINARY', source);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    if (!text.trim()) return failure('ONR_ERR_EMPTY', source);
    return { kind: 'text', text };
  } catch {
    return failure('ONR_ERR_ENCODING', source);
  }
}

let decoder: Decoder | undefined;

/** Decodes bytes as text through the shared decodeText (BOM, binary, encoding, size checks). */
export async function decodeBytes(bytes: Uint8Array, source: string): Promise<Decoded> {
  if (!decoder) {
    const specifier = './text.js';
    try {
      decoder = ((await import(specifier)) as { decodeText: Decoder }).decodeText;
    } catch {
      decoder = fallbackDecode;
    }
  }
  return decoder(bytes, source);
}

const CHARSET = /charset\s*=\s*["']?([\w:.-]+)/i;

/**
 * Decodes an HTML page by its declared charset (HTTP header, else <meta charset>):
 * much real news is windows-1252 or ISO-8859-1. UTF-8 or no declaration goes through decodeBytes.
 */
export async function decodeHtml(bytes: Uint8Array, source: string, contentType?: string | null): Promise<Decoded> {
  const declared = (contentType && CHARSET.exec(contentType)?.[1]) || CHARSET.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)))?.[1];
  const charset = declared?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8') return decodeBytes(bytes, source);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    return failure('ONR_ERR_ENCODING', source, `unknown charset "${declared}"`);
  }
  if (bytes.length > MAX_RECORD_BYTES) return failure('ONR_ERR_TOO_LARGE', source, `${bytes.length} bytes`);
  if (bytes.subarray(0, 4096).includes(0)) return failure('ONR_ERR_BINARY', source);
  const text = decoder.decode(bytes);
  return text.trim() ? { kind: 'text', text } : failure('ONR_ERR_EMPTY', source);
}
