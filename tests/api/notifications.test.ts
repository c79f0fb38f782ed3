import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '#server/features/alerts/evaluate.ts';
import { appendHistory } from '#server/features/history/repository.ts';
import { Notification, ReadAllResult } from '#shared/schemas/alerts.ts';
import { ChangeEvent } from '#shared/schemas/events.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { seedParties } from '../support/fixtures.ts';
import { readEvents } from '../support/sse.ts';
import { HOUR, createRule, depsOf, logCall, notificationsOf } from './alerts-support.ts';

describe('notifications: their owner’s alone, on the list and on the event stream', async () => {
  const t = await createTestApp({ now: '2013-02-14T12:00:00Z' });
  const p = await seedParties(t);
  const ada = await t.createUser('analyst');
  const bob = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  it('sends notification.created to its owner only; the other user on the stream sees the next public change instead', async () => {
    await createRule(ada, { name: 'over 1 h', kind: 'wait_exceeds', thresholdMs: HOUR });
    const controller = new AbortController();
    const adaStream = await ada.request('/api/events', { signal: controller.signal });
    const bobStream = await bob.request('/api/events', { signal: controller.signal });
    const adaReading = readEvents(adaStream, 2);
    const bobReading = readEvents(bobStream, 1);
    await new Promise((r) => setTimeout(r, 60));
    // Logged two hours late: the rule fires at once.
    const call = await logCall(bob, p, { placedAt: '2013-02-14T10:00:00Z' });
    const ownNotification = (await notificationsOf(ada)).items[0]!;
    const adaEvents = (await adaReading).map((m) => ChangeEvent.parse(JSON.parse(m.data)));
    expect(adaEvents.map((e) => [e.type, e.id])).toEqual([
      ['call.created', call.id],
      ['notification.created', ownNotification.id],
    ]);
    await appendHistory(t.db, { at: t.clock.now(), actor: 'someone', action: 'update', entityType: 'call', entityId: call.id, before: null, after: null });
    const bobEvents = (await bobReading).map((m) => ChangeEvent.parse(JSON.parse(m.data)));
    expect(bobEvents.map((e) => e.type)).toEqual(['call.created']);
    const more = await readEvents(await bob.request('/api/events', { signal: controller.signal, headers: { 'Last-Event-ID': String(bobEvents[0]!.seq) } }), 1);
    controller.abort();
    expect(ChangeEvent.parse(JSON.parse(more[0]!.data))).toMatchObject({ type: 'call.updated', id: call.id });
    expect((await notificationsOf(bob)).items).toEqual([]);
  });

  it('lists newest first with the unread count, pages by cursor, marks one and all read', async () => {
    await logCall(bob, p, { calleeId: p.officials.kishida.id, placedAt: '2013-02-14T09:00:00Z' });
    t.clock.advance(60_000);
    const newest = await logCall(bob, p, { calleeId: p.officials.yang.id, placedAt: '2013-02-14T09:00:00Z' });
    const all = await notificationsOf(ada);
    expect(all.unread).toBe(3);
    expect(all.items.map((n) => n.createdAt)).toEqual([...all.items.map((n) => n.createdAt)].sort().reverse());
    expect(all.items[0]!.callId).toBe(newest.id);
    const first = await notificationsOf(ada, '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await notificationsOf(ada, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((n) => n.id)).toEqual(all.items.map((n) => n.id));
    expect(second.nextCursor).toBeNull();

    const target = all.items[1]!;
    await expectProblem(await bob.request(`/api/notifications/${target.id}/read`, { method: 'POST' }), 404);
    const read = await bodyAs(await ada.request(`/api/notifications/${target.id}/read`, { method: 'POST' }), Notification);
    expect(read.readAt).toBe(new Date(t.clock.now()).toISOString());
    expect((await notificationsOf(ada)).unread).toBe(2);
    expect((await notificationsOf(ada, '?unread=true')).items.map((n) => n.id)).not.toContain(target.id);
    const marked = await bodyAs(await ada.request('/api/notifications/read-all', { method: 'POST' }), ReadAllResult);
    expect(marked).toEqual({ marked: 2, unread: 0 });
    expect((await notificationsOf(ada)).items.every((n) => n.readAt !== null)).toBe(true);
  });

  it('refuses a bad cursor or limit, and nobody without a login', async () => {
    await expectProblem(await ada.request('/api/notifications?cursor=nonsense'), 400, ['cursor']);
    await expectProblem(await ada.request('/api/notifications?limit=0'), 400, ['limit']);
    await expectProblem(await t.request('/api/notifications'), 401);
    expect((await notificationsOf(viewer)).items).toEqual([]);
    expect(await evaluateAlerts(depsOf(t))).toBe(0);
  });
});
