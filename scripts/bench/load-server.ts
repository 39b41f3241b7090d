/**
 * The server half of the load bench (scripts/bench/load.ts), in its own process so that its RSS is the
 * server's alone: opens the store named by LOAD_DB_FILE or LOAD_DB_URL, listens on a free loopback port,
 * sends the port to the parent and answers `rss` messages until told to `stop`.
 */
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { openStore } from '../../src/store/index.js';

const store = await openStore(process.env.LOAD_DB_URL ? { url: process.env.LOAD_DB_URL } : { file: process.env.LOAD_DB_FILE!, url: '' });
// The load generator is one client on one address: the per-client token bucket would measure itself.
const running = await listen(createApp(store, { rateLimit: false }), { port: 0, host: '127.0.0.1' });
const rss = () => Math.round(process.memoryUsage().rss / 1e6);
process.on('message', async (m: string) => {
  if (m === 'rss') process.send!({ rss: rss(), peak: Math.round(process.resourceUsage().maxRSS / 1024) });
  if (m === 'stop') {
    await running.close();
    await store.close();
    process.exit(0);
  }
});
process.send!({ port: running.port, rss: rss() });
