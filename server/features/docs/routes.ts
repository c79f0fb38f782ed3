import { Hono } from 'hono';
import { describeRoute, openAPIRouteHandler } from 'hono-openapi';
import type { AppEnv } from '../../lib/context.ts';
import { validationProblemSchema } from '../../lib/openapi.ts';
import { SESSION_COOKIE } from '../auth/middleware.ts';
import { docsPage } from './page.ts';

const options: Parameters<typeof openAPIRouteHandler>[1] = {
  documentation: {
    openapi: '3.1.0',
    info: {
      title: 'Readout API',
      version: '1',
      description: 'Log outreach calls between officials, see who still owes a callback, and how fast each ministry replies.',
    },
    servers: [{ url: '/api' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        token: { type: 'http', scheme: 'bearer', description: 'A personal API token from POST /tokens' },
      },
    },
    security: [{ session: [] }, { token: [] }],
  },
  // The document describes itself, and /openapi.json is no static file.
  excludeStaticFile: false,
  // A route that validates its path or query but documents no 400 would
  // otherwise be given hono-openapi's own error shape, which this API never sends.
  defaultValidationErrorResponse: validationProblemSchema,
};

/**
 * `GET /openapi.json` and `GET /docs`, mounted into the API they describe: the
 * document is generated from `api`'s routes on the first request, by which
 * time these two are among them.
 */
export function docsRoutes(api: Hono<AppEnv>) {
  return new Hono<AppEnv>()
    .get(
      '/openapi.json',
      describeRoute({
        tags: ['system'],
        summary: 'This document: OpenAPI 3.1, generated from the schemas the server validates with',
        security: [],
        responses: { 200: { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
      }),
      openAPIRouteHandler(api, options),
    )
    .get(
      '/docs',
      describeRoute({
        tags: ['system'],
        summary: 'A readable page of this document',
        security: [],
        responses: { 200: { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
      }),
      docsPage,
    );
}
