import { describe, expect, it } from 'vitest';
import { Webhook, WebhookCreated, WebhookList } from '#shared/schemas/webhooks.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';

// The admin's webhook routes: what is stored and shown, what is refused
// (problem+json naming the field, nothing stored), and which addresses a
// webhook may not point at. Deliveries themselves: webhook-deliveries.test.ts.

describe('webhooks', async () => {
  const t = await createTestApp({ config: { WEBHOOK_ALLOW_HOSTS: ['127.0.0.1', 'localhost'] } });
  const admin = await t.createUser('admin');
  const count = async () => (await t.db.selectFrom('webhooks').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const create = (json: unknown) => admin.request('/api/webhooks', { method: 'POST', json });

  it('adds one with a generated secret shown once, and never shows it again', async () => {
    const res = await create({ url: 'http://127.0.0.1:9/hook' });
    expect(res.status).toBe(201);
    const created = await bodyAs(res, WebhookCreated);
    expect(created).toMatchObject({ url: 'http://127.0.0.1:9/hook', enabled: true, disabledReason: null, failingSince: null, lastAttempt: null, pending: 0, createdAt: '2013-02-18T12:00:00.000Z' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get('location')).toBe(`/api/webhooks/${created.id}`);

    const one = await admin.request(`/api/webhooks/${created.id}`);
    const list = await admin.request('/api/webhooks');
    for (const body of [await one.text(), await list.text()]) expect(body).not.toContain(created.secret);
    expect((await bodyAs(await admin.request(`/api/webhooks/${created.id}`), Webhook)).id).toBe(created.id);
    expect((await bodyAs(await admin.request('/api/webhooks'), WebhookList)).items.map((w) => w.id)).toContain(created.id);
  });

  it('keeps a secret the admin chose', async () => {
    const created = await bodyAs(await create({ url: 'https://localhost/readout', secret: 'a-secret-of-my-own-123' }), WebhookCreated);
    expect(created.secret).toBe('a-secret-of-my-own-123');
    const row = await t.db.selectFrom('webhooks').select('secret').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.secret).toBe('a-secret-of-my-own-123');
  });

  it('changes the URL and secret, disables and enables, and deletes', async () => {
    const { id } = await bodyAs(await create({ url: 'http://127.0.0.1:9/a' }), WebhookCreated);
    t.clock.advance(60_000);
    const patch = (json: unknown) => admin.request(`/api/webhooks/${id}`, { method: 'PATCH', json });
    const moved = await bodyAs(await patch({ url: 'http://127.0.0.1:9/b', secret: 'another-secret-1234567' }), Webhook);
    expect(moved).toMatchObject({ url: 'http://127.0.0.1:9/b', updatedAt: '2013-02-18T12:01:00.000Z' });
    expect((await t.db.selectFrom('webhooks').select('secret').where('id', '=', id).executeTakeFirstOrThrow()).secret).toBe('another-secret-1234567');
    expect(await bodyAs(await patch({ enabled: false }), Webhook)).toMatchObject({ enabled: false, disabledReason: null, disabledAt: '2013-02-18T12:01:00.000Z' });
    expect(await bodyAs(await patch({ enabled: true }), Webhook)).toMatchObject({ enabled: true, disabledAt: null });
    expect((await patch({})).status).toBe(200);

    expect((await admin.request(`/api/webhooks/${id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await admin.request(`/api/webhooks/${id}`), 404);
    await expectProblem(await admin.request(`/api/webhooks/${id}`, { method: 'DELETE' }), 404);
    await expectProblem(await patch({ enabled: true }), 404);
    await expectProblem(await admin.request(`/api/webhooks/${id}/deliveries`), 404);
  });

  it('is for admins only', async () => {
    const analyst = await t.createUser('analyst');
    await expectProblem(await analyst.request('/api/webhooks'), 403);
    await expectProblem(await analyst.request('/api/webhooks', { method: 'POST', json: { url: 'http://127.0.0.1:9/x' } }), 403);
  });

  it('records each change in the audit log, without the secret', async () => {
    const created = await bodyAs(await create({ url: 'http://127.0.0.1:9/audited' }), WebhookCreated);
    const rows = await t.db.selectFrom('audit_log').select(['type', 'target', 'detail']).where('target', '=', `webhook:${created.id}`).execute();
    expect(rows.map((r) => r.type)).toEqual(['webhook.created']);
    expect(JSON.stringify(rows)).not.toContain(created.secret);
  });

  it('refuses bad input with problem+json naming the field, storing nothing', async () => {
    const before = await count();
    const audited = async () => (await t.db.selectFrom('audit_log').select('seq').where('type', 'like', 'webhook.%').execute()).length;
    const auditedBefore = await audited();
    const cases: [unknown, string][] = [
      [{}, 'url'],
      [{ url: 42 }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://127.0.0.1/x' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'http://user:pw@127.0.0.1/x' }, 'url'],
      [{ url: `http://127.0.0.1/${'x'.repeat(2100)}` }, 'url'],
      [{ url: 'http://127.0.0.1/x', secret: 'short' }, 'secret'],
      [{ url: 'http://127.0.0.1/x', secret: 'has spaces in it, see' }, 'secret'],
      [{ url: 'http://127.0.0.1/x', secret: 1234567890 }, 'secret'],
      [{ url: 'http://127.0.0.1/x', enabled: false }, 'enabled'],
      [{ url: 'http://127.0.0.1/x\u0000' }, 'url'],
    ];
    for (const [json, field] of cases) await expectProblem(await create(json), 422, [field]);
    await expectProblem(await admin.request('/api/webhooks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url":' }), 400);
    await expectProblem(await admin.request('/api/webhooks?limit=0'), 400, ['limit']);
    await expectProblem(await admin.request('/api/webhooks?cursor=nonsense'), 400, ['cursor']);
    expect(await count()).toBe(before);
    expect(await audited(), 'no audit entry for a change not made').toBe(auditedBefore);

    const { id } = await bodyAs(await create({ url: 'http://127.0.0.1:9/kept' }), WebhookCreated);
    for (const [json, field] of [
      [{ url: 'http://10.0.0.1/x' }, 'url'],
      [{ secret: 'short' }, 'secret'],
      [{ enabled: 'yes' }, 'enabled'],
      [{ id: 'other' }, 'id'],
    ] as const) {
      await expectProblem(await admin.request(`/api/webhooks/${id}`, { method: 'PATCH', json }), 422, [field]);
    }
    const row = await t.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.url).toBe('http://127.0.0.1:9/kept');
    expect(row.enabled).toBe(1);
  });

  it('refuses loopback, private, link-local and unspecified addresses unless their host is allowed', async () => {
    const strict = await createTestApp();
    const strictAdmin = await strict.createUser('admin');
    const createStrict = (json: unknown) => strictAdmin.request('/api/webhooks', { method: 'POST', json });
    const refused = [
      'http://localhost/x',
      'http://LOCALHOST./x',
      'http://app.localhost/x',
      'http://127.0.0.2/x',
      'http://2130706433/x', // 127.0.0.1 written as one number
      'http://0x7f.1/x',
      'http://[::1]/x',
      'http://[0:0:0:0:0:0:0:1]/x',
      'http://0.0.0.0/x',
      'http://0/x',
      'http://[::]/x',
      'http://10.1.2.3/x',
      'http://172.16.0.1/x',
      'http://172.31.255.255/x',
      'http://192.168.1.1/x',
      'http://100.64.0.1/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/x',
      'http://[fc00::1]/x',
      'http://[fd12:3456::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[::ffff:10.0.0.1]/x',
      'http://[::ffff:169.254.169.254]/x',
      'https://[::ffff:a9fe:a9fe]/x',
    ];
    for (const url of refused) {
      const problem = await expectProblem(await createStrict({ url }), 422, ['url']);
      expect(JSON.stringify(problem), url).toContain('WEBHOOK_ALLOW_HOSTS');
    }
    expect(await strict.db.selectFrom('webhooks').selectAll().execute()).toEqual([]);
    // Next to them, public addresses pass.
    for (const url of ['http://93.184.216.34/x', 'https://[2606:4700::1111]/x', 'http://172.32.0.1/x', 'http://100.128.0.1/x']) {
      expect((await createStrict({ url })).status, url).toBe(201);
    }
    // And an allowed host passes however it is written (the URL parser turns 2130706433 into 127.0.0.1).
    for (const url of ['http://127.0.0.1:9/x', 'http://2130706433:9/x', 'http://localhost:9/x']) expect((await create({ url })).status, url).toBe(201);
    await expectProblem(await create({ url: 'http://127.0.0.2/x' }), 422, ['url']);
  });

  it('refuses a host that does not resolve', async () => {
    await expectProblem(await create({ url: 'https://no-such-host.invalid/x' }), 422, ['url']);
  });
});
