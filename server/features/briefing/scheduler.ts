import { randomUUID } from 'node:crypto';
import { publicBaseUrl } from '../../config.ts';
import type { Deps } from '../../lib/context.ts';
import { repeatEvery } from '../../lib/repeating.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { renderBriefingEmail } from './email.ts';
import { buildBriefing } from './service.ts';

/** How often each instance looks for subscribers whose briefing time has come. */
export const BRIEFING_INTERVAL_MS = 30_000;
/** A briefing not stored within this long after its time (the server was down) is skipped for that day, not sent late in the day. */
export const BRIEFING_LATE_MS = 3 * 3600_000;

/** The local date ("YYYY-MM-DD") and minutes since local midnight of `now` in `timeZone`. */
export function localClock(now: number, timeZone: string): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(now))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Stores the briefing email of every subscriber whose local time of day has
 * come (and is at most BRIEFING_LATE_MS past) and who has none for this local
 * date. The key briefing_sends(user_id, local_date) decides: the instance
 * whose insert stores the row stores the email in the same transaction;
 * another instance's insert does nothing. The mail worker sends it.
 * Answers how many briefings this run stored.
 */
export async function queueDueBriefings(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const subscribers = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'time_zone', 'briefing_at'])
    .where('briefing_at', 'is not', null)
    .where('email', 'is not', null)
    .where('disabled', '=', 0)
    .execute();
  const due = subscribers.flatMap((user) => {
    const clock = localClock(now, user.time_zone ?? 'UTC');
    const late = (clock.minutes - minutesOf(user.briefing_at!)) * 60_000;
    return late >= 0 && late < BRIEFING_LATE_MS ? [{ ...user, date: clock.date }] : [];
  });
  if (due.length === 0) return 0;
  const sent = await deps.db.selectFrom('briefing_sends').select(['user_id', 'local_date']).where('user_id', 'in', due.map((u) => u.id)).execute();
  const done = new Set(sent.map((s) => `${s.user_id}|${s.local_date}`));
  const pending = due.filter((u) => !done.has(`${u.id}|${u.date}`));
  if (pending.length === 0) return 0;
  // Read before any transaction (SQLite: a read on the handle would wait for the transaction's connection).
  const briefing = await buildBriefing(deps);
  let stored = 0;
  for (const user of pending) {
    const email = renderBriefingEmail(briefing, user.date, publicBaseUrl(deps.config));
    const id = randomUUID();
    const won = await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('briefing_sends')
        .values({ user_id: user.id, local_date: user.date, email_id: id, created_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'local_date']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!row) return false;
      await enqueueEmail(trx, { id, dedupeKey: `briefing:${user.id}:${user.date}`, kind: 'briefing', userId: user.id, to: user.email!, ...email }, now);
      return true;
    });
    if (won) stored += 1;
  }
  return stored;
}

/** Runs queueDueBriefings every `intervalMs`, one run at a time, like the alert scheduler. */
export function startBriefingScheduler(deps: Deps, intervalMs = BRIEFING_INTERVAL_MS): { stop(): Promise<void> } {
  return repeatEvery(intervalMs, 'briefing', () => queueDueBriefings(deps));
}
