import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#server/db/client.ts';
import { scratchDatabase } from './support/scratch-database.ts';
import { callsWithoutHistory } from './support/stored.ts';
import { type ApiClient, type ServerProcess, apiClient, createAdmin, createParties, newCall, startServer } from './support/server-process.ts';

// "No acknowledged write is ever lost": the server is killed with SIGKILL
// (no shutdown, no flush) again and again while 8 writers add calls; after
// each restart every call it answered 201 for is there, with its history
// entry, and the database passes its integrity check.
// READOUT_KILL_CYCLES raises or lowers the count.
const CYCLES = Number(process.env.READOUT_KILL_CYCLES ?? 10);
const WRITERS = 8;

describe('kill -9 under concurrent writes', async () => {
  const database = await scratchDatabase('kill');
  afterAll(() => database.drop(), 60_000);

  it(`loses no acknowledged call over ${CYCLES} kills under ${WRITERS} writers`, async () => {
    let server: ServerProcess = await startServer(database.url);
    const admin = await createAdmin(server.url);
    const parties = await createParties(admin);
    const acknowledged = new Set<string>();
    let unanswered = 0;
    let refused = 0;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      if (cycle > 0) server = await startServer(database.url);
      const api: ApiClient = apiClient(server.url, admin.token);
      let alive = true;
      const writer = async (w: number) => {
        for (let i = 0; alive; i++) {
          try {
            const res = await api.request('/api/calls', {
              method: 'POST',
              headers: { 'idempotency-key': randomUUID() },
              json: newCall(parties, `cycle ${cycle} writer ${w} call ${i}`),
            });
            const body = (await res.json()) as { id?: string };
            if (res.status === 201 && body.id) acknowledged.add(body.id);
            else refused++;
          } catch {
            // Killed mid-request: never acknowledged, so it may or may not have been stored.
            unanswered++;
            return;
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1000));
      server.child.kill('SIGKILL');
      await server.exited;
      alive = false;
      await Promise.all(writers);
    }

    // One more start: it must recover from the last kill, then be stopped cleanly for the check.
    server = await startServer(database.url);
    await server.stop();
    const check = openDatabase(database.url);
    try {
      const stored = new Set((await check.db.selectFrom('calls').select('id').execute()).map((r) => r.id));
      const lost = [...acknowledged].filter((id) => !stored.has(id));
      const withoutHistory = await callsWithoutHistory(check.db);
      let integrity = 'not checked';
      if (database.dialect === 'sqlite') {
        const rows = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(check.db)).rows;
        const orphans = (await sql`pragma foreign_key_check`.execute(check.db)).rows;
        integrity = rows.map((r) => r.integrity_check).join('; ') + (orphans.length ? `; ${orphans.length} foreign key violations` : '');
      } else integrity = 'ok (PostgreSQL keeps its own)';
      console.log(
        `kill -9: ${CYCLES} cycles, ${WRITERS} writers on ${database.dialect}: ${acknowledged.size} calls acknowledged, ${lost.length} lost, ` +
          `${unanswered} requests cut by the kill, ${refused} refused, ${stored.size} stored, ${withoutHistory} without history, integrity ${integrity}`,
      );
      expect(acknowledged.size).toBeGreaterThan(CYCLES * WRITERS);
      expect(lost).toEqual([]);
      expect(refused).toBe(0);
      expect(withoutHistory).toBe(0);
      if (database.dialect === 'sqlite') expect(integrity).toBe('ok');
    } finally {
      await check.close();
    }
  }, 60_000 + CYCLES * 15_000);
});
