import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commands, main } from '../../src/cli/main.js';

async function stdoutOf(argv: string[]): Promise<{ status: number; out: string }> {
  let out = '';
  const saved = process.stdout.write;
  // Only the command's text: the test runner's own reports to its parent (Buffers) go through.
  process.stdout.write = ((c: string | Uint8Array, ...rest: unknown[]) => (typeof c === 'string' ? ((out += c), true) : (saved as (...a: unknown[]) => boolean).call(process.stdout, c, ...rest))) as typeof process.stdout.write;
  try {
    return { status: await main(argv), out };
  } finally {
    process.stdout.write = saved;
  }
}

for (const name of Object.keys(commands)) {
  test(`${name} --help lists every option it takes and gives an example`, async () => {
    const { options } = await commands[name]!.load();
    assert.ok(options && Object.keys(options).length, `${name} exports its options`);
    const help = await stdoutOf([name, '--help']);
    assert.equal(help.status, 0);
    assert.match(help.out, new RegExp(`^usage: onrecord ${name}\\b`));
    for (const option of Object.keys(options)) assert.match(help.out, new RegExp(`--${option}\\b`), `${name} --help mentions --${option}`);
    assert.match(help.out, new RegExp(`^(examples?:|\\s+example:) .*onrecord ${name}\\b`, 'm'), `${name} --help has an example`);
    assert.equal((await stdoutOf(['help', name])).out, help.out, '`onrecord help CMD` is `CMD --help`');
  });
}
