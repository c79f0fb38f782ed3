import { describe, expect, it } from 'vitest';
import { makeCall } from '#client/test/fixtures.ts';
import type { RoundCall, RoundSummary } from '#shared/schemas/rounds.ts';
import { progressLine, roundHeadline } from './headline.ts';

const H = 3_600_000;
const now = Date.parse('2013-02-15T17:00:00Z');

function summary(over: Partial<RoundSummary>): RoundSummary {
  return { calls: 4, replied: 3, awaiting: 1, withdrawn: 0, medianResponseMs: 2 * H, longestWaitMs: 74 * H, lastReplyAt: null, ...over };
}

function call(over: Partial<RoundCall>): RoundCall {
  return { ...makeCall(over), workingMs: 0, waitingMs: null, availability: null, ...over };
}

const russia = call({
  status: 'awaiting',
  placedAt: new Date(now - 74 * H - 20 * 60_000).toISOString(),
  attempts: 2,
  callee: { id: 'lavrov', name: 'Sergei Lavrov', title: 'Minister', timeZone: 'Europe/Moscow', ministry: { id: 'ru', name: 'MFA of Russia', shortName: 'MFA Russia', country: 'RU' } },
});

describe('a round in words', () => {
  it('gives the progress at a glance', () => {
    expect(progressLine(summary({}))).toBe('4 called · 3 replied · 1 awaiting 74 h');
    // The longest wait moves on with the clock after the server answered.
    expect(progressLine(summary({}), 2 * H)).toBe('4 called · 3 replied · 1 awaiting 76 h');
    expect(progressLine(summary({ awaiting: 0, replied: 3, withdrawn: 1, longestWaitMs: null }))).toBe('4 called · 3 replied · 1 withdrawn');
  });

  it('answers the question: who replied, how fast, who is still awaited and how often tried', () => {
    expect(roundHeadline(summary({}), [russia, call({ status: 'returned' })], now)).toBe('3 of 4 replied, median 2 h; MFA Russia still awaiting after 3 days 2 hours, 2 attempts');
  });

  it('counts the others still awaited, and the withdrawn', () => {
    const second = call({ status: 'awaiting', placedAt: new Date(now - 5 * H).toISOString() });
    expect(roundHeadline(summary({ calls: 5, replied: 2, awaiting: 2, withdrawn: 1 }), [{ ...russia, attempts: 1 }, second], now)).toBe(
      '2 of 5 replied, median 2 h; MFA Russia still awaiting after 3 days 2 hours; 1 more awaiting; 1 withdrawn',
    );
  });

  it('says when every call got its reply, and when there is none yet', () => {
    expect(roundHeadline(summary({ replied: 4, awaiting: 0, longestWaitMs: null }), [], now)).toBe('All 4 replied, median 2 h');
    expect(roundHeadline(summary({ calls: 0, replied: 0, awaiting: 0, medianResponseMs: null }), [], now)).toBe('No calls in this round yet.');
    expect(roundHeadline(summary({ calls: 1, replied: 0, awaiting: 1, medianResponseMs: null }), [{ ...russia, attempts: 1 }], now)).toBe('0 of 1 replied; MFA Russia still awaiting after 3 days 2 hours');
  });
});
