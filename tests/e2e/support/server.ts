import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`node --import tsx server/index.ts`) on a free port
 * with a database of its own in a temporary folder, serving a copy of the
 * built client from dist/client, and waits until /api/health answers.
 */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(join(root, 'dist/client/index.html'))) throw new Error('No client build in dist/client: run `vite build` first (npm run test:e2e does).');
  const dir = mkdtempSync(join(tmpdir(), 'readout-e2e-'));
  // A copy of the build: a `vite build` run meanwhile (another checkout's
  // test run, a developer) would otherwise swap the hashed assets away.
  const clientDir = join(dir, 'client');
  cpSync(join(root, 'dist/client'), clientDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    // The webhook test's receiver listens on 127.0.0.1.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`, CLIENT_DIR: clientDir, NODE_ENV: 'production', WEBHOOK_ALLOW_HOSTS: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await waitFor(() => /listening on http:\/\/[^:]+:(\d+)/.exec(output)?.[1], child, () => output);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${url}/api/health`).catch(() => null))?.ok ? true : undefined), child, () => output);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log()}`);
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not start within ${timeoutMs} ms:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
