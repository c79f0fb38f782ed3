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
 * For `.catch()` on a statement: turns a matching database error into the
 * given client error and rethrows anything else unchanged.
 */
export function orThrow(matches: (error: unknown) => boolean, replacement: () => Error) {
  return (error: unknown): never => {
    throw matches(error) ? replacement() : error;
  };
}
