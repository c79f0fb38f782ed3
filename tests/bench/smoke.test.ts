import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `npm run bench` small and short; answers its stdout and stderr. */
function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const positive = expect.any(Number);
const load = { rps: positive, p99Ms: positive, failures: positive, reference: { rps: positive, p99Ms: positive, failures: positive }, ratio: positive };

// The benchmark must keep running as the app changes: a small seed, short
// load runs, every figure present. No figure is compared with a target here —
// timings on a shared machine say nothing in a test.
describe('npm run bench (smoke: 20,000 calls)', () => {
  it('prints one JSON line with every figure and its reference', { timeout: 150_000 }, async () => {
    const { code, stdout, stderr } = await runBench(['--calls', '20000', '--duration', '1', '--connections', '8', '--board', '300']);
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const figures: unknown = JSON.parse(lines[0]!);
    expect(figures).toMatchObject({
      bench: 'readout',
      dialect: 'sqlite',
      calls: 20_000,
      awaiting: { ...load, bodyBytes: positive },
      returned: { ...load, bodyBytes: positive },
      health: load,
      statsMinistryMs: positive,
      statsMinistryWorkingMs: positive,
      statsWorkingRatio: positive,
      statsMinistryComputedMs: positive,
      statsMinistryWorkingComputedMs: positive,
      statsWorkingComputedRatio: positive,
      searchMs: positive,
      searchNoMatchMs: positive,
      seed: { ms: positive, rawInsertMs: positive, ratio: positive },
      serverPeakRssMb: positive,
      initialJsGzipKb: positive,
      board: { awaiting: 300, firstRowsMs: positive, allLoadedMs: positive, rows: 300 },
    });
  });
});
