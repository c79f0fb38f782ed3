import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.ts';
import { type Answer, answer, expectRetryLater } from './support/probe.ts';
import { type ApiClient, type ServerProcess, createAdmin, createParties, newCall, startServer } from './support/server-process.ts';

// Another process (a script, a backup tool, sqlite3 at a prompt) holds the
// SQLite database's write lock. Writes wait for it up to DB_LOCK_TIMEOUT_MS
// and then answer 503 with Retry-After; meanwhile reads and health go on
// answering at once, because the wait happens off the event loop.
const LOCK_TIMEOUT_MS = 3000;
/** A read is "at once" well below this, even on a loaded machine; a blocked event loop makes it take the whole lock wait. */
const QUICK_MS = 500;

/** A process holding the write lock until it is told to let go. */
async function holdWriteLock(file: string): Promise<{ release(): Promise<void>; child: ChildProcess }> {
  const script = `
    const db = require('better-sqlite3')(process.argv[1]);
    db.exec('begin immediate');
    console.log('locked');
    process.stdin.once('data', () => { db.exec('rollback'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return {
    child,
    release: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.write('go\n');
      }),
  };
}

describe.skipIf(testDialect === 'postgres')("another process holding SQLite's write lock", () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-lock-'));
  const file = join(dir, 'lock.db');
  let server: ServerProcess;
  let api: ApiClient;
  let parties: { callerId: string; calleeId: string };

  beforeAll(async () => {
    server = await startServer(`sqlite:${file}`, { DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS) });
    api = await createAdmin(server.url);
    parties = await createParties(api);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses writes with 503 and Retry-After after the wait, while reads and health answer at once', async () => {
    const lock = await holdWriteLock(file);
    try {
      const write = answer(() => api.request('/api/calls', { method: 'POST', json: newCall(parties, 'while locked') }));
      // While the write waits: one read after another, each timed.
      const reads: Answer[] = [];
      let waiting = true;
      void write.then(() => (waiting = false));
      while (waiting) {
        reads.push(await answer(() => api.request('/api/calls?limit=5')));
        reads.push(await answer(() => fetch(`${server.url}/api/health`)));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const refused = await write;
      console.log(`write lock held: the write answered ${refused.status} after ${Math.round(refused.ms)} ms; ${reads.length} reads meanwhile, slowest ${Math.round(Math.max(...reads.map((r) => r.ms)))} ms`);
      expectRetryLater(refused, 'a write while another process holds the lock');
      expect(refused.ms).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 100);
      expect(refused.ms).toBeLessThan(LOCK_TIMEOUT_MS + 2000);
      expect(JSON.parse(refused.body).detail).toMatch(/lock/);
      expect(reads.length).toBeGreaterThan(5);
      for (const read of reads) {
        expect(read.status, read.body).toBe(200);
        expect(read.ms).toBeLessThan(QUICK_MS);
      }
    } finally {
      await lock.release();
    }
    const after = await answer(() => api.request('/api/calls', { method: 'POST', json: newCall(parties, 'after the lock') }));
    expect(after.status, after.body).toBe(201);
  }, 60_000);

  it('lets a write through once the lock is freed within the wait', async () => {
    const lock = await holdWriteLock(file);
    const write = answer(() => api.request('/api/calls', { method: 'POST', json: newCall(parties, 'waited for the lock') }));
    await new Promise((resolve) => setTimeout(resolve, LOCK_TIMEOUT_MS / 3));
    await lock.release();
    const done = await write;
    expect(done.status, done.body).toBe(201);
    expect(done.ms).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS / 3 - 100);
  }, 60_000);
});
