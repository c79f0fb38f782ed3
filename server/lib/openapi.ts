import { resolver } from 'hono-openapi';
import type { z } from 'zod';
import { Problem } from '#shared/schemas/common.ts';

type HeaderDocs = Record<string, { description: string; schema: { type: 'string' } }>;

/** An OpenAPI response whose body is the given schema as JSON. */
export function jsonDoc(description: string, schema: z.ZodType, headers?: HeaderDocs) {
  return { description, content: { 'application/json': { schema: resolver(schema) } }, ...(headers ? { headers } : {}) };
}

/** An OpenAPI error response: RFC 9457 problem details. */
export function problemDoc(description: string) {
  return { description: `${description} (Problem)`, content: { 'application/problem+json': { schema: resolver(Problem) } } };
}

/** The refusals every signed-in route can answer. */
export const authProblems = {
  401: problemDoc('Not logged in and no API token'),
  403: problemDoc('The user’s role does not allow this'),
};
