import { OnrecordError } from '../errors.js';

/** A CLI command: takes its own arguments, returns the exit code. */
export type Command = (argv: string[]) => Promise<number>;

/** Each command lives in its own file and is loaded only when asked for, so start-up stays quick. */
export const commands: Record<string, { summary: string; load: () => Promise<{ run: Command; options?: Record<string, unknown> }> }> = {
  extract: { summary: 'extract statements from article files', load: () => import('./extract.js') },
  ingest: { summary: 'read articles (text, HTML, feeds, JSONL, WARC) and store them', load: () => import('./ingest.js') },
  statements: { summary: 'query stored statements', load: () => import('./statements.js') },
  speakers: { summary: 'list stored speakers', load: () => import('./speakers.js') },
  entities: { summary: 'list stored entities', load: () => import('./entities.js') },
  article: { summary: 'show one stored article with its statements', load: () => import('./article.js') },
  export: { summary: 'export statements as JSON Lines, CSV or schema.org JSON-LD', load: () => import('./export.js') },
  corrections: { summary: "export (gold JSONL or the log), import or list editors' corrections", load: () => import('./corrections.js') },
  serve: { summary: 'serve the web app and HTTP API', load: () => import('./serve.js') },
  start: { summary: 'ingest the bundled samples and serve the web app', load: () => import('./start.js') },
  worker: { summary: 'take ingest jobs from a Redis queue', load: () => import('./worker.js') },
  status: { summary: 'show the job queue counts', load: () => import('./status.js') },
};

/** The version in package.json, read only when asked for. */
async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`);
  return ['usage: onrecord <command> [options]', '', 'commands:', ...rows, '', 'Run `onrecord <command> --help` (or `onrecord help <command>`) for its options; `onrecord --version` for the version.'].join('\n');
}

/** `onrecord statements | head` closes the pipe early: that is the reader being done, not a failure. */
let pipeWatched = false;
function quietOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`onrecord ${await version()}\n`);
    return 0;
  }
  // "onrecord help ingest" is "onrecord ingest --help".
  if (name === 'help' && rest[0] && commands[rest[0]]) return main([rest[0], '--help']);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`onrecord: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    const { run } = await command.load();
    return await run(rest);
  } catch (error) {
    if (error instanceof OnrecordError) {
      process.stderr.write(`onrecord ${name}: ${error.code}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
