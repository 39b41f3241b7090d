type Schema = Record<string, unknown>;

/** Response shapes of the corrections API, mirroring Correction and EditableStatement in src/types.ts. */
export function correctionComponents(
  ref: (name: string) => Schema,
  obj: (properties: Record<string, Schema>, required?: string[]) => Schema,
): Record<string, Schema> {
  const str = { type: 'string' };
  const int = { type: 'integer', minimum: 0 };
  const action = { type: 'string', enum: ['reassign', 'not-a-statement', 'change-type', 'change-span', 'verify', 'rename', 'merge', 'split', 'add-role', 'end-role', 'undo'] };
  return {
    EditableStatement: { allOf: [ref('Statement'), obj({ etag: { ...str, description: 'send back as etag (or If-Match) with a correction' } }, ['etag'])] },
    Correction: obj(
      {
        kind: { const: 'correction' },
        id: int,
        at: { ...str, description: 'ISO date-time' },
        editor: { ...str, description: 'the editor token\'s name' },
        action,
        reason: str,
        articleId: str,
        words: { ...str, description: 'the statement\'s words (normalised) it is matched by when the article is stored again' },
        statementId: str,
        entityId: str,
        before: { description: 'what the correction replaced' },
        after: { description: 'what it put in place' },
        undoOf: int,
        undoneBy: int,
        unmatched: obj({ version: str, at: str }, ['version', 'at']),
      },
      ['kind', 'id', 'at', 'editor', 'action', 'before', 'after'],
    ),
  };
}
