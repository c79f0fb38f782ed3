import { formatDuration } from '#client/lib/format.ts';
import type { RoundCall, RoundSummary } from '#shared/schemas/rounds.ts';

const HOUR = 3_600_000;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A round's progress at a glance, for the list of rounds:
 * "4 called · 3 replied · 1 awaiting 74 h" (the longest wait, `longestWaitMs`
 * moved on by `elapsedMs` since the server answered).
 */
export function progressLine(summary: RoundSummary, elapsedMs = 0): string {
  const parts = [`${summary.calls} called`, `${summary.replied} replied`];
  if (summary.awaiting > 0) {
    const wait = summary.longestWaitMs === null ? '' : ` ${Math.floor((summary.longestWaitMs + elapsedMs) / HOUR)} h`;
    parts.push(`${summary.awaiting} awaiting${wait}`);
  }
  if (summary.withdrawn > 0) parts.push(`${summary.withdrawn} withdrawn`);
  return parts.join(' · ');
}

/**
 * The round's answer in words, as an analyst would tell a reporter:
 * "3 of 4 replied, median 2 h; MFA Russia still awaiting after 3 days 2 hours, 2 attempts".
 * `calls` come as the round's page has them (awaiting first, longest wait first).
 */
export function roundHeadline(summary: RoundSummary, calls: readonly RoundCall[], now: number): string {
  if (summary.calls === 0) return 'No calls in this round yet.';
  const median = summary.medianResponseMs === null ? '' : `, median ${formatDuration(summary.medianResponseMs, 'hours')}`;
  const awaiting = calls.filter((call) => call.status === 'awaiting');
  const longest = awaiting[0];
  const parts = [summary.replied === summary.calls ? `All ${summary.calls} replied${median}` : `${summary.replied} of ${summary.calls} replied${median}`];
  if (longest) {
    const wait = formatDuration(Math.max(0, now - Date.parse(longest.placedAt)), 'words');
    parts.push(`${longest.callee.ministry.shortName} still awaiting after ${wait}${longest.attempts > 1 ? `, ${plural(longest.attempts, 'attempt')}` : ''}`);
    if (awaiting.length > 1) parts.push(`${awaiting.length - 1} more awaiting`);
  }
  if (summary.withdrawn > 0) parts.push(`${summary.withdrawn} withdrawn`);
  return parts.join('; ');
}
