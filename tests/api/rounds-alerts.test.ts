import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '#server/features/alerts/evaluate.ts';
import { RoundDetail } from '#shared/schemas/rounds.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { seedParties } from '../support/fixtures.ts';
import { HOUR, createRule, depsOf, logCall, notificationsOf, patchCall } from './alerts-support.ts';

describe('alert rules scoped to a round', async () => {
  const t = await createTestApp({ now: '2013-02-15T17:00:00Z' });
  const p = await seedParties(t);
  const ada = await t.createUser('analyst');
  const round = await bodyAs(
    await ada.request('/api/rounds', { method: 'POST', json: { trigger: 'DPRK nuclear test', initiatorId: p.officials.kerry.id } }),
    RoundDetail,
  );

  it('refuses an unknown round, and a change naming one, naming roundId', async () => {
    await expectProblem(await ada.request('/api/alert-rules', { method: 'POST', json: { name: 'r', kind: 'replied', roundId: '00000000-0000-4000-8000-000000000000' } }), 422, ['roundId']);
    const rule = await createRule(ada, { name: 'round replies', kind: 'replied', roundId: round.id, enabled: false });
    await expectProblem(await ada.request(`/api/alert-rules/${rule.id}`, { method: 'PATCH', json: { roundId: '00000000-0000-4000-8000-000000000000' } }), 422, ['roundId']);
  });

  it('fires for the calls of its round only: a reply in the round, not one outside it', async () => {
    await t.db.updateTable('alert_rules').set({ enabled: 0 }).execute();
    await createRule(ada, { name: 'round replies', kind: 'replied', roundId: round.id });
    const inRound = await logCall(ada, p, { roundId: round.id, placedAt: '2013-02-15T10:00:00Z' });
    const outside = await logCall(ada, p, { calleeId: p.officials.yang.id, placedAt: '2013-02-15T10:00:00Z' });
    t.clock.advance(HOUR);
    await patchCall(ada, outside, { status: 'returned', respondedAt: '2013-02-15T17:30:00Z' });
    expect((await notificationsOf(ada)).items).toEqual([]);
    await patchCall(ada, inRound, { status: 'returned', respondedAt: '2013-02-15T17:30:00Z' });
    const list = await notificationsOf(ada);
    expect(list.items.map((n) => n.callId)).toEqual([inRound.id]);
  });

  it('evaluates after a round is logged and after an attempt, as after any change of a call', async () => {
    await t.db.updateTable('alert_rules').set({ enabled: 0 }).execute();
    const rule = await createRule(ada, { name: 'over 24 h', kind: 'wait_exceeds', thresholdMs: 24 * HOUR, ministryId: p.ministries.kr.id });
    const before = (await notificationsOf(ada)).items.length;
    // Logged with a round, already past the threshold: it fires at the change itself.
    const logged = await bodyAs(
      await ada.request('/api/rounds', { method: 'POST', json: { trigger: 'Late', triggerAt: '2013-02-13T00:00:00Z', initiatorId: p.officials.kerry.id, calls: [{ calleeId: p.officials.yun.id }] } }),
      RoundDetail,
    );
    const list = await notificationsOf(ada);
    expect(list.items.length).toBe(before + 1);
    expect(list.items[0]).toMatchObject({ ruleId: rule.id, callId: logged.calls[0]!.id });

    // A call the rule did not see yet (stored directly), then tried again: the attempt's change evaluates it.
    await t.db.updateTable('alert_rules').set({ enabled: 0 }).execute();
    const again = await createRule(ada, { name: 'China over 24 h', kind: 'wait_exceeds', thresholdMs: 24 * HOUR, ministryId: p.ministries.cn.id, enabled: false });
    const call = await logCall(ada, p, { calleeId: p.officials.yang.id, placedAt: '2013-02-13T00:00:00Z' });
    await t.db.updateTable('alert_rules').set({ enabled: 1 }).where('id', '=', again.id).execute();
    expect((await ada.request(`/api/calls/${call.id}/attempts`, { method: 'POST', json: { at: '2013-02-14T00:00:00Z', channel: 'phone' } })).status).toBe(201);
    expect((await notificationsOf(ada)).items[0]).toMatchObject({ ruleId: again.id, callId: call.id });
    expect(await evaluateAlerts(depsOf(t))).toBe(0);
  });
});
