import { describe, expect, it } from 'vitest';
import { createApp } from '#server/app.ts';
import { openDatabase } from '#server/db/client.ts';
import { evaluateAlerts } from '#server/features/alerts/evaluate.ts';
import { AlertRule } from '#shared/schemas/alerts.ts';
import { AwaitingContextList } from '#shared/schemas/stats.ts';
import { bodyAs, createTestApp } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';
import { HOUR, createRule, depsOf, logCall, notificationsOf, patchCall } from './alerts-support.ts';

describe('alert rules fire at most once per call, kind and episode', async () => {
  const t = await createTestApp({ now: '2013-02-14T12:00:00Z' });
  const deps = depsOf(t);
  const p = await seedParties(t);
  const ada = await t.createUser('analyst');
  const bob = await t.createUser('analyst');
  // Each test speaks of its own rules: it first pauses those of the tests before.
  const pauseAll = () => t.db.updateTable('alert_rules').set({ enabled: 0 }).execute();
  const firings = async () => Number((await t.db.selectFrom('alert_firings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('wait_exceeds: fires when the scheduler finds the wait past the threshold, once, for the owner only', async () => {
    const rule = await createRule(ada, { name: 'Russia over 48 h', kind: 'wait_exceeds', thresholdMs: 48 * HOUR, ministryId: p.ministries.ru.id });
    const call = await logCall(ada, p, { placedAt: '2013-02-13T10:00:00Z' });
    await logCall(ada, p, { calleeId: p.officials.kishida.id, placedAt: '2013-02-12T10:00:00Z' }); // Japan: out of scope
    expect(await evaluateAlerts(deps)).toBe(0);
    t.clock.advance(24 * HOUR); // 50 h
    expect(await evaluateAlerts(deps)).toBe(1);
    expect(await evaluateAlerts(deps)).toBe(0);
    const list = await notificationsOf(ada);
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ type: 'alert.wait_exceeds', callId: call.id, ruleId: rule.id, readAt: null, createdAt: '2013-02-15T12:00:00.000Z' });
    expect(list.items[0]!.title).toBe("Sergei Lavrov (MFA Russia) has not replied to John Kerry's call for 2 days");
    expect((await notificationsOf(bob)).items).toEqual([]);
    const stored = await bodyAs(await ada.request(`/api/alert-rules/${rule.id}`), AlertRule);
    expect(stored.lastFiredAt).toBe('2013-02-15T12:00:00.000Z');

    // Reopened, the call may fire again: once more.
    const returned = await patchCall(ada, call, { status: 'returned', respondedAt: '2013-02-15T11:00:00Z' });
    await patchCall(ada, returned, { status: 'awaiting' });
    expect((await notificationsOf(ada)).unread).toBe(2);
    expect(await evaluateAlerts(deps)).toBe(0);
  });

  it('fires at the change itself when a call is logged already past the threshold; a paused rule never fires', async () => {
    await pauseAll();
    const rule = await createRule(ada, { name: 'Japan over 24 h', kind: 'wait_exceeds', thresholdMs: 24 * HOUR, ministryId: p.ministries.jp.id });
    const paused = await createRule(bob, { name: 'paused', kind: 'wait_exceeds', thresholdMs: HOUR, enabled: false });
    const before = (await notificationsOf(ada)).unread;
    const call = await logCall(ada, p, { calleeId: p.officials.kishida.id, placedAt: '2013-02-13T00:00:00Z' });
    const list = await notificationsOf(ada);
    expect(list.unread).toBe(before + 1);
    expect(list.items[0]).toMatchObject({ callId: call.id, ruleId: rule.id });
    expect(await t.db.selectFrom('alert_firings').select('id').where('rule_id', '=', paused.id).execute()).toEqual([]);
  });

  it('promise_broken: fires once the promised time passes with no reply', async () => {
    await pauseAll();
    await createRule(bob, { name: 'broken promises', kind: 'promise_broken' });
    const call = await logCall(ada, p, { calleeId: p.officials.yang.id, placedAt: '2013-02-15T08:00:00Z', promisedBy: '2013-02-15T18:00:00Z' });
    expect(await evaluateAlerts(deps)).toBe(0);
    t.clock.set('2013-02-15T18:00:01Z');
    expect(await evaluateAlerts(deps)).toBe(1);
    const list = await notificationsOf(bob);
    expect(list.items[0]).toMatchObject({ type: 'alert.promise_broken', callId: call.id });
    expect(list.items[0]!.title).toBe("Yang Jiechi (MFA China) promised to return John Kerry's call by 2013-02-15 18:00 UTC and has not");
  });

  it('replied: fires at the PATCH that records the reply', async () => {
    await pauseAll();
    await createRule(bob, { name: 'any reply', kind: 'replied' });
    const call = await logCall(ada, p, { calleeId: p.officials.yun.id, placedAt: '2013-02-15T12:00:00Z' });
    const before = (await notificationsOf(bob)).unread;
    await patchCall(ada, call, { status: 'returned', respondedAt: '2013-02-15T17:00:00Z' });
    const list = await notificationsOf(bob);
    expect(list.unread).toBe(before + 1);
    expect(list.items[0]).toMatchObject({ type: 'alert.replied', callId: call.id, title: "Yun Byung-se (MOFA Korea) replied to John Kerry's call (returned)" });
  });

  it('unusual_wait: uses the board’s share replied sooner, firing at ≥ 0.9', async () => {
    await pauseAll();
    // Ten calls to Korea replied after 1, 2, …, 10 hours, and one open call: with it censored at
    // its wait, S(9.5 h) = 2/11 (share 9/11 ≈ 0.82) and S(11 h) = 1/11 (share 10/11 ≈ 0.91).
    const { kerry, yun } = p.officials;
    const base = Date.parse('2013-01-10T00:00:00Z');
    await insertCalls(t, Array.from({ length: 10 }, (_, i) => ({
      callerId: kerry.id, calleeId: yun.id, placedAt: new Date(base + i * 24 * HOUR).toISOString(), status: 'returned' as const,
      respondedAt: new Date(base + i * 24 * HOUR + (i + 1) * HOUR).toISOString(),
    })));
    // The replied call of the previous test is Korea's too: close it out of the record.
    await t.db.deleteFrom('calls').where('callee_id', '=', yun.id).where('placed_at', '>=', Date.parse('2013-02-01T00:00:00Z')).execute();
    const rule = await createRule(ada, { name: 'unusual for Korea', kind: 'unusual_wait', ministryId: p.ministries.kr.id });
    t.clock.set('2013-02-16T09:30:00Z');
    const call = await logCall(ada, p, { calleeId: yun.id, placedAt: '2013-02-16T00:00:00Z' });
    const context = async () => (await bodyAs(await ada.request(`/api/stats/awaiting-context?ministryId=${p.ministries.kr.id}`), AwaitingContextList)).items.find((i) => i.callId === call.id)!;
    expect((await context()).shareRepliedSooner).toBeCloseTo(9 / 11, 10);
    expect(await evaluateAlerts(deps)).toBe(0);
    t.clock.set('2013-02-16T11:00:00Z');
    expect((await context()).shareRepliedSooner).toBeCloseTo(10 / 11, 10);
    expect(await evaluateAlerts(deps)).toBe(1);
    expect((await notificationsOf(ada)).items[0]).toMatchObject({ type: 'alert.unusual_wait', callId: call.id, ruleId: rule.id });
    expect(await evaluateAlerts(deps)).toBe(0);
  });

  it('two app instances on one database evaluating at once fire exactly once', async () => {
    await pauseAll();
    const second = openDatabase(t.databaseUrl);
    try {
      const otherDeps = { db: second.db, dialect: second.dialect, clock: t.clock, config: t.config };
      createApp(otherDeps);
      await t.db.deleteFrom('calls').where('callee_id', '=', p.officials.yang.id).execute();
      const rule = await createRule(ada, { name: 'China over 1 h', kind: 'wait_exceeds', thresholdMs: HOUR, ministryId: p.ministries.cn.id });
      await t.db.insertInto('calls').values({
        id: crypto.randomUUID(), caller_id: p.officials.kerry.id, callee_id: p.officials.yang.id, placed_at: t.clock.now() - 2 * HOUR, channel: 'phone', topic: 'twin',
        notes: null, source: null, status: 'awaiting', responded_at: null, closed_at: null, version: 1, created_at: t.clock.now(), updated_at: t.clock.now(), created_by: 'fixture',
      }).execute();
      const before = await firings();
      const results = await Promise.all([evaluateAlerts(deps), evaluateAlerts(otherDeps), evaluateAlerts(deps), evaluateAlerts(otherDeps)]);
      expect(results.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await firings()).toBe(before + 1);
      const forRule = await t.db.selectFrom('notifications').select('id').where('rule_id', '=', rule.id).execute();
      expect(forRule).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
