import { resolver } from 'hono-openapi';
import type { z } from 'zod';
import { Problem } from '#shared/schemas/common.ts';

type HeaderDocs = Record<string, { description: string; schema: { type: 'string' } }>;

/** An OpenAPI response whose body is the given schema as JSON. */
export function jsonDoc(description: string, schema: z.core.$ZodType, headers?: HeaderDocs) {
  return { description, content: { 'application/json': { schema: resolver(schema) } }, ...(headers ? { headers } : {}) };
}

/** An OpenAPI error response: RFC 9457 problem details. */
export function problemDoc(description: string) {
  return { description: `${description} (Problem)`, content: { 'application/problem+json': { schema: resolver(Problem) } } };
}

/**
 * The 400 of a route that validates its path or query without documenting a
 * 400 itself, in the finished document's terms (a plain object: it is copied
 * into the document after the schemas are resolved, and Problem is among them).
 */
export const validationProblemSchema = {
  description: 'The path or query string is not valid; `errors` names each parameter (Problem)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** The refusals every signed-in route can answer. */
export const authProblems = {
  401: problemDoc('Not logged in and no API token'),
  403: problemDoc('The user’s role does not allow this'),
};

/** A body that is not JSON, or not sent as JSON. */
export const badJsonDoc = problemDoc('The body is not JSON');

/** A JSON body that breaks its schema. */
export function invalidBodyDoc(detail = 'A field breaks the rules or is not a field of this request') {
  return problemDoc(`${detail}; \`errors\` names each one`);
}
