import { describe, expect, it, vi } from 'vitest';
import { startAlertScheduler } from '#server/features/alerts/scheduler.ts';
import { createTestApp } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';
import { HOUR, createRule, depsOf, notificationsOf } from './alerts-support.ts';

describe('the alert scheduler', async () => {
  const t = await createTestApp({ now: '2013-02-14T12:00:00Z' });
  const p = await seedParties(t);
  const ada = await t.createUser('analyst');

  it('finds a wait that crossed its threshold with no change to the call, and stops when told', async () => {
    await createRule(ada, { name: 'over 2 h', kind: 'wait_exceeds', thresholdMs: 2 * HOUR });
    // Written straight to the table: no request evaluates it.
    await insertCalls(t, [{ callerId: p.officials.kerry.id, calleeId: p.officials.lavrov.id, placedAt: '2013-02-14T11:00:00Z' }]);
    const scheduler = startAlertScheduler(depsOf(t), 20);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect((await notificationsOf(ada)).unread).toBe(0);
      t.clock.advance(HOUR);
      await vi.waitFor(async () => expect((await notificationsOf(ada)).unread).toBe(1), { timeout: 5000, interval: 20 });
    } finally {
      await scheduler.stop();
    }
    await insertCalls(t, [{ callerId: p.officials.kerry.id, calleeId: p.officials.kishida.id, placedAt: '2013-02-14T09:00:00Z' }]);
    await new Promise((r) => setTimeout(r, 100));
    expect((await notificationsOf(ada)).unread).toBe(1);
  });
});
