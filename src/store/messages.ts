import type { Kysely, Transaction } from 'kysely';
import type { ArticleRecord } from '../types.js';
import { insertMany } from './rows.js';

/**
 * An article's extraction messages (warnings such as an unclosed quote, notes), kept with the article so the
 * corpus overview can say what went wrong where. Replaced with each new version of the article.
 */

/** Messages kept per article: a pathological page can raise thousands of the same warning. */
export const MAX_MESSAGES_PER_ARTICLE = 100;
/** Longest reason kept, in characters. */
const MAX_REASON_CHARS = 500;

export async function replaceMessages(trx: Transaction<any>, record: ArticleRecord, replacing: boolean): Promise<void> {
  const id = record.article.id;
  if (replacing) await trx.deleteFrom('article_messages').where('article_id', '=', id).execute();
  await insertMany(trx, 'article_messages', record.messages.slice(0, MAX_MESSAGES_PER_ARTICLE).map((m, seq) => ({
    article_id: id, seq, code: m.code, severity: m.severity, reason: m.reason.slice(0, MAX_REASON_CHARS), start_pos: m.start ?? null,
  })));
}

/** Migration 0020: the table, keyed by article, with codes indexed for the overview's counts. */
export async function createMessagesTable(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('article_messages').ifNotExists()
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('start_pos', 'integer')
    .addPrimaryKeyConstraint('article_messages_pk', ['article_id', 'seq'])
    .execute();
  await db.schema.createIndex('article_messages_code').ifNotExists().on('article_messages').columns(['severity', 'code']).execute();
}
