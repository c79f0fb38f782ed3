import type { Kysely } from 'kysely';
import { type ChangeEvent, eventType } from '#shared/schemas/events.ts';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';

type Listener = (events: ChangeEvent[]) => void;

/** How many past changes a reconnecting client may catch up on at once. */
const REPLAY_LIMIT = 1000;

/**
 * The live feed of changes, read from the audit history: every write appends
 * to history in its own transaction, so the history's sequence numbers are
 * the event ids, and instances sharing one PostgreSQL database all see every
 * change. One poll loop per process serves every open stream, and runs only
 * while someone listens.
 */
export class ChangeFeed {
  private listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private lastSeq: number | undefined;
  private polling = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pollMs = 1000,
  ) {}

  async latestSeq(): Promise<number> {
    const row = await this.db.selectFrom('history').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  async since(seq: number, limit = REPLAY_LIMIT): Promise<ChangeEvent[]> {
    const rows = await this.db
      .selectFrom('history')
      .select(['seq', 'at', 'actor', 'action', 'entity_type', 'entity_id'])
      .where('seq', '>', seq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ type: eventType(r.entity_type, r.action), id: r.entity_id, seq: r.seq, at: toIso(r.at), actor: r.actor }));
  }

  subscribe(listener: Listener, fromSeq: number): () => void {
    this.listeners.add(listener);
    // A new listener may start behind the loop; it catches up by itself (see the route).
    if (this.lastSeq === undefined || fromSeq < this.lastSeq) this.lastSeq = Math.min(this.lastSeq ?? fromSeq, fromSeq);
    if (!this.timer) this.timer = setInterval(() => void this.poll(), this.pollMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
        this.lastSeq = undefined;
      }
    };
  }

  /** Reads what changed since the last poll and hands it to every listener. */
  async poll(): Promise<void> {
    if (this.polling || this.lastSeq === undefined) return;
    this.polling = true;
    try {
      const events = await this.since(this.lastSeq);
      const last = events[events.length - 1];
      if (last) {
        this.lastSeq = last.seq;
        for (const listener of this.listeners) listener(events);
      }
    } catch (error) {
      console.warn('event feed: reading the history failed; will retry', error);
    } finally {
      this.polling = false;
    }
  }
}
