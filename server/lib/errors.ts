import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '#shared/schemas/common.ts';
import { type DatabaseFault, asDatabaseFault } from './db-errors.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** A failure the client can act on; mapped to problem+json by `problemResponse`. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    detail: string,
    readonly errors?: readonly FieldError[] | readonly Record<string, unknown>[],
    readonly headers?: Record<string, string>,
    /** Extension members of the problem (RFC 9457 §3.2), e.g. `{ code: 'mfa_required' }`. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new AppError(400, 'Bad request', detail, errors);
export const invalid = (errors: FieldError[], detail = describeErrors(errors)) =>
  new AppError(422, 'Invalid input', detail, errors);
export const notFound = (what: string) => new AppError(404, 'Not found', `${what} does not exist`);
export const conflict = (detail: string, errors?: FieldError[]) => new AppError(409, 'Conflict', detail, errors);
export const unauthorized = (detail = 'Log in or send an API token') => new AppError(401, 'Unauthorized', detail);
export const forbidden = (detail: string) => new AppError(403, 'Forbidden', detail);

function describeErrors(errors: FieldError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}

/** The one place an error becomes an HTTP answer (RFC 9457 problem details). */
export function problemResponse(c: Context, error: unknown): Response {
  let problem: Problem;
  let headers: Record<string, string> = {};
  if (error instanceof AppError) {
    problem = { type: 'about:blank', title: error.title, status: error.status, detail: error.message };
    if (error.errors) problem.errors = error.errors as FieldError[];
    if (error.extensions) problem = { ...error.extensions, ...problem };
    headers = error.headers ?? {};
  } else if (asDatabaseFault(error)) {
    const fault = asDatabaseFault(error)!;
    console.warn(`${c.req.method} ${c.req.path}: database ${fault.fault}: ${fault.message}`);
    const answer = FAULT_ANSWERS[fault.fault];
    problem = { type: 'about:blank', title: answer.title, status: answer.status, detail: answer.detail };
    if (answer.retryAfterS) headers = { 'Retry-After': String(answer.retryAfterS) };
  } else if (error instanceof HTTPException) {
    // Hono's own refusals (e.g. malformed JSON, found by its validator) carry their status.
    const status = error.status;
    problem = { type: 'about:blank', title: titleFor(status), status, detail: error.message || titleFor(status) };
  } else {
    console.error(error);
    problem = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'The server failed to handle the request' };
  }
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    ...headers,
    'Content-Type': 'application/problem+json',
  });
}

/**
 * What the client is told when the database, not the request, failed: a 503
 * to retry (with Retry-After), or a 507 while the disk is full.
 */
const FAULT_ANSWERS: Record<DatabaseFault, { status: ContentfulStatusCode; title: string; detail: string; retryAfterS?: number }> = {
  unavailable: { status: 503, title: 'Service unavailable', detail: 'The database is not reachable; try again shortly', retryAfterS: 5 },
  timeout: { status: 503, title: 'Service unavailable', detail: 'The database did not answer in time; try again shortly', retryAfterS: 5 },
  busy: { status: 503, title: 'Service unavailable', detail: 'The database is locked by another writer; nothing was stored, try again', retryAfterS: 1 },
  storage_full: {
    status: 507,
    title: 'Insufficient storage',
    detail: "The database's disk is full, so nothing was stored; reading still works. Free space on the server, then try again",
  },
};

function titleFor(status: number): string {
  switch (status) {
    case 400: return 'Bad request';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404: return 'Not found';
    case 413: return 'Payload too large';
    case 503: return 'Service unavailable';
    default: return status >= 500 ? 'Internal Server Error' : 'Error';
  }
}
