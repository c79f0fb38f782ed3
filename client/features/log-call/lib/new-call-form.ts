import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { isBeyondFutureSkew, statusTimeField } from '#shared/domain/call-status.ts';
import { promiseProblems } from '#shared/domain/promises.ts';
import { CallCreate } from '#shared/schemas/calls.ts';

const time = (iso: string | undefined) => (iso ? Date.parse(iso) : null);

export interface PickedOfficial {
  id: string;
  name: string;
  detail?: string;
}

/** What the form holds: the parties as picked, text as typed, times as the viewer's wall clock (datetime-local values). */
export interface CallFormState extends Required<Pick<CallCreate, 'channel' | 'topic' | 'status'>> {
  caller: PickedOfficial | null;
  callee: PickedOfficial | null;
  placedAt: string;
  notes: string;
  source: string;
  /** The status time (when the outcome happened); empty: the server decides (answered: when placed; others: now). */
  statusAt: string;
  /** A callback promised by (may lie ahead) and when an aide acknowledged the call; empty: none. */
  promisedBy: string;
  acknowledgedAt: string;
  /** The round the call belongs to; '' for none. */
  roundId: string;
}

export function emptyCallForm(now: number, keep: Partial<CallFormState> = {}): CallFormState {
  return { caller: null, callee: null, placedAt: toLocalInput(now), channel: 'phone', topic: '', notes: '', source: '', status: 'awaiting', statusAt: '', promisedBy: '', acknowledgedAt: '', roundId: '', ...keep };
}

/**
 * The request body for the form, or the message for each field that is not
 * right: first the form's own checks (in words an analyst uses, with the
 * shared status rules: which time a status carries, how far ahead of the
 * clock a time may lie), then the shared CallCreate schema the server runs.
 */
export function buildCallCreate(form: CallFormState, now: number): { body: CallCreate; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const placedAt = fromLocalInput(form.placedAt);
  if (!form.caller) errors.callerId = 'Choose who placed the call.';
  if (!form.callee) errors.calleeId = 'Choose who was called.';
  if (!placedAt) errors.placedAt = 'Enter when the call was placed.';
  else if (isBeyondFutureSkew(Date.parse(placedAt), now)) errors.placedAt = 'Must not be in the future.';

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
  if (form.roundId) body.roundId = form.roundId;

  const field = statusTimeField(form.status);
  if (field && form.statusAt) {
    const at = fromLocalInput(form.statusAt);
    if (!at) errors[field] = 'Enter when it happened, or clear the field.';
    else {
      body[field] = at;
      if (placedAt && Date.parse(at) < Date.parse(placedAt)) errors[field] = 'Must not be before the call was placed.';
      else if (isBeyondFutureSkew(Date.parse(at), now)) errors[field] = 'Must not be in the future.';
    }
  }

  for (const promise of ['promisedBy', 'acknowledgedAt'] as const) {
    if (!form[promise]) continue;
    const at = fromLocalInput(form[promise]);
    if (!at) errors[promise] = 'Enter a date and time, or clear the field.';
    else body[promise] = at;
  }
  if (placedAt) for (const problem of promiseProblems({ placedAt: Date.parse(placedAt), promisedBy: time(body.promisedBy), acknowledgedAt: time(body.acknowledgedAt) }, now)) errors[problem.path] ??= problem.message;

  const parsed = CallCreate.safeParse(body);
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrors(parsed.error))) errors[path] ??= message;
  }
  return { body, errors };
}
