import { useAwaitingContext } from '../api/stats.ts';
import { waitContextText } from '../lib/wait-context-text.ts';
import '../wait-context.css';

/**
 * "Is this wait unusual?" for one open call on the board: the share of the
 * callee ministry's calls that had a reply sooner than this one has waited
 * (Kaplan–Meier over all its calls, so calls never answered count too), in
 * the words of waitContextText. Short on screen, beside the timer; the whole
 * sentence for screen readers and on hover. Nothing while loading or when
 * the ministry has no record to compare with.
 */
export function WaitContext({ callId }: { callId: string }) {
  const context = useAwaitingContext();
  const item = context.data?.byCall.get(callId);
  const text = item ? waitContextText(item) : null;
  if (!text) return null;
  return (
    <span className={`wait-context${text.unusual ? ' wait-context-unusual' : ''}`} title={text.sentence}>
      <span aria-hidden="true" className="wait-context-long">
        {text.long}
      </span>
      <span aria-hidden="true" className="wait-context-short">
        {text.short}
      </span>
      <span className="visually-hidden">{text.sentence}</span>
    </span>
  );
}
