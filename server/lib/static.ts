import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The content codings a request accepts (a q of 0 refuses one). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  return accepted;
}

/**
 * A file with a compressed copy beside it is sent differently by
 * Accept-Encoding, so every answer for it says `Vary: Accept-Encoding` —
 * the identity one too, or a shared cache could hand it to everyone.
 */
function varyOnEncoding(clientDir: string): MiddlewareHandler<AppEnv> {
  const root = resolve(clientDir);
  return async (c, next) => {
    await next();
    if (c.res.status !== 200 && c.res.status !== 206) return;
    let path: string;
    try {
      path = resolve(root, `.${decodeURIComponent(c.req.path)}`);
    } catch {
      return;
    }
    if (!path.startsWith(root) || !ENCODINGS.some(({ suffix }) => existsSync(path + suffix))) return;
    const vary = c.res.headers.get('Vary');
    if (!vary) c.res.headers.set('Vary', 'Accept-Encoding');
    else if (!/accept-encoding/i.test(vary)) c.res.headers.set('Vary', `${vary}, Accept-Encoding`);
  };
}

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
  const indexEncoded = ENCODINGS.flatMap(({ name, suffix }) => (existsSync(indexPath + suffix) ? [{ name, body: readFileSync(indexPath + suffix) }] : []));
  // The page names the hashed assets of its build: always revalidated, so a
  // new deployment is picked up on the next load.
  const sendIndex = (c: Context) => {
    c.header('Cache-Control', 'no-cache');
    if (indexEncoded.length === 0) return c.html(indexHtml);
    c.header('Vary', 'Accept-Encoding');
    const accepted = acceptedEncodings(c.req.header('Accept-Encoding'));
    const encoded = indexEncoded.find((e) => accepted.has(e.name));
    if (!encoded) return c.html(indexHtml);
    c.header('Content-Encoding', encoded.name);
    c.header('Content-Type', 'text/html; charset=UTF-8');
    return c.body(new Uint8Array(encoded.body));
  };
  // Set on the finished response: serveStatic's onFound runs after the body
  // is built, too late for c.header() to reach it.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', varyOnEncoding(clientDir));
  // The build wrote .br and .gz copies (scripts/precompress.ts): the one the
  // browser accepts is sent with its Content-Encoding, else the file itself.
  app.use('/assets/*', serveStatic({ root: clientDir, precompressed: true }));
  // A missing asset (say, from a build that has since been replaced) is a 404, not the page.
  app.get('/assets/*', (c) => c.notFound());
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use('*', serveStatic({ root: clientDir, precompressed: true }));
  app.get('*', sendIndex);
}
