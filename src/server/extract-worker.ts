/**
 * The body of the ingest worker thread (src/server/extract-pool.ts): extracts one posted article at a
 * time off the server's event loop and sends back the record, or the error as plain data.
 */
import { parentPort } from 'node:worker_threads';
import { OnrecordError } from '../errors.js';
import { makeArticle } from '../ingest/article.js';
import { processArticle } from '../ingest/process.js';
import type { ArticleBody } from './schemas.js';

parentPort!.on('message', ({ id, body }: { id: number; body: ArticleBody }) => {
  try {
    parentPort!.postMessage({ id, record: processArticle(makeArticle({ ...body, source: 'api' })) });
  } catch (error) {
    const code = error instanceof OnrecordError ? error.code : 'ONR_ERR_EXTRACT';
    parentPort!.postMessage({ id, error: { code, message: (error as Error)?.message ?? String(error) } });
  }
});
parentPort!.postMessage({ ready: true });
