import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { CallCreate, type CallStatus, type Channel } from '#shared/schemas/calls.ts';

export interface PickedOfficial {
  id: string;
  name: string;
  detail?: string;
}

/** What the form holds: times as the viewer's wall clock (datetime-local values). */
export interface CallFormState {
  caller: PickedOfficial | null;
  callee: PickedOfficial | null;
  placedAt: string;
  channel: Channel;
  topic: string;
  notes: string;
  source: string;
  status: CallStatus;
  /** When the outcome happened; empty: the server decides (answered: when placed; others: now). */
  outcomeAt: string;
}

export function emptyCallForm(now: number, keep: Partial<CallFormState> = {}): CallFormState {
  return { caller: null, callee: null, placedAt: toLocalInput(now), channel: 'phone', topic: '', notes: '', source: '', status: 'awaiting', outcomeAt: '', ...keep };
}

const FUTURE_SLACK_MS = 5 * 60_000;

/** The field that holds an outcome's time: a withdrawal closes, the rest reply. */
export function outcomeField(status: CallStatus): 'respondedAt' | 'closedAt' | null {
  if (status === 'awaiting') return null;
  return status === 'withdrawn' ? 'closedAt' : 'respondedAt';
}

/**
 * The request body for the form, or the message for each field that is not
 * right: first the form's own checks (in words an analyst uses), then the
 * shared CallCreate schema, the same rules the server applies.
 */
export function buildCallCreate(form: CallFormState, now: number): { body: CallCreate; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const placedAt = fromLocalInput(form.placedAt);
  if (!form.caller) errors.callerId = 'Choose who placed the call.';
  if (!form.callee) errors.calleeId = 'Choose who was called.';
  if (!placedAt) errors.placedAt = 'Enter when the call was placed.';
  else if (Date.parse(placedAt) > now + FUTURE_SLACK_MS) errors.placedAt = 'Must not be in the future.';

  const body: CallCreate = {
    callerId: form.caller?.id ?? '',
    calleeId: form.callee?.id ?? '',
    placedAt: placedAt ?? '',
    channel: form.channel,
    topic: form.topic,
    status: form.status,
  };
  if (form.notes.trim()) body.notes = form.notes;
  if (form.source.trim()) body.source = form.source.trim();

  const field = outcomeField(form.status);
  if (field && form.outcomeAt) {
    const at = fromLocalInput(form.outcomeAt);
    if (!at) errors[field] = 'Enter when it happened, or clear the field.';
    else {
      body[field] = at;
      if (placedAt && Date.parse(at) < Date.parse(placedAt)) errors[field] = 'Must not be before the call was placed.';
      else if (Date.parse(at) > now + FUTURE_SLACK_MS) errors[field] = 'Must not be in the future.';
    }
  }

  const parsed = CallCreate.safeParse(body);
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrors(parsed.error))) if (errors[path] === undefined) errors[path] = message;
  }
  return { body, errors };
}
