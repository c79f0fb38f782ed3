import type { Deps } from '../../lib/context.ts';
import { type AuditRecord, recordAudit } from './service.ts';

/**
 * Entries that anyone can cause without logging in (a foreign Host, a forged
 * cross-site request, a made-up token) would let a flood fill the log. Each
 * source (an address, a user) may add this many per minute per kind; the
 * rest are counted, and the next entry let through says how many were left out.
 */
const PER_MINUTE = 30;
const WINDOW_MS = 60_000;
/** Sources remembered at most, so a spread-out flood cannot grow the map without bound. */
const MAX_SOURCES = 10_000;

interface Budget {
  windowStart: number;
  used: number;
  dropped: number;
}

const budgets = new WeakMap<object, Map<string, Budget>>();

export async function recordWithinBudget(deps: Deps, source: string, record: AuditRecord): Promise<void> {
  let map = budgets.get(deps.db);
  if (!map) budgets.set(deps.db, (map = new Map()));
  const now = deps.clock.now();
  const key = `${record.type}|${source}`;
  let budget = map.get(key);
  if (!budget || now - budget.windowStart >= WINDOW_MS) {
    if (!budget && map.size >= MAX_SOURCES) map.clear();
    budget = { windowStart: now, used: 0, dropped: budget?.dropped ?? 0 };
    map.set(key, budget);
  }
  if (budget.used >= PER_MINUTE) {
    budget.dropped++;
    return;
  }
  budget.used++;
  const dropped = budget.dropped;
  budget.dropped = 0;
  await recordAudit(deps, dropped ? { ...record, detail: { ...record.detail, leftOutBefore: dropped } } : record);
}
