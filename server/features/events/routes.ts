import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describeRoute } from 'hono-openapi';
import type { ChangeEvent } from '#shared/schemas/events.ts';
import type { AppEnv } from '../../lib/context.ts';
import { requireRole } from '../auth/middleware.ts';
import type { ChangeFeed } from './feed.ts';

const HEARTBEAT_MS = 15_000;

/** `GET /api/events`: Server-Sent Events, one per change, resumable with Last-Event-ID. */
export function eventsRoutes(feed: ChangeFeed) {
  return new Hono<AppEnv>().get(
    '/',
    describeRoute({
      tags: ['events'],
      summary: 'Live stream of changes (Server-Sent Events)',
      description:
        'One event per change: `id:` the change sequence number, `data:` a ChangeEvent JSON `{ type, id, seq, at, actor }` with type such as `call.created`, `call.updated`, `call.deleted`, `official.updated`. Reconnect with `Last-Event-ID` to receive what was missed (up to 1000 changes).',
      parameters: [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } }],
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
    }),
    requireRole('viewer'),
    async (c) => {
      const lastEventId = Number.parseInt(c.req.header('last-event-id') ?? '', 10);
      const startSeq = Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : await feed.latestSeq();
      c.header('Cache-Control', 'no-cache, no-transform');
      c.header('X-Accel-Buffering', 'no');

      return streamSSE(c, async (stream) => {
        let sentSeq = startSeq;
        let queue = Promise.resolve();
        const send = (events: ChangeEvent[]) => {
          queue = queue.then(async () => {
            for (const event of events) {
              if (event.seq <= sentSeq) continue;
              sentSeq = event.seq;
              await stream.writeSSE({ id: String(event.seq), data: JSON.stringify(event) });
            }
          });
        };
        // Tells the client (and tests) the stream is live, and how soon to reconnect.
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ seq: startSeq }), retry: 3000 });
        const unsubscribe = feed.subscribe(send, startSeq);
        // Catch up on what happened before this stream joined the shared loop.
        send(await feed.since(startSeq));

        const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => undefined), HEARTBEAT_MS);
        await new Promise<void>((resolve) => stream.onAbort(resolve));
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
