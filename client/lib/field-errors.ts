import type { z } from 'zod/mini';
import type { FieldProblem } from '#shared/domain/call-status.ts';
import { ApiError } from './api-client.ts';

/** Messages by top-level field name, for showing beside each field. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * One message per field from a zod error (client-side validation), from the
 * shared domain rules' problems, or from the server's problem+json
 * `errors[].path`. The first message for a field wins.
 */
export function fieldErrors(error: z.core.$ZodError | ApiError | readonly FieldProblem[]): FieldErrors {
  const result: FieldErrors = {};
  const entries =
    error instanceof ApiError
      ? (error.problem.errors ?? []).map((e) => ({ path: e.path.split('.')[0] ?? '', message: e.message }))
      : Array.isArray(error)
        ? error
        : (error as z.core.$ZodError).issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message }));
  for (const { path, message } of entries) {
    if (result[path] === undefined) result[path] = sentence(message);
  }
  return result;
}

/** "must not be empty" → "Must not be empty." */
function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * What a form shows after its save failed: the server's messages beside their
 * fields, and a message above the form when none applies to a field, on a
 * conflict (409), or when the failure is not the server's answer.
 */
export function saveFailure(error: unknown): { errors: FieldErrors; formError: string | null } {
  if (error instanceof ApiError) {
    const errors = fieldErrors(error);
    return { errors, formError: !Object.keys(errors).length || error.status === 409 ? error.message : null };
  }
  return { errors: {}, formError: error instanceof Error ? error.message : 'Not saved.' };
}
