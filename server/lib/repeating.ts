/**
 * Runs `run` every `intervalMs`, one run at a time (a tick while one is under
 * way is skipped); a failure is logged and left to the next tick. `stop()`
 * ends the timer and waits for a run under way, so the database can close after.
 */
export function repeatEvery(intervalMs: number, label: string, run: () => Promise<unknown>): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = run()
      .catch((error: unknown) => console.warn(`${label}: the scheduled run failed; will retry`, error))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
