import { describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.ts';
import { serverOnThrowawayCluster } from './support/cluster-server.ts';
import { clusterUnavailable } from './support/pg-cluster.ts';
import { type Answer, answer, eventually, expectRetryLater } from './support/probe.ts';
import { newCall } from './support/server-process.ts';

// PostgreSQL stopped and started again under a running server (its own
// throwaway cluster, never the shared one): the server stays up, answers 503
// with Retry-After while the database is away (never 500), and carries on by
// itself once the database is back.
const unavailable = clusterUnavailable();
if (unavailable) console.warn(`Skipping the PostgreSQL restart test: ${unavailable}`);

describe.skipIf(unavailable !== undefined || testDialect === 'postgres')('PostgreSQL restarting under the server', () => {
  const ctx = serverOnThrowawayCluster({ DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '2000' });

  it('stays up, answers 503 with Retry-After while the database is away, and reconnects', async () => {
    const { cluster, server, api, parties } = ctx;
    // Traffic all along: reads and writes, as a busy dashboard would send.
    const answers: (Answer & { what: string })[] = [];
    let running = true;
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        const batch = [
          answer(() => api.request('/api/calls?limit=5')).then((a) => ({ ...a, what: 'GET /api/calls' })),
          answer(() => api.request('/api/calls', { method: 'POST', json: newCall(parties, `traffic ${i}`) })).then((a) => ({ ...a, what: 'POST /api/calls' })),
          answer(() => fetch(`${server.url}/api/health`)).then((a) => ({ ...a, what: 'GET /api/health' })),
        ];
        answers.push(...(await Promise.all(batch)));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    expect((await answer(() => fetch(`${server.url}/api/health`))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));

    cluster.stop();
    const health = await answer(() => fetch(`${server.url}/api/health`));
    expectRetryLater(health, 'health while the database is stopped');
    expect(JSON.parse(health.body)).toMatchObject({ health: 'unavailable' });
    expectRetryLater(await answer(() => api.request('/api/calls')), 'a read while the database is stopped');
    expectRetryLater(await answer(() => api.request('/api/calls', { method: 'POST', json: newCall(parties) })), 'a write while the database is stopped');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(server.child.exitCode, server.output()).toBeNull();

    cluster.start();
    await eventually(async () => expect((await answer(() => fetch(`${server.url}/api/health`))).status).toBe(200), 20_000);
    const written = await answer(() => api.request('/api/calls', { method: 'POST', json: newCall(parties, 'after the restart') }));
    expect(written.status, written.body).toBe(201);
    expect((await answer(() => api.request('/api/calls?limit=5'))).status).toBe(200);

    running = false;
    await traffic;
    const failures = answers.filter((a) => a.status === 0 || a.status >= 500).filter((a) => a.status !== 503);
    const counts = answers.reduce<Record<string, number>>((all, a) => ({ ...all, [`${a.what} ${a.status}`]: (all[`${a.what} ${a.status}`] ?? 0) + 1 }), {});
    console.log('answers during the restart:', counts);
    expect(failures.map((a) => `${a.what} ${a.status} ${a.body.slice(0, 200)}`), server.output()).toEqual([]);
    for (const a of answers.filter((a) => a.status === 503)) expectRetryLater(a, a.what);
    expect(answers.some((a) => a.status === 503)).toBe(true);
    expect(server.child.exitCode, server.output()).toBeNull();
  }, 90_000);
});
