import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from './support/scratch-database.ts';
import { type ApiClient, type ServerProcess, createAdmin, startServer } from './support/server-process.ts';

// No request may hold the event loop (and so every other request) for long:
// while each of the heaviest reads runs against a database of 30,000 calls —
// exports, statistics of every group, the longest lists, a search that finds
// nothing — a health check sent every 10 ms keeps being answered: a long
// request lets checks through all along, not one before and one after. The
// figures are printed. The target is 100 ms (docs/reliability.md; the server
// warns in its log past it); the limit asserted here is for a shared, loaded
// machine, where every figure is several times slower (READOUT_STALL_LIMIT_MS).
const CALLS = 30_000;
const LIMIT_MS = Number(process.env.READOUT_STALL_LIMIT_MS ?? 1000);

const ROUTES = [
  '/api/export?format=csv',
  '/api/export?format=json',
  '/api/stats/response-times?groupBy=ministry',
  '/api/stats/response-times?groupBy=official',
  '/api/stats/response-times?groupBy=country',
  '/api/stats/trend?groupBy=ministry&interval=week',
  '/api/stats/trend?groupBy=official&interval=month',
  '/api/stats/awaiting-context?limit=500',
  '/api/calls?limit=500',
  '/api/calls/awaiting?limit=500',
  '/api/calls?limit=50&q=nothing-matches-this',
];

describe('the event loop under heavy reads', async () => {
  const database = await scratchDatabase('stall');
  let server: ServerProcess;
  let api: ApiClient;

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/seed.ts', '--demo', '--calls', String(CALLS)], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: 'pipe',
    });
    server = await startServer(database.url);
    api = await createAdmin(server.url);
    // The statistics index is built at start: wait for it, as these figures are of requests, not of the start.
    await api.request('/api/stats/response-times').then((r) => r.arrayBuffer());
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await database.drop();
  }, 60_000);

  it('keeps answering health checks within the limit while each heavy read runs', async () => {
    const rows: string[] = [];
    let worstOverall = 0;
    for (const path of ROUTES) {
      let running = true;
      let worst = 0;
      let probes = 0;
      const failures: string[] = [];
      const probe = (async () => {
        while (running) {
          const started = performance.now();
          const res = await fetch(`${server.url}/api/health`).catch((error: Error) => ({ status: 0, text: async () => error.message }));
          if (res.status !== 200) failures.push(`${res.status} ${await res.text()}`);
          else await res.text();
          worst = Math.max(worst, performance.now() - started);
          probes++;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const started = performance.now();
      const res = await api.request(path);
      const bytes = (await res.arrayBuffer()).byteLength;
      const took = performance.now() - started;
      running = false;
      await probe;
      expect(res.status, path).toBe(200);
      expect(failures, path).toEqual([]);
      rows.push(`${path.padEnd(48)} ${String(Math.round(took)).padStart(6)} ms ${(bytes / 1e6).toFixed(1).padStart(6)} MB  ${String(probes).padStart(4)} health checks, slowest ${Math.round(worst)} ms`);
      worstOverall = Math.max(worstOverall, worst);
      // A long request must have let checks through all along, not one before and one after
      // (how many depends on the machine's load; how long each waited is the limit below).
      if (took > 1000) expect(probes, `${path}: health checks answered during ${Math.round(took)} ms`).toBeGreaterThan(2);
    }
    console.log(`${CALLS} calls; each heavy read with health checks every 10 ms beside it:\n${rows.join('\n')}`);
    expect(worstOverall).toBeLessThan(LIMIT_MS);
  }, 300_000);
});
