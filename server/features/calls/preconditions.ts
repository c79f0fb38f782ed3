import { AppError, badRequest } from '../../lib/errors.ts';

/** A call's ETag: its version, quoted (RFC 9110 strong entity tag). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

const ENTITY_TAG = /^(?:W\/)?"(\d{1,15})"$/;

/**
 * The versions an `If-Match` header names. Writes to a call must say which
 * version they were based on, so two analysts never overwrite each other
 * unseen: no header is a 428, and `*` (which would match any version) is
 * refused the same way. A weak `W/` prefix is tolerated, since some proxies
 * weaken tags they pass on.
 */
export function ifMatchVersions(header: string | undefined): number[] {
  const value = header?.trim();
  if (!value || value === '*') {
    throw new AppError(
      428,
      'Precondition required',
      'Send If-Match with the ETag of the version you read (e.g. If-Match: "3"), so a change made by someone else since is not overwritten',
      [{ path: 'If-Match', message: value === '*' ? 'must name a version, not *' : 'is required' }],
    );
  }
  const versions: number[] = [];
  for (const part of value.split(',')) {
    const match = ENTITY_TAG.exec(part.trim());
    if (!match) {
      throw badRequest('If-Match must be the quoted version from the ETag, e.g. "3"', [
        { path: 'If-Match', message: 'must be an entity tag such as "3"' },
      ]);
    }
    versions.push(Number(match[1]));
  }
  return versions;
}

/** The answer when the call (or another versioned object, such as a round) has changed since the client read it. */
export function staleVersion(current: number, what = 'call'): AppError {
  return new AppError(
    412,
    'Precondition failed',
    `The ${what} has changed since you read it (it is now version ${current}); reload it and apply your change again`,
    [{ path: 'If-Match', message: `does not match the current version ${etagOf(current)}` }],
    { ETag: etagOf(current) },
  );
}
