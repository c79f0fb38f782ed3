import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.ts';
import { answer } from './support/probe.ts';
import { type ApiClient, type ServerProcess, createAdmin, startServer } from './support/server-process.ts';

// SIGTERM while a large export is downloading and a dashboard listens for
// events: the export finishes whole, new requests get 503 meanwhile, the
// event stream is told to reconnect, and the process then exits 0.
const CALLS = 30_000;
/** The reader stops reading this long after the signal: longer than the old shutdown's 2 s cut. */
const STALL_MS = 3000;

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, first: Uint8Array[] = []): Promise<string> {
  const chunks = [...first];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

describe.skipIf(testDialect === 'postgres')('SIGTERM during a long export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-drain-'));
  const url = `sqlite:${join(dir, 'drain.db')}`;
  let server: ServerProcess;
  let api: ApiClient;

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/seed.ts', '--calls', String(CALLS)], { env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
    server = await startServer(url, { DRAIN_TIMEOUT_MS: '30000' });
    api = await createAdmin(server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the download, refuses new requests with 503, tells event streams to reconnect, then exits 0', async () => {
    const events = await api.request('/api/events');
    expect(events.status).toBe(200);
    const eventReader = events.body!.getReader();
    const opening = new TextDecoder().decode((await eventReader.read()).value);
    expect(opening).toContain('event: ready');

    const download = await api.request('/api/export?format=json');
    expect(download.status).toBe(200);
    const reader = download.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);

    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));

    // New requests, on new connections, are refused while the download drains.
    const refused = await answer(() => fetch(`${server.url}/api/calls?limit=1`, { headers: { authorization: `Bearer ${api.token}` } }));
    expect(refused.status, refused.body).toBe(503);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    const health = await answer(() => fetch(`${server.url}/api/health`));
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ health: 'draining' });

    // The event stream says to reconnect, and ends.
    const rest = await readAll(eventReader);
    expect(rest).toMatch(/event: reconnect\ndata: .*\nretry: \d+/);

    // The download, read slowly, arrives whole.
    await new Promise((resolve) => setTimeout(resolve, STALL_MS));
    const text = await readAll(reader, [first.value!]);
    const rows = JSON.parse(text) as unknown[];
    expect(rows).toHaveLength(CALLS);

    const exit = await server.exited;
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/Drained in \d+ ms/);
  }, 120_000);
});
