import { formatAgoShort, formatDateTime, ordinal } from '#client/lib/format.ts';
import { useMinute } from '#client/lib/ticker.ts';

/**
 * "2nd attempt 5 h ago": how often the callee has been tried and when last,
 * beside a timer that keeps running from the first try. Nothing while the
 * call itself is the only try. Re-renders once a minute.
 */
export function AttemptNote({ attempts, lastAttemptAt, skewMs = 0 }: { attempts: number; lastAttemptAt: string; skewMs?: number }) {
  const minute = useMinute(skewMs);
  if (attempts < 2) return null;
  return (
    <span className="attempt-note" title={`Tried ${attempts} times; last on ${formatDateTime(lastAttemptAt)}. The wait still runs from the first try.`}>
      {ordinal(attempts)} attempt {formatAgoShort(lastAttemptAt, minute)}
    </span>
  );
}
