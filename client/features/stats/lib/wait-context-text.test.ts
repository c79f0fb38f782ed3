import { describe, expect, it } from 'vitest';
import type { AwaitingContext } from '#shared/schemas/stats.ts';
import { waitContextText } from './wait-context-text.ts';

const H = 3_600_000;

function item(over: Partial<AwaitingContext>): AwaitingContext {
  return {
    callId: 'c', ministryId: 'm', ministryShortName: 'MFA Russia', calleeName: 'Sergey Lavrov', elapsedMs: 2 * H,
    shareRepliedSooner: 0.57, isLowerBound: false, ministryMedianMs: 3 * H, ministryMedianResponseMs: 3 * H,
    ...over,
  };
}

describe('waitContextText', () => {
  it('gives the share, in plain words on hover, for a wait inside what the ministry has shown', () => {
    const text = waitContextText(item({}))!;
    expect(text.long).toBe('57% replied sooner');
    expect(text.short).toBe('57% sooner');
    expect(text.unusual).toBe(false);
    expect(text.sentence).toBe(
      'MFA Russia replied to 57% of its calls sooner than this call has waited so far (calls it never replied to count as not replied sooner). Half of its calls got a reply within 3 h.',
    );
  });

  it('tells a wait past every reply from a short one with the same share', () => {
    const text = waitContextText(item({ elapsedMs: 13 * 365 * 24 * H, isLowerBound: true }))!;
    expect(text.long).toBe('longer than any reply');
    expect(text.short).toBe('past every reply');
    expect(text.long).not.toBe(waitContextText(item({}))!.long);
    expect(text.unusual).toBe(false);
    expect(text.sentence).toBe(
      'This call has waited longer than any reply MFA Russia has given: 57% of its calls got a reply sooner, the others never got one or are still waiting. Half of its calls got a reply within 3 h.',
    );
    const unusual = waitContextText(item({ isLowerBound: true, shareRepliedSooner: 0.95 }))!;
    expect(unusual.unusual).toBe(true);
    expect(unusual.sentence).toContain('A wait this long is unusual for MFA Russia.');
  });

  it('highlights waits from 90% of the ministry’s calls replied sooner, and says why', () => {
    expect(waitContextText(item({ shareRepliedSooner: 0.89 }))!.unusual).toBe(false);
    const unusual = waitContextText(item({ shareRepliedSooner: 0.9 }))!;
    expect(unusual.unusual).toBe(true);
    expect(unusual.sentence).toContain('A wait this long is unusual for MFA Russia.');
  });

  it('says when fewer than half the calls ever got a reply, and nothing without a record', () => {
    expect(waitContextText(item({ ministryMedianMs: null }))!.sentence).toContain("Fewer than half of MFA Russia's calls ever got a reply.");
    expect(waitContextText(item({ shareRepliedSooner: null }))).toBeNull();
  });
});
