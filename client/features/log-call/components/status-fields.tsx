import { Field } from '#client/components/ui/field.tsx';
import { toLocalInput } from '#client/lib/format.ts';
import { STATUS_LABELS, STATUS_TIME_LABELS } from '#shared/domain/call-labels.ts';
import { statusTimeField } from '#shared/domain/call-status.ts';
import { CallStatus } from '#shared/schemas/calls.ts';

export interface StatusFieldsProps {
  status: CallStatus;
  statusAt: string;
  onStatus: (status: CallStatus) => void;
  onStatusAt: (value: string) => void;
  error?: string;
}

/** The status, for a call logged after the fact with its outcome; and when that happened. */
export function StatusFields({ status, statusAt, onStatus, onStatusAt, error }: StatusFieldsProps) {
  const field = statusTimeField(status);
  return (
    <fieldset className="span-2">
      <legend>Outcome</legend>
      <div className="choice-row">
        {CallStatus.options.map((value) => (
          <label key={value}>
            <input type="radio" name="status" value={value} checked={status === value} onChange={() => onStatus(value)} />
            {value === 'awaiting' ? 'Still awaiting' : STATUS_LABELS[value]}
          </label>
        ))}
      </div>
      {field && status !== 'awaiting' ? (
        <Field
          className="outcome-at"
          label={STATUS_TIME_LABELS[status]}
          error={error}
          hint={statusAt ? 'Your local time.' : status === 'answered' ? 'Empty: when the call was placed.' : 'Empty: now.'}
        >
          {(control) => (
            <div className="inline-input">
              <input {...control} type="datetime-local" value={statusAt} onChange={(e) => onStatusAt(e.target.value)} />
              <button type="button" className="btn btn-small" onClick={() => onStatusAt(toLocalInput(Date.now()))}>
                Now
              </button>
            </div>
          )}
        </Field>
      ) : null}
    </fieldset>
  );
}
