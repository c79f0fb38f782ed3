import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#server/db/client.ts';
import { localClock, queueDueBriefings } from '#server/features/briefing/scheduler.ts';
import { MailWorker } from '#server/features/mail/worker.ts';
import { Me } from '#shared/schemas/users.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';
import { startSmtpReceiver } from '../support/smtp-receiver.ts';
import { depsOf } from './alerts-support.ts';

describe('the daily briefing by email', async () => {
  const smtp = await startSmtpReceiver();
  afterAll(() => smtp.close());
  // 06:55 in Washington (UTC−5).
  const t = await createTestApp({ now: '2013-02-15T11:55:00Z', config: { SMTP_URL: smtp.url } });
  const p = await seedParties(t);
  await insertCalls(t, [{ callerId: p.officials.kerry.id, calleeId: p.officials.lavrov.id, placedAt: '2013-02-12T15:05:00Z' }]);
  const ada = await t.createUser('analyst');

  it('a subscription needs an email address, a known time zone and a time as HH:MM', async () => {
    await expectProblem(await ada.request('/api/auth/me', { method: 'PATCH', json: { briefingAt: '07:00' } }), 422, ['briefingAt']);
    await expectProblem(await ada.request('/api/auth/me', { method: 'PATCH', json: { timeZone: 'Mars/Olympus' } }), 422, ['timeZone']);
    await expectProblem(await ada.request('/api/auth/me', { method: 'PATCH', json: { email: 'not an address' } }), 422, ['email']);
    await expectProblem(await ada.request('/api/auth/me', { method: 'PATCH', json: { email: 'ada@example.org', briefingAt: '7:00' } }), 422, ['briefingAt']);
    const row = await t.db.selectFrom('users').select(['email', 'briefing_at']).where('id', '=', ada.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ email: null, briefing_at: null });
    const res = await ada.request('/api/auth/me', { method: 'PATCH', json: { email: 'ada@example.org', timeZone: 'America/New_York', briefingAt: '07:00' } });
    expect(await bodyAs(res, Me)).toMatchObject({ email: 'ada@example.org', timeZone: 'America/New_York', briefingAt: '07:00' });
  });

  it('two app instances on one database store it once at the local time, and the SMTP server receives it once', async () => {
    const second = openDatabase(t.databaseUrl);
    try {
      const one = depsOf(t);
      const two = { ...one, db: second.db, dialect: second.dialect };
      expect(await queueDueBriefings(one), 'not yet 07:00 in New York').toBe(0);
      t.clock.advance(5 * 60_000);
      const stored = await Promise.all([queueDueBriefings(one), queueDueBriefings(two), queueDueBriefings(one), queueDueBriefings(two)]);
      expect(stored.reduce((a, b) => a + b, 0)).toBe(1);
      t.clock.advance(3600_000);
      expect(await Promise.all([queueDueBriefings(one), queueDueBriefings(two)])).toEqual([0, 0]);

      const workers = [new MailWorker(one), new MailWorker(two)];
      await Promise.all(workers.flatMap((w) => [w.tick(), w.tick()]));
      await Promise.all(workers.map((w) => w.stop()));
    } finally {
      await second.close();
    }
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['ada@example.org']);
    expect(mail.header('Subject')).toBe('Readout briefing for 2013-02-15: 1 awaiting, 0 replied');
    expect(mail.part('text/plain')).toContain("- No. Secretary Kerry's call to Foreign Minister Lavrov (MFA Russia), placed 12 Feb 2013 at 15:05 UTC, has waited 2 days 20 hours;");
    expect(mail.part('text/plain')).toContain('The briefing in Readout: http://127.0.0.1:3000/briefing');
    expect(mail.part('text/html')).toContain('<li>No. Secretary Kerry&#39;s call to Foreign Minister Lavrov');
    const sends = await t.db.selectFrom('briefing_sends').selectAll().execute();
    expect(sends).toMatchObject([{ user_id: ada.id, local_date: '2013-02-15' }]);
  });

  it('goes out again the next local day', async () => {
    t.clock.set('2013-02-16T12:01:00Z');
    expect(await queueDueBriefings(depsOf(t))).toBe(1);
    expect(localClock(Date.parse('2013-02-16T04:30:00Z'), 'America/New_York')).toEqual({ date: '2013-02-15', minutes: 23 * 60 + 30 });
  });
});
