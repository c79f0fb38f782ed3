import { afterAll, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '#server/features/alerts/evaluate.ts';
import { MailWorker } from '#server/features/mail/worker.ts';
import { createTestApp } from '../support/app.ts';
import { seedParties } from '../support/fixtures.ts';
import { startSmtpReceiver } from '../support/smtp-receiver.ts';
import { HOUR, createRule, depsOf, logCall } from './alerts-support.ts';

const outbox = (t: { db: Awaited<ReturnType<typeof createTestApp>>['db'] }) => t.db.selectFrom('email_outbox').selectAll().orderBy('created_at').execute();

describe('alerts by email', async () => {
  const smtp = await startSmtpReceiver();
  afterAll(() => smtp.close());
  const t = await createTestApp({ now: '2013-02-14T12:00:00Z', config: { SMTP_URL: smtp.url, MAIL_FROM: 'Readout <alerts@readout.test>' } });
  const p = await seedParties(t);
  const ada = await t.createUser('analyst');
  expect((await ada.request('/api/auth/me', { method: 'PATCH', json: { email: 'ada@example.org' } })).status).toBe(200);

  it('stores the email with the firing, then the worker sends it: a text and an HTML part, linking to the call', async () => {
    await createRule(ada, { name: 'Lavrov over 2 h', kind: 'wait_exceeds', thresholdMs: 2 * HOUR, channels: ['app', 'email'], ministryId: p.ministries.ru.id });
    const call = await logCall(ada, p, { calleeId: p.officials.lavrov.id, placedAt: '2013-02-14T09:00:00Z' });
    // Stored before anything is sent: a crash now loses nothing.
    const [stored] = await outbox(t);
    expect(stored).toMatchObject({ state: 'pending', to_address: 'ada@example.org', kind: 'alert' });
    expect(smtp.received).toHaveLength(0);

    const worker = new MailWorker(depsOf(t));
    expect(await worker.tick()).toBe(1);
    expect(await worker.tick()).toBe(0);
    await worker.stop();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['ada@example.org']);
    expect(mail.from).toBe('alerts@readout.test');
    expect(mail.header('Subject')).toContain('Sergei Lavrov (MFA Russia) has not replied');
    const link = `http://127.0.0.1:3000/calls/${call.id}`;
    expect(mail.part('text/plain')).toContain(`Open the call: ${link}`);
    expect(mail.part('text/html')).toContain(`<a href="${link}">`);
    expect((await outbox(t))[0]).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('two workers (two instances) sharing the outbox send each email once', async () => {
    const before = smtp.received.length;
    await createRule(ada, { name: 'any reply', kind: 'replied', channels: ['email'] });
    await logCall(ada, p, { calleeId: p.officials.kishida.id, placedAt: '2013-02-14T11:00:00Z', status: 'answered' });
    const a = new MailWorker(depsOf(t));
    const b = new MailWorker(depsOf(t));
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(smtp.received.length - before).toBe(1);
  });

  it('a rule on the email channel for someone without an address is refused, naming channels', async () => {
    const bob = await t.createUser('analyst');
    const res = await bob.request('/api/alert-rules', { method: 'POST', json: { name: 'x', kind: 'replied', channels: ['email'] } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('"path":"channels"');
  });
});

describe('email that fails', async () => {
  let failing = true;
  const smtp = await startSmtpReceiver({ failWith: () => (failing ? 451 : null) });
  afterAll(() => smtp.close());
  const t = await createTestApp({ now: '2013-02-14T12:00:00Z', config: { SMTP_URL: smtp.url } });
  const p = await seedParties(t);
  const ada = await t.createUser('analyst');
  await ada.request('/api/auth/me', { method: 'PATCH', json: { email: 'ada@example.org' } });

  it('is retried with backoff until the server takes it', async () => {
    await createRule(ada, { name: 'over 1 h', kind: 'wait_exceeds', thresholdMs: HOUR, channels: ['email'] });
    await logCall(ada, p, { calleeId: p.officials.lavrov.id, placedAt: '2013-02-14T09:00:00Z' });
    const worker = new MailWorker(depsOf(t), { random: () => 0 });
    const warn = console.warn;
    console.warn = () => {};
    try {
      expect(await worker.tick()).toBe(1);
      const [row] = await outbox(t);
      expect(row).toMatchObject({ state: 'pending', attempts: 1 });
      expect(Number(row!.next_attempt_at)).toBe(t.clock.now() + 15_000);
      expect(row!.last_error).toContain('451');
      // Not due yet.
      expect(await worker.tick()).toBe(0);
      failing = false;
      t.clock.advance(15_000);
      expect(await worker.tick()).toBe(1);
    } finally {
      console.warn = warn;
      await worker.stop();
    }
    expect((await outbox(t))[0]).toMatchObject({ state: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
    expect(await evaluateAlerts(depsOf(t))).toBe(0);
  });
});
