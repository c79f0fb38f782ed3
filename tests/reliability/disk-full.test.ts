import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.ts';
import { type Answer, answer, eventually } from './support/probe.ts';
import { ADMIN_USERNAME, type ApiClient, type ServerProcess, createAdmin, createParties, newCall, startServer } from './support/server-process.ts';

// The SQLite database's disk fills up (a small tmpfs, mounted here, filled by
// a file): writes and logins answer 507 problem+json saying so (never 500),
// health turns 503 `degraded`, reads go on, nothing acknowledged is lost, and
// once space is freed all works again without a restart.
const SIZE = '16m';

/** Mounts a small tmpfs on a new folder; throws where this machine cannot (not root, no mount). */
function mountSmallDisk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readout-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

function unmount(dir: string): void {
  execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

/** Why the test cannot run here, found by mounting (and at once unmounting) a tmpfs; undefined when it can. */
function cannotRun(): string | undefined {
  if (testDialect === 'postgres') return 'it is about SQLite';
  try {
    unmount(mountSmallDisk());
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); run as root to test a full disk`;
  }
}
const skip = cannotRun();
if (skip && testDialect !== 'postgres') console.warn(`Skipping the disk-full test: ${skip}`);

/** Fills the file system with one file, until it refuses another byte. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  const byte = Buffer.alloc(1, 1);
  try {
    for (;;) writeSync(fd, byte);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(skip !== undefined)('the database disk full', () => {
  let dir: string;
  let filler: string;
  let server: ServerProcess;
  let api: ApiClient & { password: string };
  let parties: { callerId: string; calleeId: string };

  beforeAll(async () => {
    dir = mountSmallDisk();
    filler = join(dir, 'filler');
    server = await startServer(`sqlite:${join(dir, 'full.db')}`);
    api = await createAdmin(server.url);
    parties = await createParties(api);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) unmount(dir);
  });

  it('refuses writes with 507, says degraded, keeps reading, loses nothing and recovers when space is freed', async () => {
    const acknowledged: string[] = [];
    const post = async (topic: string, notes?: string) => {
      const a = await answer(() => api.request('/api/calls', { method: 'POST', json: { ...newCall(parties, topic), notes } }));
      if (a.status === 201) acknowledged.push((JSON.parse(a.body) as { id: string }).id);
      return a;
    };
    expect((await post('before the disk filled')).status).toBe(201);

    fillDisk(filler);
    // The database's own files may have room left for a few writes; then it has none.
    const seen: Answer[] = [];
    for (let i = 0; i < 500 && seen.at(-1)?.status !== 507; i++) seen.push(await post(`filling ${i}`, 'x'.repeat(4000)));
    const refused = seen.at(-1)!;
    expect(seen.filter((a) => a.status !== 201 && a.status !== 507).map((a) => `${a.status} ${a.body}`).slice(0, 5)).toEqual([]);
    expect(refused.status, refused.body).toBe(507);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(refused.body).detail).toMatch(/disk is full/);
    console.log(`disk full after ${seen.length - 1} more writes: ${refused.status} ${JSON.parse(refused.body).detail}`);

    const health = await answer(() => fetch(`${server.url}/api/health`));
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ health: 'degraded' });
    expect(Number(health.retryAfter)).toBeGreaterThan(0);

    // Logging in stores a session: refused the same way, not with a 500.
    const login = await answer(() =>
      fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username: ADMIN_USERNAME, password: api.password }) }),
    );
    expect(login.status, login.body).toBe(507);

    // Reads go on.
    const list = await answer(() => api.request('/api/calls?limit=500'));
    expect(list.status).toBe(200);
    expect((await answer(() => api.request(`/api/calls/${acknowledged[0]}`))).status).toBe(200);
    expect((await answer(() => api.request('/api/stats/response-times'))).status).toBe(200);

    rmSync(filler);
    await eventually(async () => expect((await answer(() => fetch(`${server.url}/api/health`))).status).toBe(200), 15_000, 500);
    expect((await post('after space was freed')).status).toBe(201);
    expect(server.child.exitCode).toBeNull();

    // Every call the server acknowledged is there.
    const ids = new Set(((JSON.parse((await answer(() => api.request('/api/calls?limit=500'))).body) as { items: { id: string }[] }).items).map((c) => c.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  }, 90_000);
});
