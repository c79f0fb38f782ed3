import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field, type FieldControl } from '#client/components/ui/field.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import type { FieldErrors } from '#client/lib/field-errors.ts';
import { toLocalInput } from '#client/lib/format.ts';
import { randomId } from '#client/lib/random-id.ts';
import { nowMs } from '#client/lib/ticker.ts';
import { viewerTimeZone } from '#client/lib/time-zones.ts';
import { hasChanges, useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { CHANNEL_LABELS } from '#shared/domain/call-labels.ts';
import { Channel } from '#shared/schemas/calls.ts';
import type { Round } from '#shared/schemas/rounds.ts';
import { useCreateRound } from '../api/rounds.ts';
import { buildRoundCreate, emptyCallee, emptyRoundForm, pathErrors, rowPath, type CalleeRow, type PickedOfficial, type RoundFormState } from '../lib/round-form.ts';
import '../rounds.css';

/** What a picker of officials receives (the log-call form's typed picker, composed in by the page). */
export interface RoundOfficialPickerProps extends FieldControl {
  value: string;
  label: string;
  onChange: (id: string, name: string, detail?: string) => void;
  name: string;
  autoFocus?: boolean;
}

export interface RoundFormProps {
  onLogged: (round: Round) => void;
  renderOfficialPicker: (props: RoundOfficialPickerProps) => ReactNode;
}

const START_ROWS = 3;

/**
 * Logs a round in one go: the event, when it happened, who reached out, and
 * every callee (one row each; add and remove rows). One request: the round
 * and all its calls are stored together, or nothing is.
 */
export function RoundForm({ onLogged, renderOfficialPicker }: RoundFormProps) {
  const [form, setForm] = useState<RoundFormState>(() => emptyRoundForm(Date.now(), Array.from({ length: START_ROWS }, () => randomId())));
  const [start] = useState(form);
  const guard = useLeaveGuard(hasChanges(form, start));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusInvalid, setFocusInvalid] = useState(0);
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateRound();

  useEffect(() => {
    if (focusInvalid) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);
  useEffect(() => {
    if (focusRow) formRef.current?.querySelector<HTMLElement>(`[name="callee-${focusRow}"]`)?.focus();
  }, [focusRow]);

  const clear = (...paths: string[]) => {
    if (paths.some((p) => errors[p])) setErrors((current) => Object.fromEntries(Object.entries(current).filter(([p]) => !paths.includes(p))));
  };
  const set = <K extends keyof RoundFormState>(key: K, value: RoundFormState[K], path: string = key) => {
    setForm((f) => ({ ...f, [key]: value }));
    clear(path);
  };
  const setRow = (index: number, patch: Partial<CalleeRow>, field: string) => {
    setForm((f) => ({ ...f, callees: f.callees.map((row, i) => (i === index ? { ...row, ...patch } : row)) }));
    clear(`calls.${index}.${field}`, 'calls');
  };
  const addRow = () => {
    const key = randomId();
    setForm((f) => ({ ...f, callees: [...f.callees, emptyCallee(key)] }));
    setFocusRow(key);
  };
  const removeRow = (index: number) => {
    setForm((f) => ({ ...f, callees: f.callees.filter((_, i) => i !== index) }));
    // The rows below move up: their messages would now sit on the wrong row.
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([p]) => !p.startsWith('calls.'))));
    const next = form.callees[index + 1] ?? form.callees[index - 1];
    setFocusRow(next?.key ?? null);
  };

  const submit = () => {
    if (create.isPending) return;
    const { body, errors: found, rows } = buildRoundCreate(form, nowMs());
    setErrors(found);
    if (Object.keys(found).length) return setFocusInvalid((n) => n + 1);
    create.mutate(body, {
      onSuccess: (round) => {
        guard.release();
        onLogged(round);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.problem.errors?.length) {
          setErrors(Object.fromEntries(Object.entries(pathErrors(error)).map(([path, message]) => [rowPath(path, rows), message])));
          setFocusInvalid((n) => n + 1);
        }
      },
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const picker = (name: string, picked: PickedOfficial | null, onPick: (official: PickedOfficial | null) => void, autoFocus = false) => (control: FieldControl) =>
    renderOfficialPicker({
      ...control,
      name,
      autoFocus,
      value: picked?.id ?? '',
      label: picked?.name ?? '',
      onChange: (id, name, detail) => onPick(id ? { id, name, detail } : null),
    });

  const failure = create.error;
  const general = failure && !(failure instanceof ApiError && failure.problem.errors?.length) ? failure : null;
  // Messages the server named for a path no field shows (none expected; said above the form rather than lost).
  const shown = new Set(['title', 'trigger', 'triggerAt', 'initiatorId', 'notes', 'calls', ...form.callees.flatMap((_, i) => ['calleeId', 'placedAt', 'channel', 'topic'].map((f) => `calls.${i}.${f}`))]);
  const unplaced = Object.entries(errors).filter(([path]) => !shown.has(path));
  return (
    <form ref={formRef} className="card log-form round-form" onSubmit={(e) => (e.preventDefault(), submit())} onKeyDown={onKeyDown} noValidate aria-label="Log a round">
      {general ? (
        <Alert title="The round was not logged">{general instanceof ApiError ? general.problem.detail || general.message : 'The server did not answer. Your entry is still here: try again.'}</Alert>
      ) : null}
      {unplaced.length ? <Alert title="The round was not logged">{unplaced.map(([path, message]) => `${path}: ${message}`).join(' ')}</Alert> : null}
      <div className="form-grid">
        <Field className="span-2" label="Trigger" required error={errors.trigger} hint="The event the calls were placed because of: “North Korea’s third nuclear test”.">
          {(control) => <input {...control} name="trigger" autoFocus maxLength={500} value={form.trigger} onChange={(e) => set('trigger', e.target.value)} />}
        </Field>
        <Field label="Title" error={errors.title} hint="Short, for lists. Empty: the trigger.">
          {(control) => <input {...control} name="title" maxLength={200} value={form.title} onChange={(e) => set('title', e.target.value)} />}
        </Field>
        <Field label="When it happened" error={errors.triggerAt} hint={`Your local time (${viewerTimeZone()}); each call defaults to it.`}>
          {(control) => (
            <div className="inline-input">
              <input {...control} name="triggerAt" type="datetime-local" value={form.triggerAt} onChange={(e) => set('triggerAt', e.target.value)} />
              <button type="button" className="btn btn-small" onClick={() => set('triggerAt', toLocalInput(Date.now()))}>
                Now
              </button>
            </div>
          )}
        </Field>
        <Field label="Who reached out" required error={errors.initiatorId} hint={form.initiator?.detail ?? 'The caller of every call of the round.'}>
          {picker('initiator', form.initiator, (official) => set('initiator', official, 'initiatorId'))}
        </Field>
        <Field label="Notes" error={errors.notes}>
          {(control) => <textarea {...control} name="notes" rows={2} value={form.notes} onChange={(e) => set('notes', e.target.value)} />}
        </Field>
      </div>
      <fieldset className="round-callees" aria-describedby={errors.calls ? 'round-calls-error' : undefined}>
        <legend>Callees</legend>
        <p className="field-hint">One call each, from the one who reached out. Time, channel and topic are optional: empty, the call takes when it happened, phone, and the trigger.</p>
        <ol className="round-callee-list">
          {form.callees.map((row, index) => (
            <CalleeFields
              key={row.key}
              row={row}
              index={index}
              errors={errors}
              picker={picker(`callee-${row.key}`, row.callee, (official) => setRow(index, { callee: official }, 'calleeId'))}
              onChange={(patch, field) => setRow(index, patch, field)}
              onRemove={form.callees.length > 1 ? () => removeRow(index) : undefined}
            />
          ))}
        </ol>
        {errors.calls ? (
          <p id="round-calls-error" className="field-error">
            {errors.calls}
          </p>
        ) : null}
        <Button onClick={addRow}>Add a callee</Button>
      </fieldset>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending} aria-keyshortcuts="Control+Enter">
          Log round
        </Button>
        <span className="muted form-shortcut">
          <kbd className="kbd">Ctrl</kbd> + <kbd className="kbd">Enter</kbd> logs the round
        </span>
      </div>
    </form>
  );
}

