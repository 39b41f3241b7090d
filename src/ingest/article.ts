import type { Article, ArticleMeta } from '../types.js';
import { articleId, normalizeUrl, textVersion } from './identity.js';

export interface ArticleFields {
  text: string;
  source: string;
  url?: string;
  title?: string;
  outlet?: string;
  authors?: readonly string[];
  published?: string;
  language?: string;
}

const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

/** Builds an Article with its id and version; empty fields are left out, never filled in. */
export function makeArticle(fields: ArticleFields): Article {
  const url = fields.url ? normalizeUrl(fields.url) : undefined;
  const authors = [...new Set((fields.authors ?? []).map(clean).filter((a): a is string => !!a))];
  const optional = {
    url,
    title: clean(fields.title),
    outlet: clean(fields.outlet),
    published: clean(fields.published),
    language: clean(fields.language),
  };
  return {
    kind: 'article',
    id: articleId({ url, text: fields.text }),
    version: textVersion(fields.text),
    text: fields.text,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    authors,
    source: fields.source,
  };
}

/** The meta `extract` gets for an article read from a file; a --published date wins over the article's own. */
export function metaOf(item: Article, published?: string): ArticleMeta {
  const date = published ?? item.published?.slice(0, 10);
  return {
    id: item.source,
    ...(date ? { published: date } : {}),
    ...(item.title ? { title: item.title } : {}),
    ...(item.outlet ? { outlet: item.outlet } : {}),
    ...(item.url ? { url: item.url } : {}),
    authors: item.authors,
  };
}
