import autocannon from 'autocannon';

/** What a load run measured: requests per second (mean) and latency percentiles. */
export interface Load {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, errors and timeouts: a figure with any of these is not comparable. */
  failures: number;
}

export interface LoadOptions {
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
}

/** autocannon against one URL; a short warm-up run first (JIT, caches, connections), not recorded. */
export async function load(url: string, options: LoadOptions): Promise<Load> {
  const base = { url, connections: options.connections, headers: options.headers ?? {} };
  await autocannon({ ...base, duration: Math.max(1, Math.round(options.durationS / 4)) });
  const result = await autocannon({ ...base, duration: options.durationS });
  return {
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** The median time of `n` sequential GETs (after one unrecorded), in ms. */
/**
 * The median time of `n` sequential GETs after one unrecorded. With `gapMs`,
 * each waits that long after the one before (longer than the answer cache
 * keeps an answer with running waits, the request computes it afresh).
 */
export async function medianMs(url: string, headers: Record<string, string>, n = 5, gapMs = 0): Promise<number> {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - started;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    times.push(await once());
  }
  times.sort((a, b) => a - b);
  return round(times[Math.floor(times.length / 2)]!);
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
