import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { openAPIRouteHandler } from 'hono-openapi';
import { authenticate, csrfGuard } from './features/auth/middleware.ts';
import { authRoutes } from './features/auth/routes.ts';
import { callsRoutes } from './features/calls/routes.ts';
import { docsPage } from './features/docs/page.ts';
import { ChangeFeed } from './features/events/feed.ts';
import { eventsRoutes } from './features/events/routes.ts';
import { healthRoutes } from './features/health/routes.ts';
import { ministriesRoutes } from './features/ministries/routes.ts';
import { officialsRoutes } from './features/officials/routes.ts';
import { statsRoutes } from './features/stats/routes.ts';
import { tokensRoutes } from './features/tokens/routes.ts';
import { transferRoutes } from './features/transfer/routes.ts';
import { usersRoutes } from './features/users/routes.ts';
import type { AppEnv, Deps } from './lib/context.ts';
import { AppError, badRequest, problemResponse } from './lib/errors.ts';
import { serveClient } from './lib/static.ts';

/** Bodies larger than this are refused before they are read (413). */
export const MAX_BODY_BYTES = 1024 * 1024;

function buildApi(feed: ChangeFeed) {
  return new Hono<AppEnv>()
    .route('/health', healthRoutes)
    .route('/auth', authRoutes)
    .route('/users', usersRoutes)
    .route('/tokens', tokensRoutes)
    .route('/ministries', ministriesRoutes)
    .route('/officials', officialsRoutes)
    .route('/calls', callsRoutes)
    .route('/stats', statsRoutes)
    .route('/events', eventsRoutes(feed))
    .route('/', transferRoutes);
}

export type AppType = ReturnType<typeof buildApi>;

const documentation: Parameters<typeof openAPIRouteHandler>[1] = {
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
        session: { type: 'apiKey', in: 'cookie', name: 'readout_session' },
        token: { type: 'http', scheme: 'bearer', description: 'A personal API token from POST /tokens' },
      },
    },
    security: [{ session: [] }, { token: [] }],
  },
};

/**
 * Builds the whole application from its dependencies, so tests run it in
 * process (`app.request`) against a database of their own.
 */
export function createApp(deps: Deps, options: { clientDir?: string; eventPollMs?: number } = {}) {
  const app = new Hono<AppEnv>();
  const api = buildApi(new ChangeFeed(deps.db, options.eventPollMs));

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('user', null);
    await next();
  });
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"], connectSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"] } }));

  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError(413, 'Payload too large', `The request body must be at most ${MAX_BODY_BYTES} bytes`); } }));
  app.use('/api/*', async (c, next) => {
    // A body on a write must be JSON (the import route also takes CSV).
    const method = c.req.method;
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
      const type = c.req.header('content-type') ?? '';
      const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
      const isImport = c.req.path === '/api/import' && type.startsWith('text/csv');
      if (hasBody && !isImport && !/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
        throw badRequest('The request body must be JSON (Content-Type: application/json)', [{ path: '', message: 'is not JSON' }]);
      }
    }
    await next();
  });
  app.use('/api/*', authenticate);
  app.use('/api/*', csrfGuard);

  app.route('/api', api);
  app.get('/api/openapi.json', openAPIRouteHandler(api, documentation));
  app.get('/api/docs', docsPage);
  app.all('/api/*', (c) => problemResponse(c, new AppError(404, 'Not found', `No route ${c.req.method} ${c.req.path}`)));

  if (options.clientDir) serveClient(app, options.clientDir);

  app.onError((error, c) => problemResponse(c, error));
  app.notFound((c) => problemResponse(c, new AppError(404, 'Not found', `No route ${c.req.method} ${c.req.path}`)));
  return app;
}
