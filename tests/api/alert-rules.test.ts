import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AlertRule, AlertRuleList } from '#shared/schemas/alerts.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { seedParties } from '../support/fixtures.ts';

const HOUR = 3600_000;

describe('alert rules: create, list, change, pause, delete', async () => {
  const t = await createTestApp();
  const p = await seedParties(t);
  const ada = await t.createUser('analyst');
  const bob = await t.createUser('analyst');
  const admin = await t.createUser('admin');
  const viewer = await t.createUser('viewer');
  const rules = async () => Number((await t.db.selectFrom('alert_rules').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  const create = async (user = ada, json: Record<string, unknown> = { name: 'Lavrov over 72 h', kind: 'wait_exceeds', thresholdMs: 72 * HOUR, ministryId: p.ministries.ru.id }) => {
    const res = await user.request('/api/alert-rules', { method: 'POST', json });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, AlertRule);
  };

  it('creates a rule of each kind, owned by its creator, app channel by default', async () => {
    const wait = await create();
    expect(wait).toMatchObject({ kind: 'wait_exceeds', thresholdMs: 72 * HOUR, ministryId: p.ministries.ru.id, roundId: null, channels: ['app'], webhookId: null, ownerId: ada.id, enabled: true, lastFiredAt: null });
    const round = await ada.request('/api/rounds', { method: 'POST', json: { trigger: 'DPRK nuclear test' } });
    const roundId = ((await round.json()) as { id: string }).id;
    for (const kind of ['unusual_wait', 'promise_broken', 'replied'] as const) {
      const rule = await create(ada, { name: kind, kind, roundId, channels: ['app', 'email'] });
      expect(rule).toMatchObject({ kind, thresholdMs: null, roundId, channels: ['app', 'email'] });
    }
    const hooked = await create(ada, { name: 'to the newsroom', kind: 'replied', channels: ['webhook'], webhookId: randomUUID() });
    expect(hooked.channels).toEqual(['webhook']);
  });

  it('refuses bad input naming the field, storing nothing', async () => {
    const before = await rules();
    const bad = async (json: Record<string, unknown>, field: string) => {
      await expectProblem(await ada.request('/api/alert-rules', { method: 'POST', json: { name: 'r', ...json } }), 422, [field]);
    };
    await bad({ kind: 'wait_exceeds' }, 'thresholdMs');
    await bad({ kind: 'wait_exceeds', thresholdMs: 1000 }, 'thresholdMs');
    await bad({ kind: 'wait_exceeds', thresholdMs: 1.5 * HOUR + 0.5 }, 'thresholdMs');
    await bad({ kind: 'replied', thresholdMs: HOUR }, 'thresholdMs');
    await bad({ kind: 'sometimes' }, 'kind');
    await bad({ kind: 'replied', channels: [] }, 'channels');
    await bad({ kind: 'replied', channels: ['sms'] }, 'channels.0');
    await bad({ kind: 'replied', channels: ['app', 'app'] }, 'channels');
    await bad({ kind: 'replied', channels: ['webhook'] }, 'webhookId');
    await bad({ kind: 'replied', webhookId: randomUUID() }, 'webhookId');
    await bad({ kind: 'replied', ministryId: randomUUID() }, 'ministryId');
    await bad({ kind: 'replied', roundId: 'round one' }, 'roundId');
    await bad({ kind: 'replied', roundId: randomUUID() }, 'roundId');
    await bad({ kind: 'replied', ownerId: bob.id }, 'ownerId');
    await bad({ kind: 'replied', name: '' }, 'name');
    await bad({ kind: 'replied', enabled: 'yes' }, 'enabled');
    await expectProblem(await ada.request('/api/alert-rules', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }), 400);
    expect(await rules()).toBe(before);
  });

  it('shows each analyst their own rules, an admin everyone’s; another’s rule is not found', async () => {
    const bobs = await create(bob, { name: 'bob replied', kind: 'replied' });
    const adaList = await bodyAs(await ada.request('/api/alert-rules'), AlertRuleList);
    expect(adaList.items.every((r) => r.ownerId === ada.id)).toBe(true);
    expect(adaList.items.length).toBeGreaterThan(0);
    const bobList = await bodyAs(await bob.request('/api/alert-rules'), AlertRuleList);
    expect(bobList.items.map((r) => r.id)).toEqual([bobs.id]);
    const all = await bodyAs(await admin.request('/api/alert-rules'), AlertRuleList);
    expect(all.items.length).toBe(adaList.items.length + 1);

    await expectProblem(await ada.request(`/api/alert-rules/${bobs.id}`), 404);
    await expectProblem(await ada.request(`/api/alert-rules/${bobs.id}`, { method: 'PATCH', json: { enabled: false } }), 404);
    await expectProblem(await ada.request(`/api/alert-rules/${bobs.id}`, { method: 'DELETE' }), 404);
    const byAdmin = await bodyAs(await admin.request(`/api/alert-rules/${bobs.id}`, { method: 'PATCH', json: { name: 'renamed by admin' } }), AlertRule);
    expect(byAdmin).toMatchObject({ name: 'renamed by admin', ownerId: bob.id });
    await expectProblem(await viewer.request('/api/alert-rules'), 403);
    await expectProblem(await viewer.request('/api/alert-rules', { method: 'POST', json: { name: 'x', kind: 'replied' } }), 403);
  });

  it('pauses, edits as a whole and deletes', async () => {
    const rule = await create();
    const paused = await bodyAs(await ada.request(`/api/alert-rules/${rule.id}`, { method: 'PATCH', json: { enabled: false } }), AlertRule);
    expect(paused).toMatchObject({ enabled: false, thresholdMs: 72 * HOUR });
    // Another kind drops the threshold; back to wait_exceeds needs one again.
    const replied = await bodyAs(await ada.request(`/api/alert-rules/${rule.id}`, { method: 'PATCH', json: { kind: 'replied' } }), AlertRule);
    expect(replied).toMatchObject({ kind: 'replied', thresholdMs: null });
    await expectProblem(await ada.request(`/api/alert-rules/${rule.id}`, { method: 'PATCH', json: { kind: 'wait_exceeds' } }), 422, ['thresholdMs']);
    await expectProblem(await ada.request(`/api/alert-rules/${rule.id}`, { method: 'PATCH', json: { channels: ['webhook'] } }), 422, ['webhookId']);
    await expectProblem(await ada.request(`/api/alert-rules/${rule.id}`, { method: 'PATCH', json: { ownerId: bob.id } }), 422, ['ownerId']);
    const unchanged = await bodyAs(await ada.request(`/api/alert-rules/${rule.id}`), AlertRule);
    expect(unchanged).toMatchObject({ kind: 'replied', enabled: false, channels: ['app'] });
    const scoped = await bodyAs(await ada.request(`/api/alert-rules/${rule.id}`, { method: 'PATCH', json: { ministryId: null, kind: 'wait_exceeds', thresholdMs: 24 * HOUR } }), AlertRule);
    expect(scoped).toMatchObject({ ministryId: null, thresholdMs: 24 * HOUR });
    expect((await ada.request(`/api/alert-rules/${rule.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await ada.request(`/api/alert-rules/${rule.id}`), 404);
  });

  it('records each change in the audit log', async () => {
    const rule = await create();
    await ada.request(`/api/alert-rules/${rule.id}`, { method: 'DELETE' });
    const entries = await t.db.selectFrom('audit_log').select(['type', 'target']).where('target', '=', `alert_rule:${rule.id}`).execute();
    expect(entries.map((e) => e.type).sort()).toEqual(['alert_rule.created', 'alert_rule.deleted']);
  });
});
