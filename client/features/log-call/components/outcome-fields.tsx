import { Field } from '#client/components/ui/field.tsx';
import { toLocalInput } from '#client/lib/format.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';
import { outcomeField } from '../lib/call-form.ts';

const STATUSES: readonly { value: CallStatus; label: string }[] = [
  { value: 'awaiting', label: 'Still awaiting' },
  { value: 'answered', label: 'Answered' },
  { value: 'returned', label: 'Returned' },
  { value: 'declined', label: 'Declined' },
  { value: 'withdrawn', label: 'Withdrawn' },
];

export interface OutcomeFieldsProps {
  status: CallStatus;
  outcomeAt: string;
  onStatus: (status: CallStatus) => void;
  onOutcomeAt: (value: string) => void;
  error?: string;
}

/** The outcome, for a call logged after the fact; and when it happened. */
export function OutcomeFields({ status, outcomeAt, onStatus, onOutcomeAt, error }: OutcomeFieldsProps) {
  const field = outcomeField(status);
  return (
    <fieldset className="span-2">
      <legend>Outcome</legend>
      <div className="choice-row">
        {STATUSES.map((s) => (
          <label key={s.value}>
            <input type="radio" name="status" value={s.value} checked={status === s.value} onChange={() => onStatus(s.value)} />
            {s.label}
          </label>
        ))}
      </div>
      {field ? (
        <Field
          className="outcome-at"
          label={field === 'closedAt' ? 'Withdrawn at' : status === 'answered' ? 'Answered at' : 'Replied at'}
          error={error}
          hint={outcomeAt ? 'Your local time.' : status === 'answered' ? 'Empty: when the call was placed.' : 'Empty: now.'}
        >
          {(control) => (
            <div className="inline-input">
              <input {...control} type="datetime-local" value={outcomeAt} onChange={(e) => onOutcomeAt(e.target.value)} />
              <button type="button" className="btn btn-small" onClick={() => onOutcomeAt(toLocalInput(Date.now()))}>
                Now
              </button>
            </div>
          )}
        </Field>
      ) : null}
    </fieldset>
  );
}
