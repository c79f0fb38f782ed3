import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate, csrfGuard } from './features/auth/middleware.ts';
import { authRoutes } from './features/auth/routes.ts';
import { callsRoutes } from './features/calls/routes.ts';
import { docsRoutes } from './features/docs/routes.ts';
import { ChangeFeed } from './features/events/feed.ts';
import { eventsRoutes } from './features/events/routes.ts';
import { healthRoutes } from './features/health/routes.ts';
import { ministriesRoutes } from './features/ministries/routes.ts';
import { officialsRoutes } from './features/officials/routes.ts';
import { statsRoutes } from './features/stats/routes.ts';
import { tokensRoutes } from './features/tokens/routes.ts';
import { IMPORT_PATH, transferRoutes } from './features/transfer/routes.ts';
import { usersRoutes } from './features/users/routes.ts';
import type { AppEnv, Deps } from './lib/context.ts';
import { compressAnswers } from './lib/compression.ts';
import { AppError, problemResponse } from './lib/errors.ts';
import { requireJsonBody } from './lib/json-body.ts';
import { serveClient } from './lib/static.ts';

/** Bodies larger than this are refused before they are read (413). */
export const MAX_BODY_BYTES = 1024 * 1024;

function buildApi(feed: ChangeFeed) {
  const api = new Hono<AppEnv>()
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
  return api.route('/', docsRoutes(api));
}

// The dashboard is Vite's build: module scripts and stylesheets from /assets,
// no inline script, so scripts need only 'self'. Inline styles stay allowed
// for the style attributes React and the charts set. Pages that need more
// (the API docs page) send their own policy, which is kept (overwrite: false).
const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The answer for a path no route serves, inside /api or outside it. */
const noRoute = (c: Context) => problemResponse(c, new AppError(404, 'Not found', `No route ${c.req.method} ${c.req.path}`));

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
    c.set('credentialProblem', null);
    await next();
  });
  app.use('*', secureHeaders({ contentSecurityPolicy, overwrite: false }));
  app.use('/api/*', compressAnswers());

  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError(413, 'Payload too large', `The request body must be at most ${MAX_BODY_BYTES} bytes`); } });
  // The import streams its file with limits of its own (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS).
  app.use('/api/*', (c, next) => (c.req.path === IMPORT_PATH ? next() : limitBody(c, next)));
  app.use('/api/*', requireJsonBody);
  app.use('/api/*', authenticate);
  app.use('/api/*', csrfGuard);

  app.route('/api', api);
  app.all('/api/*', noRoute);

  if (options.clientDir) serveClient(app, options.clientDir);

  app.onError((error, c) => problemResponse(c, error));
  app.notFound(noRoute);
  return app;
}
