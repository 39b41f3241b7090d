import type { Article, Message } from '../types.js';
import { makeArticle } from './article.js';
import { failure } from './decode.js';
import { mainText, parsePage } from './html.js';
import { pageMeta, splitByline } from './metadata.js';

/** One HTML page to one article: metadata first (Readability changes the document), then the main text. */
export function readPage(html: string, source: string, baseUrl?: string): Article | Message {
  try {
    const doc = parsePage(html);
    const meta = pageMeta(doc, { baseUrl });
    const { text, byline } = mainText(doc);
    if (!text.trim()) return failure('ONR_ERR_HTML', source);
    const authors = meta.authors ?? splitByline(byline);
    return makeArticle({ ...meta, authors, text, source });
  } catch (error) {
    // A page that breaks the parser is one bad record, never the end of a WARC or a batch.
    return failure('ONR_ERR_HTML', source, (error as Error).message);
  }
}
