import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './context.ts';

/**
 * Serves the built client: hashed assets with a long cache, and index.html
 * for every other path so the client's router handles deep links.
 */
export function serveClient(app: Hono<AppEnv>, clientDir: string) {
  const indexPath = join(clientDir, 'index.html');
  if (!existsSync(indexPath)) {
    console.warn(`No client build at ${clientDir}: run "npm run build" to serve the dashboard.`);
    return;
  }
  const indexHtml = readFileSync(indexPath, 'utf8');
  // The page names the hashed assets of its build: always revalidated, so a
  // new deployment is picked up on the next load.
  const sendIndex = (c: Context) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  };
  // Set on the finished response: serveStatic's onFound runs after the body
  // is built, too late for c.header() to reach it.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root: clientDir }));
  // A missing asset (say, from a build that has since been replaced) is a 404, not the page.
  app.get('/assets/*', (c) => c.notFound());
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use('*', serveStatic({ root: clientDir }));
  app.get('*', sendIndex);
}
