import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../reliability/support/scratch-database.ts';
import { type ApiClient, type ServerProcess, createAdmin, createParties, newCall, startServer } from '../reliability/support/server-process.ts';

// A minute of mixed traffic on 32 connections against a real server process
// (the dialect under test), after a warm-up: lists, the board, statistics,
// history, writes and status changes, with two dashboards on the event
// stream. Prints latency per kind of request (p50, p95, p99), the server's
// memory each second and its heap after each full garbage collection; fails
// on any 5xx or refused connection, and if memory keeps growing once warm.
// READOUT_LOAD_SECONDS and READOUT_LOAD_WARMUP_SECONDS change the lengths.
const SECONDS = Number(process.env.READOUT_LOAD_SECONDS ?? 60);
/** V8 lets its heap grow for a while before its first full collections: memory is judged after that. */
const WARM_UP_MS = Number(process.env.READOUT_LOAD_WARMUP_SECONDS ?? 30) * 1000;
const CONNECTIONS = 32;

type Op = (w: Worker) => Promise<Response>;
interface Worker {
  url: string;
  api: ApiClient;
  parties: { callerId: string; calleeId: string };
  /** The worker's own calls and their versions, so its status changes never race another worker's. */
  mine: { id: string; version: number; awaiting: boolean }[];
}

const pick = <T,>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

const OPS: [name: string, weight: number, op: Op][] = [
  ['list calls', 25, (w) => w.api.request(pick(['/api/calls?limit=50', '/api/calls?limit=50&status=awaiting', '/api/calls?limit=50&q=ceasefire', '/api/calls?limit=50&order=asc']))],
  ['board', 10, (w) => w.api.request('/api/calls/awaiting?limit=50')],
  ['statistics', 10, (w) => w.api.request(pick(['/api/stats/response-times?groupBy=ministry', '/api/stats/response-times?groupBy=country']))],
  ['trend', 5, (w) => w.api.request('/api/stats/trend?groupBy=ministry&interval=month')],
  ['wait context', 5, (w) => w.api.request('/api/stats/awaiting-context?limit=50')],
  ['officials', 5, (w) => w.api.request(pick(['/api/officials?limit=100', '/api/ministries?limit=100']))],
  ['health', 5, (w) => fetch(`${w.url}/api/health`)],
  ['create call', 15, async (w) => {
    const res = await w.api.request('/api/calls', { method: 'POST', headers: { 'idempotency-key': randomUUID() }, json: newCall(w.parties, 'Load') });
    if (res.status === 201) {
      const call = (await res.clone().json()) as { id: string; version: number };
      w.mine.push({ id: call.id, version: call.version, awaiting: true });
    }
    return res;
  }],
  ['change status', 15, async (w) => {
    const call = w.mine.length ? pick(w.mine) : undefined;
    if (!call) return w.api.request('/api/calls?limit=1');
    const res = await w.api.request(`/api/calls/${call.id}`, {
      method: 'PATCH',
      headers: { 'if-match': `"${call.version}"` },
      json: { status: call.awaiting ? 'returned' : 'awaiting' },
    });
    if (res.status === 200) {
      call.version = ((await res.clone().json()) as { version: number }).version;
      call.awaiting = !call.awaiting;
    }
    return res;
  }],
  ['history', 5, async (w) => w.api.request(w.mine.length ? `/api/calls/${pick(w.mine).id}/history` : '/api/calls?limit=1')],
];
const TOTAL_WEIGHT = OPS.reduce((sum, [, weight]) => sum + weight, 0);

