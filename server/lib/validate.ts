import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { AppError, type FieldError } from './errors.ts';

/** Turns a validation issue's path into the dotted field name the client sees. */
export function issuePath(path: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined): string {
  return (path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
}

function issueMessage(issue: StandardSchemaV1.Issue): string {
  // zod words unknown keys as `Unrecognized key: "role"`; name the field and say why.
  const match = /^Unrecognized keys?: (.+)$/.exec(issue.message);
  return match ? `is not a field of this request (${match[1]})` : issue.message;
}

function fieldErrors(issues: readonly StandardSchemaV1.Issue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const unknownKeys = /^Unrecognized keys?: (.+)$/.exec(issue.message);
    if (unknownKeys) {
      const base = issuePath(issue.path);
      for (const key of unknownKeys[1]!.split(', ').map((k) => k.replace(/^"|"$/g, ''))) {
        errors.push({ path: base ? `${base}.${key}` : key, message: 'is not a field of this request' });
      }
      continue;
    }
    errors.push({ path: issuePath(issue.path), message: issueMessage(issue) });
  }
  return errors;
}

const TARGET_WORDS: Partial<Record<keyof ValidationTargets, string>> = {
  json: 'The request body',
  query: 'The query string',
  param: 'The path',
  header: 'The headers',
};

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
    if (result.success) return;
    const errors = fieldErrors(result.error);
    const detail = `${TARGET_WORDS[target] ?? 'The request'} is not valid: ${errors.map((e) => (e.path ? `${e.path} ${e.message}` : e.message)).join('; ')}`;
    throw new AppError(target === 'json' ? 422 : 400, target === 'json' ? 'Invalid input' : 'Bad request', detail, errors);
  });
}
