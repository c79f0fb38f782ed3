import type * as Dns from 'node:dns';
import { afterAll, describe, expect, it, vi } from 'vitest';

// What names resolve to is this test's to say: node:dns's lookup is replaced
// by a table, so a name can point at a private address, at several, or
// change its answer between saving the webhook and delivering to it (DNS
// rebinding). Everything else is real: the HTTP request, the receiver.
const answers = vi.hoisted(() => new Map<string, { address: string; family: number }[]>());
vi.mock('node:dns', async (original) => {
  const dns = await original<typeof Dns>();
  const lookup = (host: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses?: unknown) => void) => {
    const found = answers.get(host);
    if (!found) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    callback(null, found);
  };
  return { ...dns, default: { ...dns, lookup }, lookup };
});

const { defaultConfig } = await import('#server/config.ts');
const { enqueueWebhookDelivery } = await import('#server/features/webhooks/enqueue.ts');
const { WebhookWorker } = await import('#server/features/webhooks/worker.ts');
const { DeliveryList, WebhookCreated } = await import('#shared/schemas/webhooks.ts');
const { bodyAs, createTestApp, expectProblem } = await import('../support/app.ts');
const { startReceiver } = await import('../support/webhook-receiver.ts');

const v4 = (address: string) => ({ address, family: 4 });
const v6 = (address: string) => ({ address, family: 6 });

describe('webhook hosts by name', async () => {
  const t = await createTestApp({ config: { WEBHOOK_ALLOW_HOSTS: ['hooks.internal'] } });
  const admin = await t.createUser('admin');
  const create = (url: string) => admin.request('/api/webhooks', { method: 'POST', json: { url } });
  let secret: string | undefined;
  const receiver = await startReceiver({ secret: () => secret, now: () => t.clock.now() });
  afterAll(() => receiver.close());

  it('refuses a name that resolves to a private address, or to several of which one is', async () => {
    answers.set('intranet.example', [v4('10.20.30.40')]);
    answers.set('metadata.example', [v4('169.254.169.254')]);
    answers.set('mixed.example', [v4('93.184.216.34'), v6('fd00::5')]);
    answers.set('mapped.example', [v6('::ffff:127.0.0.1')]);
    answers.set('cgnat.example', [v4('100.100.1.1')]);
    for (const host of ['intranet.example', 'metadata.example', 'mixed.example', 'mapped.example', 'cgnat.example']) {
      const problem = await expectProblem(await create(`https://${host}/hook`), 422, ['url']);
      expect(problem.errors?.[0]).toMatchObject({ path: 'url' });
    }
    expect(await t.db.selectFrom('webhooks').selectAll().execute()).toEqual([]);
    answers.set('public.example', [v4('93.184.216.34'), v6('2606:2800:220:1::1')]);
    expect((await create('https://public.example/hook')).status).toBe(201);
  });

  it('refuses at delivery time a name that has since come to point at a private address', async () => {
    answers.set('rebinding.example', [v4('93.184.216.35')]);
    const created = await bodyAs(await create(`http://rebinding.example:${receiver.port}/hook`), WebhookCreated);
    answers.set('rebinding.example', [v4('127.0.0.1')]);
    await t.db.transaction().execute((trx) => enqueueWebhookDelivery(trx, { id: 'rebound', type: 'alert.replied', at: t.clock.now(), rule: null, call: null, webhookId: created.id }));
    await new WebhookWorker({ db: t.db, dialect: t.dialect, clock: t.clock, config: defaultConfig() }).tick();
    const [delivery] = (await bodyAs(await admin.request(`/api/webhooks/${created.id}/deliveries`), DeliveryList)).items;
    expect(delivery!.attempts[0]!.error).toMatch(/^refused: the URL must not point at .*rebinding\.example \(127\.0\.0\.1\)/);
    expect(receiver.received).toEqual([]);
  });

  it('connects to the address it checked, for an allowed name', async () => {
    answers.set('hooks.internal', [v4('127.0.0.1')]);
    const created = await bodyAs(await create(`http://hooks.internal:${receiver.port}/hook`), WebhookCreated);
    secret = created.secret;
    await t.db.transaction().execute((trx) => enqueueWebhookDelivery(trx, { id: 'inside', type: 'alert.replied', at: t.clock.now(), rule: null, call: null, webhookId: created.id }));
    await new WebhookWorker({ db: t.db, dialect: t.dialect, clock: t.clock, config: defaultConfig({ WEBHOOK_ALLOW_HOSTS: ['hooks.internal'] }) }).tick();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers.host).toBe(`hooks.internal:${receiver.port}`);
    expect(receiver.received[0]!.verified).toBe(true);
  });
});
