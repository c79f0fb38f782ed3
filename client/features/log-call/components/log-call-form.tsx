import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { ChannelSelect } from '#client/components/ui/channel-select.tsx';
import { Field } from '#client/components/ui/field.tsx';
import type { FieldControl } from '#client/components/ui/field.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { toLocalInput } from '#client/lib/format.ts';
import { hasChanges, useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { nowMs } from '#client/lib/ticker.ts';
import { viewerTimeZone } from '#client/lib/time-zones.ts';
import { statusTimeField } from '#shared/domain/call-status.ts';
import type { Call } from '#shared/schemas/calls.ts';
import { useCreateCall } from '../api/create-call.ts';
import { buildCallCreate, emptyCallForm, type CallFormState } from '../lib/new-call-form.ts';
import { StatusFields } from './status-fields.tsx';

/** What a picker of officials receives: the Field's ids, the choice, and (for the keyboard flow) a name and focus. */
export interface OfficialPickerProps extends FieldControl {
  value: string;
  label: string;
  onChange: (id: string, name: string, detail?: string) => void;
  name: string;
  autoFocus?: boolean;
}

/** What a select of rounds receives (the rounds feature's, composed in by the page). */
export interface RoundSelectProps extends FieldControl {
  value: string;
  onChange: (roundId: string) => void;
  emptyLabel: string;
  name?: string;
}

export interface LogCallFormProps {
  onLogged: (call: Call, another: boolean) => void;
  /** The rounds feature's select: the call may belong to a round (none by default). */
  renderRoundSelect?: (props: RoundSelectProps) => ReactNode;
  /** The officials feature's picker (one that can add an official), composed in by the page. */
  renderOfficialPicker: (props: OfficialPickerProps) => ReactNode;
}

/**
 * Logs a call, keyboard first: type to pick caller and callee (Enter moves
 * on), Ctrl+Enter saves from anywhere. "Save and log another" keeps the
 * caller and channel, for the several calls one readout often reports.
 */
export function LogCallForm({ onLogged, renderOfficialPicker, renderRoundSelect }: LogCallFormProps) {
  const [form, setForm] = useState<CallFormState>(() => emptyCallForm(Date.now()));
  // What the form started from (a fresh one, or the caller and channel kept for another call).
  const [start, setStart] = useState(form);
  const guard = useLeaveGuard(hasChanges(form, start));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [generation, setGeneration] = useState(0);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateCall();
  const set = <K extends keyof CallFormState>(key: K, value: CallFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key as string]) setErrors(({ [key as string]: _, ...rest }) => rest);
  };
  const focusField = (name: string) => formRef.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();

  useEffect(() => {
    if (focusInvalid) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const submit = (another: boolean) => {
    if (create.isPending) return;
    const { body, errors: found } = buildCallCreate(form, nowMs());
    setErrors(found);
    if (Object.keys(found).length) return setFocusInvalid((n) => n + 1);
    create.submit(body, {
      onSuccess: (call) => {
        if (another) {
          const next = emptyCallForm(nowMs(), { caller: form.caller, channel: form.channel, roundId: form.roundId });
          setForm(next);
          setStart(next);
          setGeneration((n) => n + 1);
          setTimeout(() => focusField('callee'));
        } else guard.release();
        onLogged(call, another);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.problem.errors?.length) {
          setErrors(fieldErrors(error));
          setFocusInvalid((n) => n + 1);
        }
      },
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit(false);
    }
  };

  const pickerField = (side: 'caller' | 'callee', label: string, next: string) => (
    <Field key={`${side}-${generation}`} label={label} required error={errors[`${side}Id`]} hint={form[side]?.detail}>
      {(control) =>
        renderOfficialPicker({
          ...control,
          name: side,
          autoFocus: side === 'caller',
          value: form[side]?.id ?? '',
          label: form[side]?.name ?? '',
          onChange: (id, name, detail) => {
            set(side, id ? { id, name, detail } : null);
            if (id) focusField(next);
          },
        })
      }
    </Field>
  );

  const failure = create.error;
  const general = failure && !(failure instanceof ApiError && failure.problem.errors?.length) ? failure : null;
  const statusTime = statusTimeField(form.status);
  return (
    <form ref={formRef} className="card log-form" onSubmit={(e) => (e.preventDefault(), submit(false))} onKeyDown={onKeyDown} noValidate aria-label="Log a call">
      {general ? (
        <Alert title="The call was not logged">{general instanceof ApiError ? general.problem.detail || general.message : 'The server did not answer. Your entry is still here: try again.'}</Alert>
      ) : null}
      <div className="form-grid">
        {pickerField('caller', 'Caller', 'callee')}
        {pickerField('callee', 'Callee', 'placedAt')}
        <Field label="Placed at" required error={errors.placedAt} hint={`Your local time (${viewerTimeZone()}).`}>
          {(control) => (
            <div className="inline-input">
              <input {...control} name="placedAt" type="datetime-local" value={form.placedAt} onChange={(e) => set('placedAt', e.target.value)} />
              <button type="button" className="btn btn-small" onClick={() => set('placedAt', toLocalInput(Date.now()))}>
                Now
              </button>
            </div>
          )}
        </Field>
        <Field label="Channel" required error={errors.channel}>
          {(control) => <ChannelSelect control={control} name="channel" value={form.channel} onChange={(channel) => set('channel', channel)} />}
        </Field>
        <Field className="span-2" label="Topic" required error={errors.topic}>
          {(control) => <input {...control} name="topic" maxLength={500} value={form.topic} onChange={(e) => set('topic', e.target.value)} />}
        </Field>
        {renderRoundSelect ? (
          <Field className="span-2" label="Round" error={errors.roundId} hint="The outreach round this call was part of, if any.">
            {(control) => renderRoundSelect({ ...control, name: 'roundId', value: form.roundId, onChange: (roundId) => set('roundId', roundId), emptyLabel: 'No round' })}
          </Field>
        ) : null}
        <Field className="span-2" label="Source" error={errors.source} hint="Where you learned of it: a readout, a briefing, a press report's URL.">
          {(control) => <input {...control} name="source" value={form.source} onChange={(e) => set('source', e.target.value)} />}
        </Field>
        <Field className="span-2" label="Notes" error={errors.notes}>
          {(control) => <textarea {...control} name="notes" rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />}
        </Field>
        <StatusFields
          status={form.status}
          statusAt={form.statusAt}
          onStatus={(status) => set('status', status)}
          onStatusAt={(value) => set('statusAt', value)}
          error={statusTime ? errors[statusTime] : undefined}
        />
        {form.status === 'awaiting' ? (
          <>
            <Field label="Callback promised by" error={errors.promisedBy} hint="Optional, your local time; may lie ahead (“he will call back by Friday”).">
              {(control) => <input {...control} name="promisedBy" type="datetime-local" value={form.promisedBy} onChange={(e) => set('promisedBy', e.target.value)} />}
            </Field>
            <Field label="Acknowledged by an aide at" error={errors.acknowledgedAt} hint="Optional, your local time; the call stays awaiting.">
              {(control) => <input {...control} name="acknowledgedAt" type="datetime-local" value={form.acknowledgedAt} onChange={(e) => set('acknowledgedAt', e.target.value)} />}
            </Field>
          </>
        ) : null}
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending} aria-keyshortcuts="Control+Enter">
          Log call
        </Button>
        <Button onClick={() => submit(true)} disabled={create.isPending}>
          Log and add another
        </Button>
        <span className="muted form-shortcut">
          <kbd className="kbd">Ctrl</kbd> + <kbd className="kbd">Enter</kbd> logs the call
        </span>
      </div>
    </form>
  );
}
