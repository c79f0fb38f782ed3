import type { Deps } from '../../lib/context.ts';
import { repeatEvery } from '../../lib/repeating.ts';
import { evaluateAlerts } from './evaluate.ts';

/** How often every rule is evaluated against every open call, besides at each change. */
export const ALERT_INTERVAL_MS = 10_000;

/**
 * Runs evaluateAlerts every `intervalMs`, one run at a time. `stop()` ends
 * the timer and waits for a run under way, so the database can close after.
 */
export function startAlertScheduler(deps: Deps, intervalMs = ALERT_INTERVAL_MS): { stop(): Promise<void> } {
  return repeatEvery(intervalMs, 'alerts', () => evaluateAlerts(deps));
}
