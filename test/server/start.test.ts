import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/onrecord.js', import.meta.url));
// A DATABASE_URL nothing listens on: `start` and `serve --db` must not touch it.
const ENV = { ...process.env, PORT: '', CI: '1', DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' };

/** Runs the CLI until it prints the `serving` line (or exits); gives its JSON lines and a stop function. */
function run(args: string[], cwd: string): Promise<{ lines: any[]; code?: number; err: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: any[] = [];
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => { child.kill('SIGTERM'); return exited; };
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(JSON.parse(line));
      if (lines.at(-1).kind === 'serving') resolve({ lines, err, stop });
    });
    void exited.then((code) => resolve({ lines, code: code ?? -1, err, stop }));
  });
}

describe('onrecord start and serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onr-start-'));

  test('start ingests the samples into ./onrecord.db, serves them, and skips them the second time', async () => {
    const first = await run(['start', '--port', '0', '--json'], dir);
    const [summary, serving] = first.lines;
    try {
      assert.equal(summary.kind, 'ingest-summary', first.err);
      assert.ok(summary.stored >= 7 && summary.failed === 0, JSON.stringify(summary));
      assert.equal(serving.store, 'sqlite', 'the embedded store, though DATABASE_URL is set');
      assert.match(serving.url, /^http:\/\/localhost:\d+$/);
      const stats = (await (await fetch(`${serving.url}/api/stats`)).json()) as { articles: number };
      assert.equal(stats.articles, summary.read);
    } finally {
      assert.equal(await first.stop(), 0, 'SIGTERM stops it cleanly');
    }
    const second = await run(['start', '--port', '0', '--json'], dir);
    try {
      assert.deepEqual([second.lines[0].stored, second.lines[0].unchanged], [0, summary.read]);
    } finally {
      await second.stop();
    }
  });

  test('a busy port is a clear error before any work; serve --db uses that file', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = String((blocker.address() as AddressInfo).port);
    try {
      for (const args of [['start', '--port', port], ['serve', '--port', port, '--db', join(dir, 'onrecord.db')]]) {
        const r = await run(args, dir);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.err, new RegExp(`ONR_ERR_OPTION: .*port ${port} is already in use`));
        assert.deepEqual(r.lines, [], 'nothing ingested or printed');
      }
    } finally {
      blocker.close();
    }
    const serve = await run(['serve', '--port', '0', '--db', join(dir, 'onrecord.db'), '--json'], dir);
    try {
      assert.equal(serve.lines[0].store, 'sqlite');
    } finally {
      await serve.stop();
    }
    const badPort = await run(['serve', '--port', '70000'], dir);
    assert.equal(badPort.code, 2);
    assert.match(badPort.err, /--port: expected a port number/);
  });
});
