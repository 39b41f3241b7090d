#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm install` / `npm ci` through the prepare script, or
// `npm run build`). From a checkout with no build, or with sources newer than the build, it runs the
// TypeScript through tsx instead, which is correct but starts several times slower.
import { existsSync, readdirSync, statSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const sources = new URL('../src/', import.meta.url);

/** Why the build cannot be used, or undefined when it can. Stat-ing the ~90 sources costs ~3 ms. */
function staleBuild() {
  if (process.env.ONRECORD_FROM_SOURCE) return 'ONRECORD_FROM_SOURCE is set';
  if (!existsSync(compiled)) return 'dist/ is missing (run `npm run build`)';
  if (!existsSync(sources)) return undefined;
  const built = statSync(compiled).mtimeMs;
  for (const e of readdirSync(sources, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && statSync(`${e.parentPath}/${e.name}`).mtimeMs > built) return 'src/ is newer than dist/ (run `npm run build`)';
  }
  return undefined;
}

const reason = staleBuild();
let main;
if (!reason) ({ main } = await import(compiled.href));
else {
  if (process.stderr.isTTY && !process.env.ONRECORD_FROM_SOURCE) process.stderr.write(`onrecord: note: ${reason}; running the TypeScript sources through tsx\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
