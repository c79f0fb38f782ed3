import { describe, expect, it } from 'vitest';
import { appendHistory } from '#server/features/history/repository.ts';
import { ChangeEvent } from '#shared/schemas/events.ts';
import { createTestApp, expectProblem } from '../support/app.ts';

/** Reads SSE messages from a response body until `count` data events have arrived. */
async function readEvents(response: Response, count: number, timeoutMs = 5000) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: { id?: string; event?: string; data: string }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (messages.filter((m) => !m.event).length < count) {
    if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(messages)}`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: { id?: string; event?: string; data: string } = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('id:')) message.id = line.slice(3).trim();
        else if (line.startsWith('event:')) message.event = line.slice(6).trim();
        else if (line.startsWith('data:')) message.data += line.slice(5).trim();
      }
      if (message.data) messages.push(message);
    }
  }
  await reader.cancel();
  return messages.filter((m) => !m.event);
}

describe('GET /api/events', async () => {
  const t = await createTestApp();
  const viewer = await t.createUser('viewer');
  const change = (entityId: string, action: 'create' | 'update' | 'delete' = 'update') =>
    appendHistory(t.db, { at: t.clock.now(), actor: 'someone', action, entityType: 'call', entityId, before: null, after: { id: entityId } });

  it('needs a user', async () => {
    await expectProblem(await t.request('/api/events'), 401);
  });

  it('sends each new change as an event with a growing id', async () => {
    const controller = new AbortController();
    const response = await viewer.request('/api/events', { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(response, 2);
    // Give the stream a moment to join the feed, then change things.
    await new Promise((r) => setTimeout(r, 60));
    const first = await change('call-1', 'create');
    const second = await change('call-1', 'update');
    const events = await reading;
    controller.abort();
    const parsed = events.map((m) => ChangeEvent.parse(JSON.parse(m.data)));
    expect(parsed.map((e) => [e.type, e.id, e.seq])).toEqual([
      ['call.created', 'call-1', first],
      ['call.updated', 'call-1', second],
    ]);
    expect(events.map((m) => Number(m.id))).toEqual([first, second]);
  });

  it('replays what a reconnecting client missed after Last-Event-ID', async () => {
    const before = await change('call-2', 'create');
    const missed = await change('call-2', 'delete');
    const controller = new AbortController();
    const response = await viewer.request('/api/events', { signal: controller.signal, headers: { 'Last-Event-ID': String(before) } });
    const [event] = await readEvents(response, 1);
    controller.abort();
    expect(ChangeEvent.parse(JSON.parse(event!.data))).toMatchObject({ type: 'call.deleted', id: 'call-2', seq: missed });
  });
});
