#!/usr/bin/env node
/**
 * `npm run build` (also the `prepare` step of `npm install` / `npm ci`): bundles the sources into dist/ with
 * esbuild, one file per command (loaded only when that command runs) plus shared chunks, so the installed
 * command runs compiled JavaScript. Bundling matters as much as compiling: kysely and zod are hundreds of
 * small ES modules, and loading them file by file cost ~0.5 s of every query. Packages with native code,
 * data files read by path or large models stay external and load from node_modules.
 */
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const external = ['better-sqlite3', 'pg', 'pg-native', 'bullmq', 'ioredis', 'wink-nlp', 'wink-eng-lite-web-model', 'linkedom', 'warcio', 'gender-detection-from-name', 'tsx'];
const commands = readdirSync(`${root}src/cli`).filter((f) => f.endsWith('.ts')).map((f) => `src/cli/${f}`);

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [...commands, 'src/index.ts', { in: 'src/ingest/pool-worker.ts', out: 'cli/pool-worker' }],
  outdir: 'dist',
  outbase: 'src',
  // Chunks sit beside the commands so that paths relative to import.meta.url (package.json, samples/) hold.
  chunkNames: 'cli/chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'warning',
});
