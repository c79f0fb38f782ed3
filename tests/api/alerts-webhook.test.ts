import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '#server/features/alerts/evaluate.ts';
import { createTestApp } from '../support/app.ts';
import { seedParties } from '../support/fixtures.ts';
import { HOUR, createRule, depsOf, logCall } from './alerts-support.ts';

describe('an alert rule on the webhook channel', async () => {
  const t = await createTestApp({ now: '2013-02-14T12:00:00Z', config: { WEBHOOK_ALLOW_HOSTS: ['127.0.0.1'] } });
  const p = await seedParties(t);
  const admin = await t.createUser('admin');

  it('stores one signed-to-be delivery to its webhook when it fires, with the firing as its body', async () => {
    const res = await admin.request('/api/webhooks', { method: 'POST', json: { url: 'http://127.0.0.1:9/hook' } });
    expect(res.status).toBe(201);
    const hook = (await res.json()) as { id: string };
    const rule = await createRule(admin, { name: 'Russia over 48 h', kind: 'wait_exceeds', thresholdMs: 48 * HOUR, channels: ['webhook'], webhookId: hook.id });
    const call = await logCall(admin, p, { placedAt: '2013-02-13T10:00:00Z' });
    t.clock.advance(24 * HOUR);
    expect(await evaluateAlerts(depsOf(t))).toBe(1);
    const deliveries = await t.db.selectFrom('webhook_deliveries').selectAll().execute();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.webhook_id).toBe(hook.id);
    const body = JSON.parse(deliveries[0]!.body) as { type: string; rule: { id: string }; call: { id: string } };
    expect(body).toMatchObject({ type: 'alert.wait_exceeds', rule: { id: rule.id }, call: { id: call.id } });
    expect(await evaluateAlerts(depsOf(t))).toBe(0);
    expect(await t.db.selectFrom('webhook_deliveries').select('id').execute()).toHaveLength(1);
  });
});
