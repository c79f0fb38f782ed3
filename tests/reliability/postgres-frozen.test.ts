import { describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.ts';
import { serverOnThrowawayCluster } from './support/cluster-server.ts';
import { clusterUnavailable } from './support/pg-cluster.ts';
import { answer, eventually, expectRetryLater } from './support/probe.ts';
import { newCall } from './support/server-process.ts';

// PostgreSQL frozen (SIGSTOP: its sockets stay open, nothing answers), in a
// throwaway cluster of its own. With DB_CONNECT_TIMEOUT_MS and
// DB_STATEMENT_TIMEOUT_MS at 2 s, every request gets its 503 within a few
// seconds, however many arrive at once, and all is well after a thaw.
const CONNECT_MS = 2000;
const STATEMENT_MS = 2000;
/** Statement limit + the client's grace for a server that cannot cancel + slack for a loaded machine. */
const ANSWER_WITHIN_MS = STATEMENT_MS + 1000 + 3000;

const unavailable = clusterUnavailable();
if (unavailable) console.warn(`Skipping the frozen PostgreSQL test: ${unavailable}`);

describe.skipIf(unavailable !== undefined || testDialect === 'postgres')('PostgreSQL frozen under the server', () => {
  const ctx = serverOnThrowawayCluster({ DB_CONNECT_TIMEOUT_MS: String(CONNECT_MS), DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_MS) });

  it('answers 503 within a few seconds while the database hangs, and recovers after', async () => {
    const { cluster, server, api, parties } = ctx;
    // Open connections in the pool first: a frozen server keeps them open, and queries on them hang.
    await Promise.all(Array.from({ length: 6 }, () => api.request('/api/calls?limit=5').then((r) => r.text())));

    cluster.freeze();
    const bounded = { signal: AbortSignal.timeout(20_000) };
    const started = performance.now();
    const answers = await Promise.all([
      answer(() => fetch(`${server.url}/api/health`, bounded)),
      // More at once than the pool holds (10): the rest wait for a connection, and time out too.
      ...Array.from({ length: 8 }, () => answer(() => api.request('/api/calls?limit=5', bounded))),
      ...Array.from({ length: 6 }, (_, i) => answer(() => api.request('/api/calls', { method: 'POST', json: newCall(parties, `frozen ${i}`), ...bounded }))),
    ]);
    const elapsed = performance.now() - started;
    console.log(`frozen: ${answers.length} requests answered ${answers.map((a) => a.status).join(' ')} in ${Math.round(elapsed)} ms (slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms)`);
    for (const a of answers) {
      expectRetryLater(a, 'a request while the database is frozen');
      expect(a.ms, 'answered within a few seconds').toBeLessThan(ANSWER_WITHIN_MS);
    }
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ health: 'unavailable' });
    expect(server.child.exitCode, server.output()).toBeNull();

    cluster.thaw();
    await eventually(async () => expect((await answer(() => fetch(`${server.url}/api/health`))).status).toBe(200), 20_000);
    const written = await answer(() => api.request('/api/calls', { method: 'POST', json: newCall(parties, 'after the thaw') }));
    expect(written.status, written.body).toBe(201);
    const listed = await answer(() => api.request('/api/calls?limit=50'));
    expect(listed.status).toBe(200);
    expect(listed.body).toContain('after the thaw');
  }, 90_000);
});
