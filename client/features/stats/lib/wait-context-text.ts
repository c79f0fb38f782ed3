import { formatDuration } from '#client/lib/format.ts';
import type { AwaitingContext } from '#shared/schemas/stats.ts';
import { formatShare } from './units.ts';

/** From this share of the ministry's calls replied sooner, a wait reads as unusual. */
export const UNUSUAL_SHARE = 0.9;

export interface WaitContextText {
  /** Under the timer on a wide screen. */
  long: string;
  /** On a phone. */
  short: string;
  /** The figure in plain words: the tooltip and what screen readers hear. */
  sentence: string;
  /** Unusual for the ministry (from UNUSUAL_SHARE of its calls replied sooner): highlighted. */
  unusual: boolean;
}

/**
 * The words for one open call's "is this wait unusual?" figure (see
 * GET /api/stats/awaiting-context). Past every wait the ministry has shown
 * (`isLowerBound`) the estimate stops changing, so the share alone cannot
 * tell a two-hour wait from a thirteen-year one: the line says so instead.
 * Null when the ministry has no record to compare with.
 */
export function waitContextText(item: AwaitingContext): WaitContextText | null {
  if (item.shareRepliedSooner === null) return null;
  const name = item.ministryShortName;
  const share = formatShare(item.shareRepliedSooner);
  const unusual = item.shareRepliedSooner >= UNUSUAL_SHARE;
  const median =
    item.ministryMedianMs === null
      ? `Fewer than half of ${name}'s calls ever got a reply.`
      : `Half of its calls got a reply within ${formatDuration(item.ministryMedianMs, 'hours')}.`;
  if (item.isLowerBound) {
    return {
      // The ministry's name is beside it in the row; the timer's column has room for no more.
      long: 'longer than any reply',
      short: 'past every reply',
      sentence: `This call has waited longer than any reply ${name} has given: ${share} of its calls got a reply sooner, the others never got one or are still waiting.${unusual ? ` A wait this long is unusual for ${name}.` : ''} ${median}`,
      unusual,
    };
  }
  return {
    long: `${share} replied sooner`,
    short: `${share} sooner`,
    sentence: `${name} replied to ${share} of its calls sooner than this call has waited so far (calls it never replied to count as not replied sooner).${unusual ? ` A wait this long is unusual for ${name}.` : ''} ${median}`,
    unusual,
  };
}
