import { describe, expect, it } from 'vitest';
import { type OpenCallFacts, openCallSentence, pressName, replySentence, waitSpan } from './sentence.ts';

const HOUR = 3600_000;
const kerry = { name: 'John Kerry', title: 'Secretary of State', ministry: { shortName: 'State Dept', country: 'US' } };
const lavrov = { name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', ministry: { shortName: 'MFA Russia', country: 'RU' } };
const placedAt = Date.parse('2013-02-12T15:05:00Z');
const lavrovCall: OpenCallFacts = {
  caller: kerry,
  callee: lavrov,
  placedAt,
  waitingMs: (3 * 24 + 2) * HOUR + 17 * 60_000,
  attempts: 2,
  promisedBy: null,
  record: { otherCalls: 9, survivalMedianMs: 6 * HOUR },
};
const now = placedAt + lavrovCall.waitingMs;

describe('the briefing sentences', () => {
  it("reproduce SPEC's example exactly", () => {
    expect(openCallSentence(lavrovCall, now)).toBe(
      "No. Secretary Kerry's call to Foreign Minister Lavrov (MFA Russia), placed 12 Feb 2013 at 15:05 UTC, has waited 3 days 2 hours, 2 attempts; MFA Russia replies to half its calls within 6 hours.",
    );
  });

  it('leave a single try unsaid and say a short wait in hours and minutes', () => {
    expect(openCallSentence({ ...lavrovCall, attempts: 1, waitingMs: 5 * HOUR + 12 * 60_000 }, now)).toBe(
      "No. Secretary Kerry's call to Foreign Minister Lavrov (MFA Russia), placed 12 Feb 2013 at 15:05 UTC, has waited 5 hours 12 minutes; MFA Russia replies to half its calls within 6 hours.",
    );
  });

  it('say a promise pending, then broken', () => {
    const promisedBy = Date.parse('2013-02-15T18:00:00Z');
    expect(openCallSentence({ ...lavrovCall, promisedBy }, promisedBy - 1)).toContain('2 attempts; promised a call back by 15 Feb 2013 at 18:00 UTC; MFA Russia replies');
    expect(openCallSentence({ ...lavrovCall, promisedBy }, promisedBy)).toContain('2 attempts; promise broken: a call back was promised by 15 Feb 2013 at 18:00 UTC; MFA Russia');
  });

  it('say when the ministry has no history, or never got to half', () => {
    expect(openCallSentence({ ...lavrovCall, record: { otherCalls: 0, survivalMedianMs: null } }, now)).toMatch(/2 attempts; there is no earlier record of MFA Russia's replies\.$/);
    expect(openCallSentence({ ...lavrovCall, record: { otherCalls: 6, survivalMedianMs: null } }, now)).toMatch(/; MFA Russia has replied to fewer than half its calls\.$/);
  });

  it('say replies: taken, returned (with attempts), declined', () => {
    const kishida = { name: 'Fumio Kishida', title: 'Minister for Foreign Affairs', ministry: { shortName: 'MOFA Japan', country: 'JP' } };
    expect(replySentence({ caller: kerry, callee: kishida, placedAt, respondedAt: placedAt, status: 'answered', attempts: 1 })).toBe(
      "Yes. Foreign Minister Kishida took Secretary Kerry's call when it was placed, 12 Feb 2013 at 15:05 UTC.",
    );
    expect(replySentence({ caller: kerry, callee: lavrov, placedAt, respondedAt: placedAt + 90 * HOUR, status: 'returned', attempts: 3 })).toBe(
      "Yes. Foreign Minister Lavrov returned Secretary Kerry's call on 16 Feb 2013 at 09:05 UTC, 3 days 18 hours and 3 attempts after it was placed (12 Feb 2013 at 15:05 UTC).",
    );
    expect(replySentence({ caller: kerry, callee: lavrov, placedAt, respondedAt: placedAt + 2 * HOUR, status: 'declined', attempts: 1 })).toBe(
      "Declined. Foreign Minister Lavrov answered Secretary Kerry's call on 12 Feb 2013 at 17:05 UTC, 2 hours after it was placed (12 Feb 2013 at 15:05 UTC), declining to talk.",
    );
  });

  it('name officials as the press does', () => {
    expect(pressName({ name: 'Yang Jiechi', title: 'Minister of Foreign Affairs', ministry: { shortName: 'MFA China', country: 'CN' } })).toBe('Foreign Minister Yang');
    expect(pressName({ name: 'Sergei Ryabkov', title: 'Deputy Minister of Foreign Affairs', ministry: { shortName: 'MFA Russia', country: 'RU' } })).toBe('Deputy Foreign Minister Ryabkov');
    expect(pressName({ name: 'Victoria Nuland', title: 'Spokesperson', ministry: { shortName: 'State Dept', country: 'US' } })).toBe('Victoria Nuland');
    expect(waitSpan(0)).toBe('1 minute');
    expect(waitSpan(24 * HOUR)).toBe('1 day');
  });
});
