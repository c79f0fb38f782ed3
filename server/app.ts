import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { alertRulesRoutes } from './features/alerts/rules-routes.ts';
import { notificationsRoutes } from './features/alerts/notifications-routes.ts';
import { auditRoutes } from './features/audit/routes.ts';
import { routeAudit } from './features/audit/route-audit.ts';
import { authenticate, csrfGuard, requireOwedSteps } from './features/auth/middleware.ts';
import { authRoutes } from './features/auth/routes.ts';
import { absencesRoutes } from './features/availability/absences-routes.ts';
import { briefingRoutes } from './features/briefing/routes.ts';
import { attemptsRoutes } from './features/calls/attempts-routes.ts';
import { callsRoutes } from './features/calls/routes.ts';
import { roundsRoutes } from './features/rounds/routes.ts';
import { docsRoutes } from './features/docs/routes.ts';
import { ChangeFeed } from './features/events/feed.ts';
import { eventsRoutes } from './features/events/routes.ts';
import { healthRoutes } from './features/health/routes.ts';
import { ministriesRoutes } from './features/ministries/routes.ts';
import { officialsRoutes } from './features/officials/routes.ts';
import { statsRoutes } from './features/stats/routes.ts';
import { tokensRoutes } from './features/tokens/routes.ts';
import { IMPORT_PATH, transferRoutes } from './features/transfer/routes.ts';
import { userCredentialRoutes } from './features/users/credential-routes.ts';
import { usersRoutes } from './features/users/routes.ts';
import { webhooksRoutes } from './features/webhooks/routes.ts';
import { requestInfo } from './lib/client-address.ts';
import type { AppEnv, Deps } from './lib/context.ts';
import { compressAnswers } from './lib/compression.ts';
import { type Drain, refuseWhileDraining } from './lib/drain.ts';
import { AppError, problemResponse } from './lib/errors.ts';
import { hostGuard } from './lib/host-guard.ts';
import { requireJsonBody } from './lib/json-body.ts';
import { serveClient } from './lib/static.ts';

/** Methods whose requests carry no body (the fetch API refuses one on GET and HEAD). */
const mayHaveBody = (method: string) => method !== 'GET' && method !== 'HEAD';

/** Bodies larger than this are refused before they are read (413). */
export const MAX_BODY_BYTES = 1024 * 1024;

function buildApi(feed: ChangeFeed, credentialCheckMs: number, closing?: AbortSignal) {
  const api = new Hono<AppEnv>()
    .route('/health', healthRoutes) // answered before the API's middleware (createApp); mounted here for the API document
    .route('/auth', authRoutes)
    .route('/users', usersRoutes)
    .route('/users', userCredentialRoutes)
    .route('/tokens', tokensRoutes)
    .route('/audit', auditRoutes)
    .route('/ministries', ministriesRoutes)
    .route('/officials', officialsRoutes)
    .route('/officials', absencesRoutes)
    .route('/calls', callsRoutes)
    .route('/calls', attemptsRoutes)
    .route('/rounds', roundsRoutes)
    .route('/stats', statsRoutes)
    .route('/alert-rules', alertRulesRoutes)
    .route('/notifications', notificationsRoutes)
    .route('/briefing', briefingRoutes)
    .route('/events', eventsRoutes(feed, credentialCheckMs, closing))
    .route('/webhooks', webhooksRoutes)
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
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The answer for a path no route serves, inside /api or outside it. */
const noRoute = (c: Context) => problemResponse(c, new AppError(404, 'Not found', `No route ${c.req.method} ${c.req.path}`));

/** HSTS only means something over HTTPS; ASVS asks for a year and every subdomain. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Builds the whole application from its dependencies, so tests run it in
 * process (`app.request`) against a database of their own.
 */
export function createApp(deps: Deps, options: { clientDir?: string; eventPollMs?: number; credentialCheckMs?: number; drain?: Drain } = {}) {
  const app = new Hono<AppEnv>();
  const api = buildApi(new ChangeFeed(deps.db, options.eventPollMs), options.credentialCheckMs ?? 5000, options.drain?.signal);

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('user', null);
    c.set('credentialProblem', null);
    c.set('request', requestInfo(c));
    await next();
  });
  app.use('*', secureHeaders({ contentSecurityPolicy, overwrite: false, strictTransportSecurity: deps.config.SECURE_COOKIES ? HSTS : false }));
  if (options.drain) app.use('*', refuseWhileDraining(options.drain));
  // Load balancers and monitors ask for the health check many times a second,
  // and it needs nothing of what follows: no credential, no body, any Host
  // (see hostGuard). It answers here; the API's own mount documents it. The
  // server (index.ts) sends this route's ok answer again itself while the check
  // stays ok (features/health/fast-path.ts).
  app.route('/api/health', healthRoutes);
  // Answers from the API hold what only their caller may see (a token's
  // secret, a user list): no browser or proxy keeps a copy, refusals included.
  app.use('/api/*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use('/api/*', compressAnswers());
  app.use('*', hostGuard(deps.config));

  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError(413, 'Payload too large', `The request body must be at most ${MAX_BODY_BYTES} bytes`); } });
  // The import streams its file with limits of its own (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS).
  // A GET or HEAD has no body to limit: asking for one would make the Node.js
  // adapter build a whole fetch Request (headers, abort signal) per request.
  app.use('/api/*', (c, next) => (c.req.path === IMPORT_PATH || !mayHaveBody(c.req.method) ? next() : limitBody(c, next)));
  app.use('/api/*', requireJsonBody);
  app.use('/api/*', authenticate);
  app.use('/api/*', requireOwedSteps);
  app.use('/api/*', csrfGuard);
  app.use('/api/*', routeAudit);

  app.route('/api', api);
  app.all('/api/*', noRoute);

  // Source maps would hand out the client's source; the build makes none, and none is served.
  app.get('*', async (c, next) => (c.req.path.endsWith('.map') ? noRoute(c) : next()));
  if (options.clientDir) serveClient(app, options.clientDir);

  app.onError((error, c) => problemResponse(c, error));
  app.notFound(noRoute);
  return app;
}
