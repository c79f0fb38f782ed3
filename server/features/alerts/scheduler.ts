import type { Deps } from '../../lib/context.ts';
import { evaluateAlerts } from './evaluate.ts';

/** How often every rule is evaluated against every open call, besides at each change. */
export const ALERT_INTERVAL_MS = 10_000;

/**
 * Runs evaluateAlerts every `intervalMs`, one run at a time. `stop()` ends
 * the timer and waits for a run under way, so the database can close after.
 */
export function startAlertScheduler(deps: Deps, intervalMs = ALERT_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = evaluateAlerts(deps)
      .catch((error: unknown) => console.warn('alerts: the scheduled evaluation failed; will retry', error))
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
