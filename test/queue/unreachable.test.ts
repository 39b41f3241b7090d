import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { checkRedis } from '../../src/queue/config.js';
import { OnrecordError } from '../../src/errors.js';

/** A port nothing listens on: one just opened and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

test('worker, status and ingest --queue with no Redis: one ONR_ERR_QUEUE line, exit 2, no retries or stack traces', async () => {
  const url = `redis://127.0.0.1:${await closedPort()}`;
  for (const args of [['status', '--queue', url], ['worker', '--queue', url], ['ingest', 'samples', '--queue', url]]) {
    const r = spawnSync(process.execPath, ['bin/onrecord.js', ...args], {
      encoding: 'utf8', timeout: 30_000, env: { ...process.env, DATABASE_URL: 'postgres://onrecord@127.0.0.1:1/none' },
    });
    assert.equal(r.signal, null, `${args[0]} ended by itself`);
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, new RegExp(`^onrecord ${args[0]}: ONR_ERR_QUEUE: .*cannot reach Redis at ${url}: ECONNREFUSED`));
  }
});

test('a Redis that accepts the connection but never answers is given up after the timeout', async () => {
  const held: import('node:net').Socket[] = [];
  const server: Server = createServer((socket) => held.push(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  try {
    await assert.rejects(checkRedis(`redis://user:secret@127.0.0.1:${port}`, 300), (error: unknown) => {
      assert.ok(error instanceof OnrecordError);
      assert.equal(error.code, 'ONR_ERR_QUEUE');
      assert.match(error.message, /no answer within 300 ms/);
      assert.doesNotMatch(error.message, /secret/, 'the password is not shown');
      return true;
    });
  } finally {
    held.forEach((s) => s.destroy());
    await new Promise((r) => server.close(r));
  }
});
