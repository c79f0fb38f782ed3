/** How often the loop is sampled. */
const SAMPLE_MS = 20;
/** At most one warning this often, so a slow machine does not flood the log. */
const WARN_EVERY_MS = 10_000;

/**
 * Warns when the event loop was held longer than `thresholdMs` — every
 * request waits that long — naming the requests open at the time, so the
 * next path that computes too much in one go is found from the log.
 */
export function watchEventLoop(thresholdMs: number, openRequests: () => string[]): () => void {
  let last = performance.now();
  let warned = -Infinity;
  let worst = 0;
  let count = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const held = now - last - SAMPLE_MS;
    last = now;
    if (held <= thresholdMs) return;
    count++;
    worst = Math.max(worst, held);
    if (now - warned < WARN_EVERY_MS) return;
    warned = now;
    const open = openRequests();
    console.warn(
      `event loop held for ${Math.round(held)} ms (${count} time(s) over ${thresholdMs} ms since the last warning, worst ${Math.round(worst)} ms); open: ${open.length ? open.join(', ') : 'none'}`,
    );
    count = 0;
    worst = 0;
  }, SAMPLE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
