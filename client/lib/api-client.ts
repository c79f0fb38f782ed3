import type { z } from 'zod/mini';
import type { Problem } from '#shared/schemas/common.ts';

/** An API answer that was not 2xx, with its problem details (RFC 9457). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
  }

  /** The message for one field, for showing beside it in a form. */
  fieldError(path: string): string | undefined {
    return this.problem.errors?.find((e) => e.path === path)?.message;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  json?: unknown;
  query?: Record<string, string | number | boolean | undefined | null | readonly string[]>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

/**
 * The one way the client talks to the server: same-origin, cookie session,
 * JSON in and out, problem+json turned into ApiError. When a schema is
 * given, the answer is checked against the shared contract.
 */
export async function apiRequest<T = unknown>(path: string, options: RequestOptions = {}, schema?: z.ZodMiniType<T>): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(buildUrl(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    credentials: 'same-origin',
    signal: options.signal,
  });
  const etag = response.headers.get('etag');
  if (response.status === 204) return { data: undefined as T, etag, status: 204 };
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const problem =
      body && typeof body === 'object' && 'title' in body
        ? (body as Problem)
        : { type: 'about:blank', title: response.statusText || 'Error', status: response.status, detail: text.slice(0, 200) || `The server answered ${response.status}` };
    throw new ApiError(response.status, problem);
  }
  const data = schema ? schema.parse(body) : (body as T);
  return { data, etag, status: response.status };
}

/** Shorthand when only the body matters. */
export async function api<T = unknown>(path: string, options: RequestOptions = {}, schema?: z.ZodMiniType<T>): Promise<T> {
  return (await apiRequest(path, options, schema)).data;
}
