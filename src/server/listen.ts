import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { OnrecordError } from '../errors.js';

/**
 * Pending connections the kernel queues before accept(): Node's default (511)
 * is below a burst of 1,000 simultaneous clients on loopback.
 */
export const LISTEN_BACKLOG = 4096;

export interface RunningServer {
  /** The URL to print and open: localhost for a loopback address. */
  readonly url: string;
  /** The URL with the bound address itself (no name lookup). */
  readonly origin: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Serves a fetch app over HTTP/1.1 on `host:port` (port 0 picks a free one). */
export async function listen(app: Hono, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const detail = error.code === 'EADDRINUSE' ? `port ${options.port} is already in use (choose another with --port N or PORT=N)` : error.message;
      reject(new OnrecordError('ONR_ERR_OPTION', `cannot listen on ${host}:${options.port ?? 0}: ${detail}`));
    });
    server.listen({ port: options.port ?? 0, host, backlog: LISTEN_BACKLOG }, resolve);
  });
  const { port, address } = server.address() as AddressInfo;
  const bracket = (a: string) => (a.includes(':') ? `[${a}]` : a);
  return {
    url: `http://${LOOPBACK.has(host) ? 'localhost' : bracket(host)}:${port}`,
    origin: `http://${bracket(address)}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
