import { badRequest } from './errors.ts';

/**
 * Cursors are opaque to clients: the sort key of the last item of a page,
 * base64url-encoded JSON. Keyset pagination stays fast however deep the page.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length || parsed.some((v, i) => !isKeyPart(v, shape[i]!))) {
    throw badRequest('The cursor is not one this server issued', [{ path: 'cursor', message: 'is not a valid cursor' }]);
  }
  return parsed as never;
}

/**
 * Cursors come back from clients, so each part is checked like input: the
 * numeric sort keys are epoch milliseconds and sequence numbers (PostgreSQL
 * refuses 1.5 or 1e21 for a bigint, which would be a 500), and text may not
 * hold U+0000 (see validate.ts).
 */
function isKeyPart(value: unknown, type: 'string' | 'number'): boolean {
  if (type === 'number') return Number.isSafeInteger(value);
  return typeof value === 'string' && !value.includes('\u0000');
}

/** Fetch one row more than asked, to know whether there is a next page. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
