import { formatDuration } from '#client/lib/format.ts';
import { useAwaitingContext } from '../api/stats.ts';
import { formatShare } from '../lib/units.ts';
import '../wait-context.css';

/** From this share of the ministry's calls replied sooner, a wait reads as unusual. */
const UNUSUAL = 0.9;

/**
 * "Is this wait unusual?" for one open call on the board: the share of the
 * callee ministry's calls that had a reply sooner than this one has waited
 * (Kaplan–Meier over all its calls, so calls never answered count too).
 * Short on screen ("94% replied sooner", beside the ministry's name in the
 * row), the whole sentence for screen readers and on hover. Nothing while
 * loading or when the ministry has no record to compare with.
 */
export function WaitContext({ callId }: { callId: string }) {
  const context = useAwaitingContext();
  const item = context.data?.byCall.get(callId);
  if (!item || item.shareRepliedSooner === null) return null;
  const share = formatShare(item.shareRepliedSooner);
  const atLeast = item.isLowerBound ? 'at least ' : '';
  const median = item.ministryMedianMs === null ? 'fewer than half of its calls ever got a reply' : `half of its calls got a reply within ${formatDuration(item.ministryMedianMs, 'hours')}`;
  const sentence = `${item.ministryShortName} replied sooner than this to ${atLeast}${share} of its calls; ${median}.`;
  return (
    <span className={`wait-context${item.shareRepliedSooner >= UNUSUAL ? ' wait-context-unusual' : ''}`} title={sentence}>
      <span aria-hidden="true" className="wait-context-long">
        {atLeast}
        {share} replied sooner
      </span>
      <span aria-hidden="true" className="wait-context-short">
        {share} sooner
      </span>
      <span className="visually-hidden">{sentence}</span>
    </span>
  );
}
