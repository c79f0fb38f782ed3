import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#server/db/client.ts';
import { scratchDatabase } from './support/scratch-database.ts';
import { callsWithoutHistory } from './support/stored.ts';
import { type ServerProcess, apiClient, createAdmin, createParties, newCall, startServer } from './support/server-process.ts';

// `npm run backup` while the server writes under load gives a consistent
// copy (every call with its history entry, integrity ok), and `npm run
// restore` puts it into another database that a server then serves, token
// and all. Both show progress. On the dialect under test. The database is
// seeded first, so that the copy takes many steps with writes between them.
const WRITERS = 8;
const SEEDED = 10_000;

function cli(script: 'seed' | 'backup' | 'restore', args: string[], databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** Calls, and calls without their history entry, in a database. */
async function inspect(url: string): Promise<{ calls: Set<string>; withoutHistory: number; integrity: string }> {
  const handle = openDatabase(url);
  try {
    const calls = new Set((await handle.db.selectFrom('calls').select('id').execute()).map((r) => r.id));
    const withoutHistory = await callsWithoutHistory(handle.db);
    const integrity =
      handle.dialect === 'sqlite' ? (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db)).rows.map((r) => r.integrity_check).join('; ') : 'ok';
    return { calls, withoutHistory, integrity };
  } finally {
    await handle.close();
  }
}

describe('backup and restore', async () => {
  const source = await scratchDatabase('backup_source');
  const target = await scratchDatabase('backup_target');
  const dir = mkdtempSync(join(tmpdir(), 'readout-backups-'));
  const file = join(dir, source.dialect === 'sqlite' ? 'readout.db' : 'readout.dump');
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await source.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('backs up consistently while the server writes, and restores into another database', async () => {
    const seed = await cli('seed', ['--calls', String(SEEDED)], source.url);
    expect(seed.code, seed.output).toBe(0);
    server = await startServer(source.url);
    const admin = await createAdmin(server.url);
    const parties = await createParties(admin);
    const acknowledged: string[] = [];
    const write = async (topic: string) => {
      const res = await admin.request('/api/calls', { method: 'POST', headers: { 'idempotency-key': randomUUID() }, json: newCall(parties, topic) });
      expect(res.status).toBe(201);
      acknowledged.push(((await res.json()) as { id: string }).id);
    };
    for (let i = 0; i < 50; i++) await write(`before the backup ${i}`);
    const before = acknowledged.length;

    let writing = true;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; writing; i++) await write(`during the backup ${w}.${i}`);
    });
    const backup = await cli('backup', [file], source.url);
    const during = acknowledged.length - before;
    writing = false;
    await Promise.all(writers);
    console.log(`backup (${source.dialect}) while ${WRITERS} writers added ${during} calls:\n${backup.output.trim()}`);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/Backing up \((pages|tables)\).*100%/);
    expect(backup.output).toMatch(/Backed up .* calls/);
    expect(during).toBeGreaterThan(0);

    // The server was never paused; a second backup over the first needs --force.
    expect((await cli('backup', [file], source.url)).code).toBe(2);

    // Restoring into the live source is refused while its server runs.
    const busy = await cli('restore', [file, '--force'], source.url);
    expect(busy.code, busy.output).toBe(1);
    expect(busy.output).toMatch(/in use/);
    await server.stop();

    const restored = await cli('restore', [file], target.url);
    console.log(restored.output.trim());
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toMatch(/Restoring \((pages|archive entries)\).*100%/);

    // The copy is one snapshot: the seeded calls and those acknowledged before it began,
    // some taken meanwhile, each with its history entry.
    const copy = await inspect(target.url);
    expect(copy.integrity).toBe('ok');
    expect(copy.withoutHistory).toBe(0);
    expect(acknowledged.slice(0, before).filter((id) => !copy.calls.has(id))).toEqual([]);
    const original = await inspect(source.url);
    expect([...copy.calls].filter((id) => !original.calls.has(id))).toEqual([]);
    expect(copy.calls.size).toBeGreaterThanOrEqual(SEEDED + before);
    expect(copy.calls.size, 'the backup reports what it holds').toBe(Number(/: (\d+) calls/.exec(backup.output)?.[1]));

    // A server on the restored database serves it, and the admin's token still works.
    server = await startServer(target.url);
    const api = apiClient(server.url, admin.token);
    const exported = await api.request('/api/export?format=json');
    expect(exported.status).toBe(200);
    expect(((await exported.json()) as unknown[]).length).toBe(copy.calls.size);

    // Over data, only with --force.
    await server.stop();
    const again = await cli('restore', [file], target.url);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/--force/);
    expect((await cli('restore', [file, '--force'], target.url)).code).toBe(0);
  }, 180_000);
});
