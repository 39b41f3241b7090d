import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { OnrecordError } from '../errors.js';
import { flagFields, type TextFields } from '../ingest/sidecar.js';

/** The flags that give plain text files the metadata they cannot carry themselves (ingest and extract). */
export const textMetaOptions = {
  title: { type: 'string' }, outlet: { type: 'string' }, date: { type: 'string' }, url: { type: 'string' }, author: { type: 'string', multiple: true },
} as const;

export const textMetaSchema = {
  title: z.string().optional(), outlet: z.string().optional(), date: z.string().optional(), url: z.string().optional(), author: z.array(z.string()).optional(),
};

export const TEXT_META_HELP = `  --title T, --outlet O, --date YYYY-MM-DD, --url URL, --author NAME (repeatable)
                   metadata for plain text files, where a front-matter block or a sidecar
                   (story.txt + story.json, same keys) says nothing; --url only with one file`;

/** The flags checked as a sidecar is; one URL cannot name several articles. */
export async function textMetaFrom(values: { title?: string; outlet?: string; date?: string; url?: string; author?: string[] }, positionals: string[]): Promise<TextFields> {
  const fields = flagFields({ title: values.title, outlet: values.outlet, date: values.date, url: values.url, author: values.author });
  if (fields.url && (positionals.length !== 1 || positionals[0] === '-' || (await stat(positionals[0]!).catch(() => undefined))?.isDirectory()))
    throw new OnrecordError('ONR_ERR_OPTION', '--url names one article: give it with one file');
  return fields;
}
