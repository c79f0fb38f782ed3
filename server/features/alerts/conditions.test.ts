import { describe, expect, it } from 'vitest';
import type { AlertRule } from '#shared/schemas/alerts.ts';
import { type CallFacts, conditionHolds, inScope } from './conditions.ts';

const rule = (overrides: Partial<AlertRule>): AlertRule => ({
  id: 'r', name: 'r', kind: 'unusual_wait', thresholdMs: null, ministryId: null, roundId: null, channels: ['app'], webhookId: null,
  ownerId: 'u', enabled: true, lastFiredAt: null, createdAt: '2013-02-01T00:00:00Z', updatedAt: '2013-02-01T00:00:00Z', ...overrides,
});
const call: CallFacts = { id: 'c', status: 'awaiting', placedAt: 0, promisedBy: null, updatedAt: 0, calleeMinistryId: 'ru', roundId: null, episode: 0 };

describe('alert conditions', () => {
  it('unusual_wait needs a share of at least 0.9 and at least 5 calls of history', () => {
    const r = rule({});
    expect(conditionHolds(r, call, 0, { share: 0.9, ministryCalls: 5 })).toBe(true);
    expect(conditionHolds(r, call, 0, { share: 0.95, ministryCalls: 4 })).toBe(false);
    expect(conditionHolds(r, call, 0, { share: 0.89, ministryCalls: 50 })).toBe(false);
    expect(conditionHolds(r, call, 0, { share: null, ministryCalls: 50 })).toBe(false);
    expect(conditionHolds(r, { ...call, status: 'returned' }, 0, { share: 0.99, ministryCalls: 50 })).toBe(false);
  });

  it('wait_exceeds at the threshold, promise_broken at the promised time, replied only after the rule was made', () => {
    expect(conditionHolds(rule({ kind: 'wait_exceeds', thresholdMs: 100 }), call, 99, undefined)).toBe(false);
    expect(conditionHolds(rule({ kind: 'wait_exceeds', thresholdMs: 100 }), call, 100, undefined)).toBe(true);
    expect(conditionHolds(rule({ kind: 'promise_broken' }), { ...call, promisedBy: 50 }, 49, undefined)).toBe(false);
    expect(conditionHolds(rule({ kind: 'promise_broken' }), { ...call, promisedBy: 50 }, 50, undefined)).toBe(true);
    const replied = { ...call, status: 'answered' as const };
    expect(conditionHolds(rule({ kind: 'replied' }), { ...replied, updatedAt: Date.parse('2013-01-31T00:00:00Z') }, 0, undefined)).toBe(false);
    expect(conditionHolds(rule({ kind: 'replied' }), { ...replied, updatedAt: Date.parse('2013-02-02T00:00:00Z') }, 0, undefined)).toBe(true);
    expect(conditionHolds(rule({ kind: 'replied' }), { ...call, status: 'withdrawn', updatedAt: Date.parse('2013-02-02T00:00:00Z') }, 0, undefined)).toBe(false);
  });

  it('scope: the callee’s ministry and the round', () => {
    expect(inScope(rule({ ministryId: 'ru' }), call)).toBe(true);
    expect(inScope(rule({ ministryId: 'jp' }), call)).toBe(false);
    expect(inScope(rule({ roundId: 'x' }), call)).toBe(false);
    expect(inScope(rule({ roundId: 'x' }), { ...call, roundId: 'x' })).toBe(true);
  });
});
