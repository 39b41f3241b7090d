import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { OnrecordError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments and checks them with its zod schema, so that
 * every CLI option is validated at the boundary with one clear error.
 */
export function parseCommand<S extends z.ZodType>(
  argv: string[],
  options: Options,
  schema: S,
): { values: z.infer<S>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new OnrecordError('ONR_ERR_OPTION', (error as Error).message);
  }
  const result = schema.safeParse(parsed.values);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new OnrecordError('ONR_ERR_OPTION', detail);
  }
  return { values: result.data, positionals: parsed.positionals };
}
