import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type AppError, type FieldError, badRequest, invalid } from './errors.ts';

/** Turns a validation issue's path into the dotted field name the client sees. */
export function issuePath(path: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined): string {
  return (path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
}

function join(base: string, key: string | number): string {
  return base ? `${base}.${key}` : String(key);
}

/** A body of many thousand unknown keys would otherwise answer with as many errors. */
const MAX_FIELD_ERRORS = 50;

function fieldErrors(issues: readonly StandardSchemaV1.Issue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    // zod reports every unknown key of an object in one issue; name each one.
    // The keys come from the issue itself, not its message, since a key may
    // hold quotes and commas.
    const keys = (issue as { code?: unknown; keys?: unknown }).code === 'unrecognized_keys' ? (issue as { keys?: unknown }).keys : undefined;
    if (Array.isArray(keys)) {
      const base = issuePath(issue.path);
      for (const key of keys) errors.push({ path: join(base, String(key)), message: 'is not a field of this request' });
      continue;
    }
    errors.push({ path: issuePath(issue.path), message: issue.message });
  }
  return errors;
}

/**
 * Paths of the strings holding U+0000. PostgreSQL's text cannot store it (the
 * statement fails, which would be a 500) and no name, note or id needs it,
 * so it is refused on both databases alike. Runs on input that already passed
 * its schema, so the value is small and shallow.
 */
function nulPaths(value: unknown, base = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [base] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulPaths(item, join(base, i)));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => nulPaths(item, join(base, key)));
  return [];
}

const TARGET_WORDS: Partial<Record<keyof ValidationTargets, string>> = {
  json: 'The request body',
  query: 'The query string',
  param: 'The path',
  header: 'The headers',
};

function refusal(target: keyof ValidationTargets, all: FieldError[]): AppError {
  const errors = all.slice(0, MAX_FIELD_ERRORS);
  const more = all.length > errors.length ? `; and ${all.length - errors.length} more` : '';
  const detail = `${TARGET_WORDS[target] ?? 'The request'} is not valid: ${errors.map((e) => (e.path ? `${e.path} ${e.message}` : e.message)).join('; ')}${more}`;
  return target === 'json' ? invalid(errors, detail) : badRequest(detail, errors);
}

/**
 * Validates one part of the request with a shared schema and documents it in
 * the OpenAPI document. A body that breaks the schema is a 422 naming each
 * field; a query or path that does is a 400.
 */
export function validate<Schema extends StandardSchemaV1, Target extends keyof ValidationTargets>(
  target: Target,
  schema: Schema,
) {
  return validator(target, schema, (result) => {
    if (!result.success) throw refusal(target, fieldErrors(result.error));
    const withNul = nulPaths(result.data);
    if (withNul.length > 0) throw refusal(target, withNul.map((path) => ({ path, message: 'must not contain the character U+0000' })));
  });
}
