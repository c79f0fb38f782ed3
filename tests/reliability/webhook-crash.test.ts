import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery, WebhookCreated } from '#shared/schemas/webhooks.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { scratchDatabase } from './support/scratch-database.ts';
import { type ServerProcess, apiClient, createAdmin, startServer } from './support/server-process.ts';

// "A delivery is stored before it is tried, so a crash loses none": the real
// server stores a delivery and is killed with SIGKILL before its worker has
// looked for it (the first instance looks only once an hour); the next
// instance sends it, signed, to a receiver that checks the signature.

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a webhook delivery across a crash', async () => {
  const database = await scratchDatabase('webhook');
  let secret: string | undefined;
  const receiver = await startReceiver({ secret: () => secret });
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop(0);
    await receiver.close();
    await database.drop();
  }, 60_000);

  it('is sent by the next instance when the server is killed between storing and sending it', async () => {
    const env = { WEBHOOK_ALLOW_HOSTS: '127.0.0.1' };
    server = await startServer(database.url, { ...env, WEBHOOK_POLL_MS: '3600000' });
    const admin = await createAdmin(server.url);
    const created = await admin.request('/api/webhooks', { method: 'POST', json: { url: receiver.url } });
    expect(created.status).toBe(201);
    const webhook = (await created.json()) as WebhookCreated;
    secret = webhook.secret;
    const stored = await admin.request(`/api/webhooks/${webhook.id}/test`, { method: 'POST' });
    expect(stored.status).toBe(202);
    const { eventId } = (await stored.json()) as { eventId: string };

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received, 'not sent before the kill').toEqual([]);
    server.child.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');

    server = await startServer(database.url, env);
    await until('the delivery to arrive', () => receiver.received.length > 0);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.verified).toBe(true);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ id: eventId, type: 'webhook.test' });

    const api = apiClient(server.url, admin.token);
    let log: { items: Delivery[] } | undefined;
    for (let i = 0; i < 50; i++) {
      log = (await (await api.request(`/api/webhooks/${webhook.id}/deliveries`)).json()) as { items: Delivery[] };
      if (log.items[0]?.state === 'delivered') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(log!.items).toHaveLength(1);
    expect(log!.items[0]).toMatchObject({ eventId, state: 'delivered' });
    expect(log!.items[0]!.attempts.map((a) => a.statusCode)).toEqual([204]);

    // A clean stop waits for the worker and exits 0.
    await server.stop();
    expect((await server.exited).code).toBe(0);
  });
});
