import { useQuery } from '@tanstack/react-query';
import { formatDateTime, ordinal } from '#client/lib/format.ts';
import { CHANNEL_LABELS } from '#shared/domain/call-labels.ts';
import type { Call } from '#shared/schemas/calls.ts';
import { attemptsQuery } from '../api/attempts.ts';

/** Every try to reach the callee, the call itself first: the wait runs from that first one. */
export function CallAttempts({ call }: { call: Call }) {
  const query = useQuery({ ...attemptsQuery(call.id), enabled: call.attempts > 1 });
  if (call.attempts < 2) return null;
  const further = query.data?.items ?? [];
  return (
    <div className="call-attempts">
      <h3 className="small">Tries to reach {call.callee.name}</h3>
      <ol className="timeline" aria-label="Tries, oldest first">
        <li className="timeline-item">
          <p className="timeline-head">
            <strong>1st try</strong> ({CHANNEL_LABELS[call.channel]}) <span className="muted">on <time dateTime={call.placedAt}>{formatDateTime(call.placedAt)}</time> — the wait runs from here</span>
          </p>
        </li>
        {further.map((attempt, i) => (
          <li key={attempt.id} className="timeline-item">
            <p className="timeline-head">
              <strong>{ordinal(i + 2)} attempt</strong> ({CHANNEL_LABELS[attempt.channel]}) by {attempt.createdBy}{' '}
              <span className="muted">
                on <time dateTime={attempt.at}>{formatDateTime(attempt.at)}</time>
              </span>
            </p>
            {attempt.notes ? <p className="prewrap">{attempt.notes}</p> : null}
          </li>
        ))}
      </ol>
      {query.isPending ? <p className="muted small">Loading the attempts…</p> : null}
      {query.isError ? <p className="muted small">The attempts could not be loaded: {query.error.message}</p> : null}
    </div>
  );
}
