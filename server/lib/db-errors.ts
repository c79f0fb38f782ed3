/**
 * Recognises constraint violations from either database, so a race that slips
 * past a service's own checks still becomes a 409/422 rather than a 500.
 * SQLite (better-sqlite3) names them by `code` strings; PostgreSQL by SQLSTATE.
 */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * The one way a service turns a constraint violation into the client's
 * error: `.catch(orThrow(isUniqueViolation, () => conflict(…)))` on the
 * statement or transaction. Anything that does not match is rethrown
 * unchanged, and so is a match for which `replacement` (which may look
 * things up first) finds no client error to give.
 */
export function orThrow(matches: (error: unknown) => boolean, replacement: () => Error | undefined | Promise<Error | undefined>) {
  return async (error: unknown): Promise<never> => {
    throw (matches(error) ? await replacement() : undefined) ?? error;
  };
}
