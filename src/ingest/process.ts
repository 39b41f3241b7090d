import type { Article, ArticleRecord } from '../types.js';
import { extract } from '../extract/pipeline.js';

/** Runs the extractor on one article with its metadata; problems are messages on the record. */
export function processArticle(article: Article): ArticleRecord {
  const result = extract(article.text, {
    id: article.id,
    url: article.url,
    title: article.title,
    outlet: article.outlet,
    authors: article.authors,
    published: article.published,
    language: article.language,
    source: article.source,
  });
  return { kind: 'article-record', article, statements: result.statements, entities: result.entities, messages: result.messages };
}
