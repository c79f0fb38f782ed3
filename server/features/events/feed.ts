import type { Kysely } from 'kysely';
import { type ChangeEvent, eventType } from '#shared/schemas/events.ts';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';

/** A change with who may see it: `audienceId` names the one user (a notification), null everyone. */
export type FeedEvent = ChangeEvent & { audienceId: string | null };

type Listener = (events: FeedEvent[]) => void;

/** How many changes one read of the history takes at most. */
export const READ_BATCH = 1000;

/** Missing sequence numbers watched at most, so a huge jump cannot grow the list without bound. */
const MAX_GAPS = 1000;

/**
 * The live feed of changes, read from the audit history: every write appends
 * to history in its own transaction, so the history's sequence numbers are
 * the event ids, and instances sharing one PostgreSQL database all see every
 * change. One poll loop per process serves every open stream, and runs only
 * while someone listens.
 *
 * On PostgreSQL a transaction that drew a lower number may commit after one
 * that drew a higher number, so a number skipped by a read is watched for a
 * while (`gapWaitMs`) and its change handed over late when it appears; a
 * rolled-back transaction's number never does, and is dropped then.
 */
export class ChangeFeed {
  private listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private lastSeq: number | undefined;
  /** Skipped sequence numbers, and when each was first missed. */
  private gaps = new Map<number, number>();
  private polling = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pollMs = 1000,
    private readonly gapWaitMs = 10_000,
  ) {}

  async latestSeq(): Promise<number> {
    const row = await this.db.selectFrom('history').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  private select() {
    return this.db.selectFrom('history').select(['seq', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'audience_id']).orderBy('seq', 'asc');
  }

  private static toEvent(r: { seq: number; at: number; actor: string; action: string; entity_type: string; entity_id: string; audience_id?: string | null }): FeedEvent {
    return { type: eventType(r.entity_type, r.action), id: r.entity_id, seq: Number(r.seq), at: toIso(Number(r.at)), actor: r.actor, audienceId: r.audience_id ?? null };
  }

  async since(seq: number, limit = READ_BATCH): Promise<FeedEvent[]> {
    const rows = await this.select().where('seq', '>', seq).limit(limit).execute();
    return rows.map(ChangeFeed.toEvent);
  }

  /**
   * Hands the listener every change after the loop's position; `latestSeq`
   * (read just before) is where a loop that is not yet running starts. The
   * loop is never wound back for a listener that is behind: that listener
   * catches up by itself (see the route), while the dashboards already
   * listening keep getting new changes at once. Changes may arrive out of
   * sequence order (see the class), never twice from the loop.
   */
  subscribe(listener: Listener, latestSeq: number): () => void {
    this.listeners.add(listener);
    this.lastSeq ??= latestSeq;
    if (!this.timer) this.timer = setInterval(() => void this.poll(), this.pollMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
        this.lastSeq = undefined;
        this.gaps.clear();
      }
    };
  }

  /** Reads what changed since the last poll (and what filled a gap) and hands it to every listener. */
  async poll(): Promise<void> {
    if (this.polling || this.lastSeq === undefined) return;
    this.polling = true;
    try {
      const now = Date.now();
      for (const [seq, missedAt] of this.gaps) if (now - missedAt > this.gapWaitMs) this.gaps.delete(seq);
      const late = this.gaps.size > 0 ? (await this.select().where('seq', 'in', [...this.gaps.keys()]).execute()).map(ChangeFeed.toEvent) : [];
      for (const event of late) this.gaps.delete(event.seq);

      const fresh = await this.since(this.lastSeq);
      let previous = this.lastSeq;
      for (const event of fresh) {
        for (let missing = previous + 1; missing < event.seq && this.gaps.size < MAX_GAPS; missing++) this.gaps.set(missing, now);
        previous = event.seq;
      }
      this.lastSeq = previous;

      const events = [...late, ...fresh];
      if (events.length > 0) for (const listener of this.listeners) listener(events);
    } catch (error) {
      console.warn('event feed: reading the history failed; will retry', error);
    } finally {
      this.polling = false;
    }
  }
}
