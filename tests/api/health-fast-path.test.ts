import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '#server/app.ts';
import { defaultConfig } from '#server/config.ts';
import { withHealthFastPath } from '#server/features/health/fast-path.ts';
import { fixedClock } from '#server/lib/clock.ts';
import { Drain } from '#server/lib/drain.ts';
import { createTestDatabase } from '../support/database.ts';

/** The server as server/index.ts builds it, counting the requests the app itself answers. */
async function serveApp() {
  const database = await createTestDatabase();
  const deps = { db: database.db, dialect: database.dialect, clock: fixedClock('2013-02-18T12:00:00Z'), config: defaultConfig() };
  const drain = new Drain();
  const app = createApp(deps, { drain });
  const appListener = getRequestListener(app.fetch);
  const served = { byApp: 0 };
  const server = createServer(
    withHealthFastPath(app.fetch, deps, drain, (req: IncomingMessage, res: ServerResponse) => {
      served.byApp += 1;
      void appListener(req, res);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await database.close().catch(() => undefined);
  });
  return { url, app, drain, database, served };
}

/** Status, body and headers, less those node:http writes per answer. */
async function answerOf(response: Response) {
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)));
  return { status: response.status, headers, body: await response.text() };
}

describe('the health check on its fast path', async () => {
  const s = await serveApp();

  it("answers ok with the app's very headers and body, without the app once it has answered ok", async () => {
    const inProcess = await answerOf(await s.app.request('http://localhost/api/health'));
    expect(inProcess.status).toBe(200);
    // The first answer comes from the app, which is then kept.
    const fromApp = await answerOf(await fetch(`${s.url}/api/health`));
    expect(fromApp).toEqual({ ...inProcess, headers: { ...inProcess.headers, 'content-length': String(Buffer.byteLength(inProcess.body)) } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = s.served.byApp;
    for (let i = 0; i < 5; i++) expect(await answerOf(await fetch(`${s.url}/api/health`))).toEqual(fromApp);
    expect(s.served.byApp).toBe(before);
    expect(fromApp.headers['content-security-policy']).toContain("default-src 'self'");
    expect(fromApp.headers['cache-control']).toBe('no-store');
  });

  it('leaves a HEAD or a query string to the app', async () => {
    const before = s.served.byApp;
    expect((await fetch(`${s.url}/api/health`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${s.url}/api/health?probe=1`)).status).toBe(200);
    expect(s.served.byApp).toBe(before + 2);
  });

  it('lets the app answer 503 while the server drains', async () => {
    s.drain.begin();
    const res = await fetch(`${s.url}/api/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ health: 'draining' });
  });
});

describe('the health check on its fast path, when the database is gone', async () => {
  const s = await serveApp();

  it('lets the app answer 503 unavailable', async () => {
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    await s.database.close();
    const before = s.served.byApp;
    const res = await fetch(`${s.url}/api/health`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ health: 'unavailable' });
    expect(s.served.byApp).toBe(before + 1);
  });
});
