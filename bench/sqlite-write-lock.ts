import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '#server/db/client.ts';
import { ms, percentile, table } from './measure.ts';

// How the server can wait for SQLite's write lock while another process holds
// it, measured (docs/decisions/0010-sqlite-write-lock-waits.md):
//   busy-wait   SQLite's busy_timeout on the main thread (what Readout did);
//   retry       busy_timeout 0 and async retries with backoff (server/db/sqlite-driver.ts);
//   worker      writes on a worker thread that busy-waits, reads on the main thread.
// For each: how late a read is while one write waits 2 s for the lock, how
// soon the write goes through once the lock is freed, and what one
// uncontended write transaction costs (synchronous=NORMAL here, so that the
// figure is each strategy's own cost rather than the disk's fsync).

const HOLD_MS = 2000;
const WRITES = 2000;
const SCHEMA = 'create table if not exists t (id integer primary key, v text not null)';

interface Strategy {
  name: string;
  open(file: string): Promise<{ write(v: string): Promise<void>; read(): Promise<void>; close(): Promise<void> }>;
}

const busyWait: Strategy = {
  name: 'busy-wait (busy_timeout 5000)',
  async open(file) {
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare('insert into t (v) values (?)');
    const count = db.prepare('select count(*) as n from t');
    return {
      write: async (v) => void db.transaction(() => insert.run(v)).immediate(),
      read: async () => void count.get(),
      close: async () => void db.close(),
    };
  },
};

const retry: Strategy = {
  name: 'retry (busy_timeout 0, async backoff)',
  async open(file) {
    const { db, close } = openDatabase(`sqlite:${file}`, { connectTimeoutMs: 0, statementTimeoutMs: 0, lockTimeoutMs: 10_000 });
    await sql`pragma synchronous = NORMAL`.execute(db);
    return {
      write: (v) => db.transaction().execute(async (trx) => void (await sql`insert into t (v) values (${v})`.execute(trx))),
      read: async () => void (await sql`select count(*) as n from t`.execute(db)),
      close,
    };
  },
};

const WORKER_SOURCE = `
  const { parentPort, workerData } = require('node:worker_threads');
  const db = require('better-sqlite3')(workerData);
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const insert = db.prepare('insert into t (v) values (?)');
  parentPort.on('message', ({ id, v }) => {
    db.transaction(() => insert.run(v)).immediate();
    parentPort.postMessage(id);
  });`;

const worker: Strategy = {
  name: 'worker (writes on a worker thread)',
  async open(file) {
    const reader = new SQLite(file, { readonly: true });
    const count = reader.prepare('select count(*) as n from t');
    const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: file });
    const waiting = new Map<number, () => void>();
    thread.on('message', (id: number) => waiting.get(id)?.());
    let next = 0;
    return {
      write: (v) =>
        new Promise<void>((resolve) => {
          const id = next++;
          waiting.set(id, () => (waiting.delete(id), resolve()));
          thread.postMessage({ id, v });
        }),
      read: async () => void count.get(),
      close: async () => {
        reader.close();
        await thread.terminate();
      },
    };
  },
};

/** Another process takes the write lock and lets go after HOLD_MS by itself (a blocked main thread could not tell it to). */
function holdLock(file: string): Promise<{ releasedAt: Promise<number> }> {
  const script = `const db = require('better-sqlite3')(process.argv[1]); db.exec('begin immediate'); console.log('locked');
    setTimeout(() => { db.exec('rollback'); console.log('released ' + Date.now()); process.exit(0); }, ${HOLD_MS});`;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const releasedAt = new Promise<number>((resolve) => child.once('exit', () => resolve(Number(/released (\d+)/.exec(output)?.[1]))));
  return new Promise((resolve) => child.stdout!.once('data', () => resolve({ releasedAt })));
}

async function measure(strategy: Strategy): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'readout-lock-bench-'));
  const file = join(dir, 'bench.db');
  const setup = new SQLite(file);
  setup.pragma('journal_mode = WAL');
  setup.exec(SCHEMA);
  setup.close();
  const db = await strategy.open(file);
  try {
    // Uncontended: one write transaction after another.
    const started = performance.now();
    for (let i = 0; i < WRITES; i++) await db.write(`v${i}`);
    const perWrite = (performance.now() - started) / WRITES;

    // Contended: a write waits for the lock; reads go on meanwhile, each timed.
    const lock = await holdLock(file);
    const reads: number[] = [];
    // Sent from a timer, so that a write that blocks the thread does so while reads are under way.
    const write = sleep(50).then(() => db.write('contended')).then(() => Date.now());
    let done = false;
    void write.then(() => (done = true));
    while (!done) {
      const t0 = performance.now();
      await db.read();
      await sleep(10);
      reads.push(performance.now() - t0 - 10);
    }
    const through = (await write) - (await lock.releasedAt);
    reads.sort((a, b) => a - b);
    return [strategy.name, String(reads.length), ms(percentile(reads, 50)), ms(percentile(reads, 99)), ms(reads[reads.length - 1]!), ms(through), ms(perWrite)];
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [['strategy', 'reads', 'read p50 ms', 'read p99 ms', 'read max ms', 'write after release ms', 'uncontended write ms']];
for (const strategy of [busyWait, retry, worker]) rows.push(await measure(strategy));
console.log(`Another process holds the write lock for ${HOLD_MS} ms while one write waits and reads go on (each read: a count and a 10 ms pause; lateness shown).`);
console.log(table(rows));
