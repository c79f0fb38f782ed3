import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems } from '../../lib/openapi.ts';
import { currentUser, requireRole, stillAuthenticated } from '../auth/middleware.ts';
import { type ChangeFeed, type FeedEvent, READ_BATCH } from './feed.ts';

const HEARTBEAT_MS = 15_000;
/** How many sent numbers a stream remembers to drop repeats; older ones count as sent. */
const REMEMBERED = 5_000;

/**
 * The sequence numbers a stream has sent. Catch-up reads and the shared loop
 * may both hand over a change, and a late change (see ChangeFeed) may come
 * below the highest number sent, so "sent" is a set above a floor.
 */
class SentSeqs {
  private seqs = new Set<number>();
  constructor(private floor: number) {}

  /** False when this number was sent already. */
  add(seq: number): boolean {
    if (seq <= this.floor || this.seqs.has(seq)) return false;
    this.seqs.add(seq);
    if (this.seqs.size > 2 * REMEMBERED) {
      const sorted = [...this.seqs].sort((a, b) => a - b);
      this.floor = sorted[sorted.length - REMEMBERED - 1]!;
      for (const old of sorted.slice(0, sorted.length - REMEMBERED)) this.seqs.delete(old);
    }
    return true;
  }
}

/** How soon a client told to reconnect (the server is shutting down) tries again. */
const RECONNECT_MS = 3000;

/**
 * `GET /api/events`: Server-Sent Events, one per change, resumable with
 * Last-Event-ID. A stream lives no longer than the session or token it was
 * opened with: before each delivery and every `credentialCheckMs` it checks
 * that the credential still works (not logged out, expired, idle or revoked,
 * its owner not disabled), and ends when it does not. When `closing` aborts
 * (the server is shutting down), each stream sends a `reconnect` event and
 * ends, so browsers reconnect (to another instance, or this one once
 * restarted) and miss nothing.
 */
export function eventsRoutes(feed: ChangeFeed, credentialCheckMs = 5000, closing?: AbortSignal) {
  return new Hono<AppEnv>().get(
    '/',
    describeRoute({
      tags: ['events'],
      summary: 'Live stream of changes (Server-Sent Events)',
      description:
        'One event per change: `id:` the change sequence number, `data:` a ChangeEvent JSON `{ type, id, seq, at, actor }` with type such as `call.created`, `call.updated`, `call.deleted`, `official.updated`, `round.created`, `round.updated`, `round.deleted`, and `notification.created` (sent to the notification’s owner only). Reconnect with `Last-Event-ID` to receive every change made since, then the new ones. A first `ready` event gives the sequence number the stream starts from. ' +
        'The stream ends when the session or token it was opened with ends (logout, expiry, revocation, the user disabled); reconnecting then answers 401. ' +
        'When the server shuts down, a `reconnect` event (with `retry:`) ends the stream: reconnect with Last-Event-ID.',
      parameters: [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } }],
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...authProblems },
    }),
    requireRole('viewer'),
    async (c) => {
      const user = currentUser(c);
      const deps = c.var.deps;
      const latest = await feed.latestSeq();
      const lastEventId = Number.parseInt(c.req.header('last-event-id') ?? '', 10);
      // An id beyond the history (say, from before the database was restored) would hide every new change.
      const startSeq = Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? Math.min(lastEventId, latest) : latest;
      c.header('Cache-Control', 'no-store, no-transform');
      c.header('X-Accel-Buffering', 'no');

      return streamSSE(c, async (stream) => {
        let finish!: () => void;
        const finished = new Promise<void>((resolve) => (finish = resolve));
        stream.onAbort(() => finish());
        let ended = false;
        const stillValid = async () => {
          if (!ended && !(await stillAuthenticated(deps, user).catch(() => true))) {
            ended = true;
            finish();
          }
          return !ended;
        };
        const sent = new SentSeqs(startSeq);
        let queue = Promise.resolve();
        const send = (events: FeedEvent[]) => {
          queue = queue.then(async () => {
            if (events.length === 0 || !(await stillValid())) return;
            for (const { audienceId, ...event } of events) {
              if (!sent.add(event.seq)) continue;
              // A change meant for one user (their notification) is theirs alone; the others skip its number.
              if (audienceId !== null && audienceId !== user.id) continue;
              await stream.writeSSE({ id: String(event.seq), data: JSON.stringify(event) });
            }
          });
        };
        // Tells the client (and tests) the stream is live, and how soon to reconnect.
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ seq: startSeq }), retry: 3000 });

        // Join the shared loop first, holding what it hands over until this
        // stream has read the history from startSeq to its end: then nothing
        // falls between the two, and nothing arrives out of order.
        let held: FeedEvent[] | null = [];
        const unsubscribe = feed.subscribe((events) => (held ? held.push(...events) : send(events)), latest);
        for (let seq = startSeq; !stream.aborted && !ended; ) {
          const batch = await feed.since(seq);
          send(batch);
          await queue; // written before the next batch is read: a long backlog is not held in memory
          if (batch.length < READ_BATCH) break;
          seq = batch[batch.length - 1]!.seq;
        }
        send(held);
        held = null;

        const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => undefined), HEARTBEAT_MS);
        const watchdog = setInterval(() => void stillValid(), credentialCheckMs);
        // Removed again when the stream ends first, so past streams do not pile up on the signal.
        closing?.addEventListener('abort', finish);
        if (stream.aborted || closing?.aborted) finish();
        await finished;
        closing?.removeEventListener('abort', finish);
        clearInterval(heartbeat);
        clearInterval(watchdog);
        unsubscribe();
        if (!stream.aborted && closing?.aborted) {
          await queue;
          await stream.writeSSE({ event: 'reconnect', data: JSON.stringify({ reason: 'shutdown' }), retry: RECONNECT_MS });
        }
      });
    },
  );
}
