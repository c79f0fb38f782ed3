import { useState } from 'react';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { LiveTimer } from '#client/components/ui/live-timer.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { fieldErrors } from '#client/lib/field-errors.ts';
import { formatDateTime, fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { nowMs } from '#client/lib/ticker.ts';
import { viewerTimeZone } from '#client/lib/time-zones.ts';
import { OUTCOME_MEANINGS, STATUS_LABELS } from '#shared/domain/call-labels.ts';
import { MAX_FUTURE_SKEW_MS, OUTCOMES, outcomeTimeProblem, type Outcome } from '#shared/domain/call-status.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';

export interface OutcomeDialogProps {
  call: AwaitingCall | null;
  skewMs: number;
  onClose: () => void;
  onRecord: (status: Outcome, at: string | undefined) => void;
}

/** Checks an edited "when" with the server's own status rules: not before the call, not in the future. */
export function checkOutcomeTime(outcome: Outcome, iso: string | null, placedAt: string, now: number): string | undefined {
  if (!iso) return 'Enter the date and time it happened.';
  const problem = outcomeTimeProblem(outcome, Date.parse(iso), Date.parse(placedAt), now);
  return problem ? fieldErrors([problem])[problem.path] : undefined;
}

/**
 * Records how an open call ended with one click on the outcome. The time
 * defaults to now; left untouched, the server's clock decides it (and
 * "answered" takes the moment the call was placed).
 */
export function OutcomeDialog({ call, skewMs, onClose, onRecord }: OutcomeDialogProps) {
  return (
    <Dialog open={call !== null} title="Record the outcome" onClose={onClose} description={call ? <CallLine call={call} skewMs={skewMs} /> : undefined}>
      {call ? <OutcomeForm key={call.id} call={call} onRecord={onRecord} /> : null}
    </Dialog>
  );
}

function CallLine({ call, skewMs }: { call: AwaitingCall; skewMs: number }) {
  return (
    <>
      {call.caller.name} → <strong>{call.callee.name}</strong> ({call.callee.ministry.shortName}), placed {formatDateTime(call.placedAt)}; waiting{' '}
      <LiveTimer since={Date.parse(call.placedAt)} skewMs={skewMs} />.
    </>
  );
}

function OutcomeForm({ call, onRecord }: { call: AwaitingCall; onRecord: OutcomeDialogProps['onRecord'] }) {
  const [openedAt] = useState(() => Date.now());
  const [when, setWhen] = useState(() => toLocalInput(openedAt));
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const choose = (status: Outcome) => {
    if (!touched) return onRecord(status, undefined);
    const iso = fromLocalInput(when);
    const problem = checkOutcomeTime(status, iso, call.placedAt, nowMs());
    if (problem) return setError(problem);
    onRecord(status, iso ?? undefined);
  };

  return (
    <div className="outcome-form">
      <Field
        label="When it happened"
        error={error}
        hint={touched ? `Your local time (${viewerTimeZone()}).` : 'Now, unless you change it. “Answered” then uses the time the call was placed.'}
      >
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            value={when}
            max={toLocalInput(openedAt + MAX_FUTURE_SKEW_MS)}
            onChange={(event) => {
              setWhen(event.target.value);
              setTouched(true);
              setError(undefined);
            }}
          />
        )}
      </Field>
      <fieldset className="outcome-choices">
        <legend>Outcome</legend>
        {OUTCOMES.map((outcome) => (
          <button key={outcome} type="button" className={`btn outcome-btn outcome-${outcome}`} onClick={() => choose(outcome)}>
            <span className="outcome-label">{STATUS_LABELS[outcome]}</span>
            <span className="outcome-help">{OUTCOME_MEANINGS[outcome]}</span>
          </button>
        ))}
      </fieldset>
    </div>
  );
}
