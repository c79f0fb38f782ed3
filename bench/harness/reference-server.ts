import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/**
 * The references the app is measured against, run as a child process of the
 * benchmark exactly as the app is:
 *   plain FILE  a bare node:http server answering every request with the
 *               bytes (and content type) of FILE.json: the transport's ceiling;
 *   hono        a bare Hono app on @hono/node-server answering GET /api/health.
 * Prints "listening on http://127.0.0.1:PORT" once it listens.
 */
const [mode, file] = process.argv.slice(2);

function announce(port: number) {
  console.log(`listening on http://127.0.0.1:${port}`);
}

if (mode === 'plain') {
  const answer = JSON.parse(readFileSync(file!, 'utf8')) as { contentType: string; body: string };
  const body = Buffer.from(answer.body, 'base64');
  const headers = { 'Content-Type': answer.contentType, 'Content-Length': String(body.byteLength) };
  const server = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => announce((server.address() as { port: number }).port));
} else if (mode === 'hono') {
  const app = new Hono().get('/api/health', (c) => c.json({ status: 'ok' }));
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => announce(info.port));
} else {
  console.error('usage: reference-server.ts plain FILE | hono');
  process.exit(2);
}
