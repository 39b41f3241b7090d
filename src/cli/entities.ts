import { listEntities } from './speakers.js';

export function run(argv: string[]): Promise<number> {
  return listEntities(argv, false, 'usage: onrecord entities [--type person|organization|place|other] [--q NAME] [--limit N] [--offset N] [--db FILE] [--json]\n');
}
