import { z } from 'zod';
import { parseCommand } from './args.js';
import { OnrecordError } from '../errors.js';
import { checkRedis } from '../queue/config.js';
import { queueStatus, type QueueStatus } from '../queue/status.js';

const HELP = `usage: onrecord status --queue REDIS_URL [--prefix P] [--json]

Shows the ingest queue: waiting, active, completed, failed and delayed jobs,
the rate (completed per second over the last minutes) and the first failures.
  --queue URL    redis:// URL of the job queue (required)
  --prefix P     Redis key prefix (default: ONRECORD_QUEUE_PREFIX, else onrecord)
  --json         print the counts as one JSON object
  --help, -h     this help
example: onrecord status --queue redis://localhost:6379 --json`;

const Options = z.object({
  queue: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  prefix: z.string().regex(/^[\w.-]+$/, 'letters, digits, - _ . only').optional(),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});

export const options = { queue: { type: 'string' }, prefix: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export function formatStatus(s: QueueStatus): string {
  const lines = [
    `waiting ${s.waiting}  active ${s.active}  completed ${s.completed}  failed ${s.failed}  delayed ${s.delayed}`,
    `rate ${s.ratePerSecond.toFixed(2)} articles/s`,
    ...s.failures.map((f) => `failed ${f.id} (${f.attempts} tries) ${f.source}: ${f.reason}`),
  ];
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand(
    argv,
    options,
    Options,
  );
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (!values.queue) throw new OnrecordError('ONR_ERR_OPTION', '--queue REDIS_URL is required');
  await checkRedis(values.queue);
  const status = await queueStatus(values.queue, { prefix: values.prefix });
  process.stdout.write((values.json ? JSON.stringify(status) : formatStatus(status)) + '\n');
  return 0;
}
