import { ApiError } from '#client/lib/api-client.ts';
import type { FieldErrors } from '#client/lib/field-errors.ts';
import { fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { isBeyondFutureSkew } from '#shared/domain/call-status.ts';
import type { Channel } from '#shared/schemas/calls.ts';
import { MAX_ROUND_CALLS, RoundCreate, type RoundCallCreate } from '#shared/schemas/rounds.ts';
import type { z } from 'zod/mini';

export interface PickedOfficial {
  id: string;
  name: string;
  detail?: string;
}

/** One callee of the round: who, and (optionally) when, how and about what when it differs from the round's. */
export interface CalleeRow {
  /** A stable key for the row while rows are added and removed. */
  key: string;
  callee: PickedOfficial | null;
  placedAt: string;
  /** '' : the round's default (phone). */
  channel: Channel | '';
  topic: string;
}

export interface RoundFormState {
  title: string;
  trigger: string;
  /** When the event happened (datetime-local, the viewer's zone); each call defaults to it. */
  triggerAt: string;
  initiator: PickedOfficial | null;
  notes: string;
  callees: CalleeRow[];
}

export function emptyCallee(key: string): CalleeRow {
  return { key, callee: null, placedAt: '', channel: '', topic: '' };
}

export function emptyRoundForm(now: number, keys: readonly string[]): RoundFormState {
  return { title: '', trigger: '', triggerAt: toLocalInput(now), initiator: null, notes: '', callees: keys.map(emptyCallee) };
}

/**
 * Messages by full path ("trigger", "calls.2.calleeId"), so each callee's row
 * shows its own: from the schema's issues or the server's problem+json.
 */
export function pathErrors(error: z.core.$ZodError | ApiError): FieldErrors {
  const entries =
    error instanceof ApiError
      ? (error.problem.errors ?? []).map((e) => ({ path: e.path, message: e.message }))
      : error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const result: FieldErrors = {};
  for (const { path, message } of entries) {
    const text = message.trim();
    result[path] ??= /[.!?]$/.test(text) ? text[0]!.toUpperCase() + text.slice(1) : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.`;
  }
  return result;
}

/**
 * The request body for the form, or the message for each field (by full
 * path) that is not right: first the form's own checks, in the words an
 * analyst uses, then the shared RoundCreate schema the server runs.
 * Rows without a callee are left out; one callee at least is needed.
 */
export function buildRoundCreate(form: RoundFormState, now: number): { body: RoundCreate; errors: FieldErrors; rows: number[] } {
  const errors: FieldErrors = {};
  const triggerAt = form.triggerAt ? fromLocalInput(form.triggerAt) : null;
  if (form.triggerAt && !triggerAt) errors.triggerAt = 'Enter when it happened, or clear the field.';
  else if (triggerAt && isBeyondFutureSkew(Date.parse(triggerAt), now)) errors.triggerAt = 'Must not be in the future.';
  if (!form.initiator) errors.initiatorId = 'Choose who reached out: the caller of every call of the round.';

  // The body's calls are the filled rows; `rows[i]` is the form row of body call i (for the server's paths).
  const rows: number[] = [];
  const calls: RoundCallCreate[] = [];
  form.callees.forEach((row, index) => {
    if (!row.callee) return;
    const call: RoundCallCreate = { calleeId: row.callee.id };
    if (row.placedAt) {
      const at = fromLocalInput(row.placedAt);
      if (!at) errors[`calls.${index}.placedAt`] = 'Enter a date and time, or clear the field.';
      else {
        call.placedAt = at;
        if (isBeyondFutureSkew(Date.parse(at), now)) errors[`calls.${index}.placedAt`] = 'Must not be in the future.';
      }
    }
    if (row.channel) call.channel = row.channel;
    if (row.topic.trim()) call.topic = row.topic;
    rows.push(index);
    calls.push(call);
  });
  if (calls.length === 0) errors.calls = 'Add at least one callee.';
  if (calls.length > MAX_ROUND_CALLS) errors.calls = `A round is logged with at most ${MAX_ROUND_CALLS} calls at once.`;

  const body: RoundCreate = { trigger: form.trigger };
  if (form.title.trim()) body.title = form.title.trim();
  if (triggerAt) body.triggerAt = triggerAt;
  if (form.initiator) body.initiatorId = form.initiator.id;
  if (form.notes.trim()) body.notes = form.notes;
  if (calls.length) body.calls = calls;

  const parsed = RoundCreate.safeParse(body);
  if (!parsed.success) for (const [path, message] of Object.entries(pathErrors(parsed.error))) errors[rowPath(path, rows)] ??= message;
  return { body, errors, rows };
}

/** A body path ("calls.1.calleeId") as the form's row path: body call 1 may be form row 2 when a row above it is empty. */
export function rowPath(path: string, rows: readonly number[]): string {
  const match = /^calls\.(\d+)(\..*)?$/.exec(path);
  if (!match) return path;
  const row = rows[Number(match[1])];
  return row === undefined ? path : `calls.${row}${match[2] ?? ''}`;
}
