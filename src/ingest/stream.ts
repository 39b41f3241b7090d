/**
 * Input files as streams of chunks: gzip undone as the bytes arrive and sizes counted on the way, so a limit
 * stops a decompression bomb when it is passed, before the bytes are held anywhere (a 0.5 MB gzip of 500 MiB
 * once ran `ingest` out of memory).
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type Chunks = AsyncIterable<Uint8Array>;

export const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Whether an input error came from zlib (a corrupt or cut-short gzip stream). */
export const isZlibError = (error: unknown): boolean =>
  /^Z_/.test(String((error as NodeJS.ErrnoException)?.code ?? '')) ||
  (typeof (error as { errno?: unknown })?.errno === 'number' && /gzip|zlib|header|end of file|invalid/i.test((error as Error).message));

/** A stream went past its limit; thrown by `counted` as the byte past it arrives. */
export class OverLimit extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

/** Bytes `input` holds, as the bytes come; throws OverLimit as soon as the count passes `limit`. */
export async function* counted(input: Chunks, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of input) {
    total += chunk.length;
    if (total > limit) throw new OverLimit(limit);
    yield chunk;
  }
}

/**
 * Inflates a gzip stream (several members too, as .warc.gz has) chunk by chunk; the next input chunk is read
 * only when the output of the last one is taken, so what is held is one input chunk's output at most.
 */
export async function* gunzipChunks(input: Chunks): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  pipeline(Readable.from(input), gunzip, () => {});
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    gunzip.destroy();
  }
}

/** The first bytes of a stream (at least `want`, unless it ends first), and the whole stream again from its start. */
export async function peek(input: Chunks, want: number): Promise<{ head: Uint8Array; chunks: Chunks; error?: unknown }> {
  const it = input[Symbol.asyncIterator]();
  const first: Uint8Array[] = [];
  let size = 0;
  let done = false;
  let error: unknown;
  try {
    while (size < want) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      first.push(r.value);
      size += r.value.length;
    }
  } catch (e) {
    error = e;
    done = true;
  }
  const head = Buffer.concat(first);
  async function* again(): AsyncGenerator<Uint8Array> {
    try {
      if (head.length) yield head;
      if (error !== undefined) throw error;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  }
  return { head, chunks: again(), error };
}

/** All of a stream's bytes, within `limit` (OverLimit past it); an input error is returned with the bytes before it. */
export async function collect(input: Chunks, limit: number): Promise<{ bytes: Uint8Array; error?: unknown }> {
  const parts: Uint8Array[] = [];
  try {
    for await (const chunk of counted(input, limit)) parts.push(chunk);
  } catch (error) {
    if (error instanceof OverLimit) throw error;
    return { bytes: Buffer.concat(parts), error };
  }
  return { bytes: Buffer.concat(parts) };
}

/** One line of a stream, numbered from 1: its bytes, or only its length when it was too long to hold. */
export interface Line {
  readonly n: number;
  readonly bytes?: Uint8Array;
  readonly tooLong?: number;
}

/**
 * The lines of a stream (without their newline), a chunk's worth at a time (one await per chunk, not per line:
 * a bomb of short lines has millions). A line longer than `maxLine` bytes is not held: it comes as `tooLong`,
 * its bytes skipped. A last line without a newline is given when the stream ends cleanly; an input error is
 * thrown after the lines before it.
 */
export async function* lines(input: Chunks, maxLine: number): AsyncGenerator<Line[]> {
  let parts: Uint8Array[] = [];
  let held = 0;
  let skipped = -1;
  let n = 0;
  const end = (last: Uint8Array): Line => {
    n++;
    if (skipped >= 0) {
      const tooLong = skipped + last.length;
      skipped = -1;
      return { n, tooLong };
    }
    const bytes = parts.length ? Buffer.concat([...parts, last]) : last;
    parts = [];
    held = 0;
    return { n, bytes };
  };
  for await (const chunk of input) {
    const out: Line[] = [];
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
      out.push(end(chunk.subarray(from, nl)));
      from = nl + 1;
    }
    const rest = chunk.subarray(from);
    if (skipped >= 0) skipped += rest.length;
    else if (held + rest.length > maxLine) {
      skipped = held + rest.length;
      parts = [];
      held = 0;
    } else if (rest.length) {
      // Copied: the chunk's buffer may be reused by the stream.
      parts.push(Uint8Array.prototype.slice.call(rest));
      held += rest.length;
    }
    if (out.length) yield out;
  }
  if (held || skipped >= 0) yield [end(new Uint8Array())];
}
