import { LIST_HELP, listEntities, listOptions } from './speakers.js';

export const options = listOptions;

export function run(argv: string[]): Promise<number> {
  return listEntities(argv, false, `usage: onrecord entities [--type person|organization|place|other] [--q NAME] [--limit N] [--offset N] [--db FILE] [--json]

Lists every stored entity (people, organizations, places), speaking or only mentioned.
${LIST_HELP}
example: onrecord entities --type organization --limit 20
`);
}
