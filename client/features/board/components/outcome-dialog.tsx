import { useState } from 'react';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { formatDateTime, fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { nowMs } from '#client/lib/ticker.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { OUTCOMES, type Outcome } from '../api/record-outcome.ts';
import { LiveTimer } from './live-timer.tsx';

const FUTURE_SLACK_MS = 5 * 60_000;

export interface OutcomeDialogProps {
  call: AwaitingCall | null;
  skewMs: number;
  onClose: () => void;
  onRecord: (status: Outcome, at: string | undefined) => void;
}

/** Checks an edited "when": not before the call, not in the future. */
export function checkOutcomeTime(iso: string | null, placedAt: string, now: number): string | undefined {
  if (!iso) return 'Enter the date and time it happened.';
  const at = Date.parse(iso);
  if (at < Date.parse(placedAt) - 60_000) return `Must not be before the call was placed (${formatDateTime(placedAt)}).`;
  if (at > now + FUTURE_SLACK_MS) return 'Must not be in the future.';
  return undefined;
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
    const problem = checkOutcomeTime(iso, call.placedAt, nowMs());
    if (problem) return setError(problem);
    onRecord(status, iso ?? undefined);
  };

  return (
    <div className="outcome-form">
      <Field
        label="When it happened"
        error={error}
        hint={touched ? `Your local time (${Intl.DateTimeFormat().resolvedOptions().timeZone}).` : 'Now, unless you change it. “Answered” then uses the time the call was placed.'}
      >
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            value={when}
            max={toLocalInput(openedAt + FUTURE_SLACK_MS)}
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
          <button key={outcome.value} type="button" className={`btn outcome-btn outcome-${outcome.value}`} onClick={() => choose(outcome.value)}>
            <span className="outcome-label">{outcome.label}</span>
            <span className="outcome-help">{outcome.help}</span>
          </button>
        ))}
      </fieldset>
    </div>
  );
}
