import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { freePort } from './server-process.ts';

const VERSION = '15';

/**
 * A PostgreSQL cluster of its own, made for one test file and dropped after
 * (Debian's pg_createcluster, trust authentication), so a test may stop,
 * restart or freeze it without touching the shared cluster on 5432.
 */
export interface ThrowawayCluster {
  url: string;
  stop(): void;
  start(): void;
  /** SIGSTOP to the postmaster and every backend: connections stay open, nothing answers. */
  freeze(): void;
  thaw(): void;
  drop(): void;
}

/** Why this machine cannot make a cluster (not root, no Debian tools), or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'making a PostgreSQL cluster needs root (pg_createcluster)';
  for (const tool of ['/usr/bin/pg_createcluster', '/usr/bin/pg_ctlcluster', '/usr/bin/pg_dropcluster']) {
    if (!existsSync(tool)) return `${tool} is missing (Debian's postgresql-common)`;
  }
  if (!existsSync(`/usr/lib/postgresql/${VERSION}/bin/postgres`)) return `PostgreSQL ${VERSION} is not installed`;
  return undefined;
}

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).toString();

export async function createCluster(): Promise<ThrowawayCluster> {
  const name = `readout_fault_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const port = await freePort();
  run('pg_createcluster', [VERSION, name, '--port', String(port), '--start-conf', 'manual', '--', '--auth=trust']);
  const ctl = (...args: string[]) => run('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, name, ...args]);
  const dataDir = `/var/lib/postgresql/${VERSION}/${name}`;
  const processes = () => {
    const postmaster = readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]!.trim();
    let children: string[] = [];
    try {
      children = run('pgrep', ['-P', postmaster]).split('\n').filter(Boolean);
    } catch {
      // pgrep exits 1 when there are none
    }
    return { postmaster, children };
  };
  const signal = (sig: string, pids: string[]) => pids.length && run('kill', [`-${sig}`, ...pids]);
  let frozen = false;
  const cluster: ThrowawayCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => void ctl('stop', '-m', 'fast'),
    start: () => void ctl('start'),
    freeze() {
      const { postmaster, children } = processes();
      // The postmaster first, so it forks no new backend meanwhile.
      signal('STOP', [postmaster]);
      signal('STOP', children);
      frozen = true;
    },
    thaw() {
      const { postmaster, children } = processes();
      signal('CONT', children);
      signal('CONT', [postmaster]);
      frozen = false;
    },
    drop() {
      if (frozen) cluster.thaw();
      run('pg_dropcluster', [VERSION, name, '--stop']);
    },
  };
  try {
    cluster.start();
  } catch (error) {
    cluster.drop();
    throw error;
  }
  return cluster;
}
