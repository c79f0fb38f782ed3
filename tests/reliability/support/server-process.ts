import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A port nobody listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The real server (`node --import tsx server/index.ts`) as its own process,
 * on a free port, with no dashboard build; resolves once it listens.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}, nodeOptions: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const noClient = mkdtempSync(join(tmpdir(), 'readout-no-client-'));
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      CLIENT_DIR: noClient,
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      rmSync(noClient, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    },
  };
  const deadline = Date.now() + 60_000;
  while (!/listening on http:/.test(output)) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await server.stop(0);
      throw new Error(`The server did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server;
}

export interface ApiClient {
  /** A request with the API token (exempt from the same-origin check); a JSON body when `json` is given. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  token: string;
}

/** The first admin's login. */
export const ADMIN_USERNAME = 'admin';

/** A client holding an API token, for a server that already has its admin (see createAdmin). */
export function apiClient(url: string, token: string): ApiClient {
  return {
    token,
    request(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) {
        headers.set('content-type', 'application/json');
        rest.body = JSON.stringify(json);
      }
      return fetch(`${url}${path}`, { ...rest, headers });
    },
  };
}

/** Creates the first admin through the API and an API token for them. */
export async function createAdmin(url: string): Promise<ApiClient & { password: string }> {
  const password = `fault-test-${randomUUID()}`;
  const setup = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: ADMIN_USERNAME, password, displayName: 'Admin' }),
  });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0]!;
  const created = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: JSON.stringify({ name: 'fault tests' }),
  });
  if (created.status !== 201) throw new Error(`token creation answered ${created.status}: ${await created.text()}`);
  const { token } = (await created.json()) as { token: string };
  return { ...apiClient(url, token), password };
}

/**
 * Two officials of two ministries, through the API: enough to log calls
 * between them. Named apart from the demo and synthetic data a test may seed.
 */
export async function createParties(api: ApiClient): Promise<{ callerId: string; calleeId: string }> {
  const ids: string[] = [];
  const tag = randomUUID().slice(0, 6);
  for (const [name, shortName, country, official, timeZone] of [
    [`Office of the Special Envoy ${tag}`, `Envoy ${tag}`, 'US', `Envoy ${tag}`, 'America/New_York'],
    [`Department of Outreach ${tag}`, `Outreach ${tag}`, 'RU', `Director ${tag}`, 'Europe/Moscow'],
  ] as const) {
    const ministry = await api.request('/api/ministries', { method: 'POST', json: { name, shortName, country } });
    if (ministry.status !== 201) throw new Error(`POST /api/ministries answered ${ministry.status}: ${await ministry.text()}`);
    const { id: ministryId } = (await ministry.json()) as { id: string };
    const person = await api.request('/api/officials', { method: 'POST', json: { name: official, title: 'Minister', ministryId, timeZone } });
    if (person.status !== 201) throw new Error(`POST /api/officials answered ${person.status}: ${await person.text()}`);
    ids.push(((await person.json()) as { id: string }).id);
  }
  return { callerId: ids[0]!, calleeId: ids[1]! };
}

/** The body of a valid new call between the two parties. */
export function newCall(parties: { callerId: string; calleeId: string }, topic = 'Nuclear test') {
  return { ...parties, placedAt: '2013-02-12T15:05:00Z', channel: 'phone', topic };
}
