import type { ArticleMeta, Doc, Message, Severity } from '../types.js';
import { ErrorCodes, type ErrorCode } from '../errors.js';

/** A fresh document with no layers yet. */
export function createDoc(text: string, meta: ArticleMeta = {}): Doc {
  return { text, meta, layers: {}, messages: [] };
}

/** Records a problem on the document; the reason defaults to the catalog's wording. */
export function report(
  doc: Doc,
  code: ErrorCode,
  severity: Severity,
  detail?: string,
  start?: number,
): Message {
  const message: Message = {
    kind: 'message',
    code,
    severity,
    reason: detail ? `${ErrorCodes[code]}: ${detail}` : ErrorCodes[code],
    ...(doc.meta.source ? { source: doc.meta.source } : {}),
    ...(start === undefined ? {} : { start }),
  };
  doc.messages.push(message);
  return message;
}

export function hasFatal(doc: Pick<Doc, 'messages'>): boolean {
  return doc.messages.some((m) => m.severity === 'fatal');
}