function chooseOp(): [string, Op] {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const [name, weight, op] of OPS) if ((r -= weight) < 0) return [name, op];
  return [OPS[0]![0], OPS[0]![2]];
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('mixed load', async () => {
  const database = await scratchDatabase('load');
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await database.drop();
  });

  it(`serves ${CONNECTIONS} connections for ${SECONDS} s without errors, with memory flat once warm`, async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/seed.ts', '--demo', '--calls', '20000'], { env: { ...process.env, DATABASE_URL: database.url }, stdio: 'pipe' });
    server = await startServer(database.url, {}, ['--trace-gc']);
    const admin = await createAdmin(server.url);
    const parties = await createParties(admin);
    const pid = server.child.pid!;

    const started = performance.now();
    const ends = started + WARM_UP_MS + SECONDS * 1000;
    const latencies = new Map<string, number[]>();
    const failures: string[] = [];
    const memory: [number, number][] = [];
    const sampler = setInterval(() => memory.push([(performance.now() - started) / 1000, rssMb(pid)]), 1000);

    // Two dashboards listening all along.
    const listeners = Array.from({ length: 2 }, async () => {
      const res = await admin.request('/api/events', { signal: AbortSignal.timeout(WARM_UP_MS + SECONDS * 1000 + 5000) });
      const reader = res.body!.getReader();
      let events = 0;
      try {
        for (let read = await reader.read(); !read.done; read = await reader.read()) events += (Buffer.from(read.value).toString().match(/^id: /gm) ?? []).length;
      } catch {
        // ended by the timeout
      }
      return events;
    });

    const workers = Array.from({ length: CONNECTIONS }, async () => {
      const worker: Worker = { url: server!.url, api: admin, parties, mine: [] };
      while (performance.now() < ends) {
        const [name, op] = chooseOp();
        const t0 = performance.now();
        let status = 0;
        try {
          const res = await op(worker);
          status = res.status;
          await res.arrayBuffer();
        } catch (error) {
          failures.push(`${name}: ${(error as Error).message}`);
          continue;
        }
        if (status >= 500) failures.push(`${name}: ${status}`);
        if (t0 - started >= WARM_UP_MS) {
          const list = latencies.get(name) ?? [];
          list.push(performance.now() - t0);
          latencies.set(name, list);
        }
      }
    });
    await Promise.all(workers);
    clearInterval(sampler);
    const events = await Promise.all(listeners);

    const rows = [['request', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms']];
    const all: number[] = [];
    for (const [name] of OPS) {
      const list = (latencies.get(name) ?? []).sort((a, b) => a - b);
      all.push(...list);
      rows.push([name, String(list.length), ...[50, 95, 99].map((p) => percentile(list, p).toFixed(1)), (list.at(-1) ?? Number.NaN).toFixed(1)]);
    }
    all.sort((a, b) => a - b);
    const measuredS = SECONDS;
    rows.push(['all', String(all.length), ...[50, 95, 99].map((p) => percentile(all, p).toFixed(1)), (all.at(-1) ?? Number.NaN).toFixed(1)]);
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    const table = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');

    const warm = memory.filter(([t]) => t * 1000 >= WARM_UP_MS);
    const warmUpPeak = Math.max(...memory.filter(([t]) => t * 1000 < WARM_UP_MS).map(([, mb]) => mb));
    const window = Math.max(3, Math.floor(warm.length / 5));
    const late = median(warm.slice(-window).map(([, mb]) => mb));
    const perMinute = slope(warm) * 60;
    // --trace-gc: "[pid:0xisolate]  64900 ms: Mark-Compact 53.1 (75.9) -> 26.1 (75.1) MB …", the heap still
    // in use after a full collection; the main thread is the isolate with the most of them (tsx has a worker).
    const collections = [...server.output().matchAll(/\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: Mark-Compact[^>]*-> ([\d.]+) \(/g)];
    const byIsolate = new Map<string, number[]>();
    for (const [, isolate, , live] of collections) byIsolate.set(isolate!, [...(byIsolate.get(isolate!) ?? []), Number(live)]);
    const liveHeap = [...byIsolate.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    const firstHalf = liveHeap.slice(0, Math.ceil(liveHeap.length / 2));
    const secondHalf = liveHeap.slice(Math.ceil(liveHeap.length / 2));
    console.log(
      `Mixed load on ${database.dialect}: ${CONNECTIONS} connections for ${SECONDS} s after ${WARM_UP_MS / 1000} s of warm-up (not measured); ` +
        `${Math.round(all.length / measuredS)} requests/s, ${failures.length} failures, ${events.join(' and ')} events to the two listeners\n${table}\n` +
        `Server RSS each second (MB): ${memory.map(([, mb]) => Math.round(mb)).join(' ')}\n` +
        `Heap in use after each full collection (MB): ${liveHeap.join(' ')}\n` +
        `RSS: warm-up peak ${warmUpPeak.toFixed(0)} MB, last ${window} s ${late.toFixed(0)} MB (median), trend after warm-up ${perMinute.toFixed(1)} MB/min`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(all.length).toBeGreaterThan(0);
    // Flat: what survives a full collection does not grow, and RSS settles below the warm-up's peak (with slack).
    expect(secondHalf.length).toBeGreaterThan(0);
    expect(Math.max(...secondHalf)).toBeLessThan(median(firstHalf) * 1.25 + 8);
    expect(late).toBeLessThan(warmUpPeak * 1.15 + 24);
  });
});
