import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
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
  app.use(
    '/assets/*',
    serveStatic({
      root: clientDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use('*', serveStatic({ root: clientDir }));
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
}
