import type { Article, Message } from '../types.js';
import { makeArticle } from './article.js';
import { failure } from './decode.js';
import { mainText, parsePage } from './html.js';
import { pageMeta } from './metadata.js';

/** One HTML page to one article: metadata first (Readability changes the document), then the main text. */
export function readPage(html: string, source: string, baseUrl?: string): Article | Message {
  const doc = parsePage(html);
  const meta = pageMeta(doc, { baseUrl });
  const { text, byline } = mainText(doc);
  if (!text.trim()) return failure('ONR_ERR_HTML', source);
  const authors = meta.authors ?? (byline ? [byline.replace(/^\s*by\s+/i, '')] : undefined);
  return makeArticle({ ...meta, authors, text, source });
}