interface CalleeFieldsProps {
  row: CalleeRow;
  index: number;
  errors: FieldErrors;
  picker: (control: FieldControl) => ReactNode;
  onChange: (patch: Partial<CalleeRow>, field: string) => void;
  onRemove?: () => void;
}

function CalleeFields({ row, index, errors, picker, onChange, onRemove }: CalleeFieldsProps) {
  const n = index + 1;
  const error = (field: string) => errors[`calls.${index}.${field}`];
  return (
    <li className="round-callee">
      <Field className="round-callee-who" label={`Callee ${n}`} error={error('calleeId')} hint={row.callee?.detail}>
        {picker}
      </Field>
      <Field label="Placed at" error={error('placedAt')}>
        {(control) => <input {...control} type="datetime-local" value={row.placedAt} onChange={(e) => onChange({ placedAt: e.target.value }, 'placedAt')} />}
      </Field>
      <Field label="Channel" error={error('channel')}>
        {(control) => (
          <select {...control} value={row.channel} onChange={(e) => onChange({ channel: e.target.value as Channel | '' }, 'channel')}>
            <option value="">Phone (default)</option>
            {Channel.options.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNEL_LABELS[channel]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Topic" error={error('topic')}>
        {(control) => <input {...control} maxLength={500} placeholder="The trigger" value={row.topic} onChange={(e) => onChange({ topic: e.target.value }, 'topic')} />}
      </Field>
      {onRemove ? (
        <button type="button" className="btn btn-small btn-ghost round-callee-remove" onClick={onRemove}>
          Remove<span className="visually-hidden"> callee {n}</span>
        </button>
      ) : null}
    </li>
  );
}
