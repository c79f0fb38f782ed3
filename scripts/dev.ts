/**
 * `npm run dev`: the API under `tsx watch` on PORT (3000) and the Vite dev
 * server with /api proxied to it, as one process tree. Ctrl-C (or either
 * child exiting) stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const apiPort = process.env.PORT ?? '3000';
const children: ChildProcess[] = [];
let stopping = false;

function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.log(`[dev] ${name} stopped (${signal ?? code}); stopping the rest`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 5_000);
  force.unref();
  Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((resolve) => child.once('exit', resolve))))).then(() => process.exit(code));
}

// Vite serves the client with hot reload; tsx restarts the API when server code changes.
// The browser talks to Vite's port, whose proxy keeps that Host: the API must accept it.
const clientPort = process.env.READOUT_CLIENT_PORT ?? '5173';
const publicUrl = process.env.PUBLIC_URL ?? [clientPort, apiPort].flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]).join(',');
start('api', ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'server/index.ts'], { PORT: apiPort, PUBLIC_URL: publicUrl });
start('vite', ['node_modules/vite/bin/vite.js'], { READOUT_API_PORT: apiPort });

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
