import type { FieldErrors } from '#client/lib/field-errors.ts';
import { fieldErrors } from '#client/lib/field-errors.ts';
import { fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { statusTimeField } from '#shared/domain/call-status.ts';
import { CallPatch, type Call, type Channel } from '#shared/schemas/calls.ts';
import { changedFields } from './call-diff.ts';

/** The edit form's fields, as the inputs hold them (text; times in the viewer's zone). */
export interface CallFormValues {
  callerId: string;
  calleeId: string;
  placedAt: string;
  channel: Channel;
  topic: string;
  notes: string;
  source: string;
  respondedAt: string;
  closedAt: string;
  promisedBy: string;
  acknowledgedAt: string;
  /** '' : in no round. */
  roundId: string;
}

const localInput = (iso: string | null) => (iso ? toLocalInput(Date.parse(iso)) : '');

export function formValuesOf(call: Call): CallFormValues {
  return {
    callerId: call.callerId,
    calleeId: call.calleeId,
    placedAt: localInput(call.placedAt),
    channel: call.channel,
    topic: call.topic,
    notes: call.notes ?? '',
    source: call.source ?? '',
    respondedAt: localInput(call.respondedAt),
    closedAt: localInput(call.closedAt),
    promisedBy: localInput(call.promisedBy),
    acknowledgedAt: localInput(call.acknowledgedAt),
    roundId: call.roundId ?? '',
  };
}

export type FormResult = { ok: true; patch: CallPatch } | { ok: false; errors: FieldErrors };

/**
 * The form's values as a patch of what the analyst changed, checked with the
 * shared CallPatch schema. A time input shows minutes only, so a time the
 * analyst left alone keeps its stored seconds rather than being rounded.
 */
export function patchFromForm(base: Call, values: CallFormValues): FormResult {
  const errors: FieldErrors = {};
  const time = (field: 'placedAt' | 'respondedAt' | 'closedAt' | 'promisedBy' | 'acknowledgedAt', required: boolean): string | null | undefined => {
    const text = values[field];
    if (text === localInput(base[field])) return base[field];
    if (!text) {
      if (required) errors[field] = 'Must not be empty.';
      return null;
    }
    const iso = fromLocalInput(text);
    if (iso === null) errors[field] = 'Must be a date and time.';
    return iso;
  };

  const candidate: Record<string, unknown> = {
    callerId: values.callerId,
    calleeId: values.calleeId,
    placedAt: time('placedAt', true),
    channel: values.channel,
    topic: values.topic,
    notes: values.notes.trim() ? values.notes : null,
    source: values.source.trim() ? values.source.trim() : null,
    promisedBy: time('promisedBy', false),
    acknowledgedAt: time('acknowledgedAt', false),
    roundId: values.roundId || null,
  };
  // Only the status time the call's status carries is shown and sent.
  const extra = statusTimeField(base.status);
  if (extra) candidate[extra] = time(extra, true);

  const parsed = CallPatch.safeParse(candidate);
  const schemaErrors = parsed.success ? {} : fieldErrors(parsed.error);
  for (const [field, message] of Object.entries(schemaErrors)) errors[field] ??= message;
  if (!values.callerId) errors.callerId = 'Choose the official who placed the call.';
  if (!values.calleeId) errors.calleeId = 'Choose the official who was called.';
  if (values.callerId && values.callerId === values.calleeId) errors.calleeId ??= 'Must be a different official from the caller.';
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, patch: changedFields(base, parsed.data) };
}
