import type { Article, ArticleMeta, ArticleRecord, Extraction, Message } from '../types.js';
import { metaOf } from './article.js';
import { extract } from '../extract/pipeline.js';
import { processArticle } from './process.js';
import { readSources } from './sources.js';
import type { TextFields } from './sidecar.js';

/** Work that runs on a worker thread (or in this thread with one job): plain data in, plain data out. */
export type Task =
  /** Reads one file as ingest does (any format) and extracts every article in it. */
  | { readonly kind: 'extract-file'; readonly file: string; readonly published?: string; readonly textMeta?: TextFields }
  | { readonly kind: 'extract-text'; readonly text: string; readonly meta: ArticleMeta }
  | { readonly kind: 'process-article'; readonly article: Article };

/** One article of a file with what was extracted from it. */
export interface FileExtraction {
  readonly kind: 'file-extraction';
  readonly source: string;
  readonly extraction: Extraction;
}

export type TaskResult = readonly (FileExtraction | Message)[] | Extraction | ArticleRecord;

async function extractFile(file: string, published?: string, textMeta?: TextFields): Promise<(FileExtraction | Message)[]> {
  const out: (FileExtraction | Message)[] = [];
  for await (const item of readSources([file], { textMeta })) {
    if (item.kind === 'message') out.push(item);
    else out.push({ kind: 'file-extraction', source: item.source, extraction: extract(item.text, metaOf(item, published)) });
  }
  return out;
}

export async function runTask(task: Task): Promise<TaskResult> {
  switch (task.kind) {
    case 'extract-file': return extractFile(task.file, task.published, task.textMeta);
    case 'extract-text': return extract(task.text, task.meta);
    case 'process-article': return processArticle(task.article);
  }
}
