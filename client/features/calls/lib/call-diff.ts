import type { Call, CallPatch } from '#shared/schemas/calls.ts';

/** The fields an analyst can change on a call, in the order forms and diffs show them. */
export const CALL_FIELDS = ['callerId', 'calleeId', 'placedAt', 'channel', 'topic', 'notes', 'source', 'status', 'respondedAt', 'closedAt', 'promisedBy', 'acknowledgedAt', 'roundId'] as const;
export type CallField = (typeof CALL_FIELDS)[number];

export const CALL_FIELD_LABELS: Record<CallField, string> = {
  callerId: 'Caller',
  calleeId: 'Callee',
  placedAt: 'Placed at',
  channel: 'Channel',
  topic: 'Topic',
  notes: 'Notes',
  source: 'Source',
  status: 'Status',
  respondedAt: 'Responded at',
  closedAt: 'Closed at',
  promisedBy: 'Callback promised by',
  acknowledgedAt: 'Acknowledged by an aide',
  roundId: 'Round',
};

const TIMESTAMP_FIELDS = new Set<string>(['placedAt', 'respondedAt', 'closedAt', 'promisedBy', 'acknowledgedAt', 'createdAt', 'updatedAt']);

/** Empty text and null mean the same to an analyst: "nothing recorded". */
function normalise(field: string, value: unknown): unknown {
  if (value === undefined || value === '') return null;
  // The server writes `…:00Z`, a form may produce `…:00.000Z` or `+03:00`: compare instants.
  if (TIMESTAMP_FIELDS.has(field) && typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : ms;
  }
  return value;
}

export function sameValue(field: string, a: unknown, b: unknown): boolean {
  const x = normalise(field, a);
  const y = normalise(field, b);
  if (x === y) return true;
  if (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null) return JSON.stringify(x) === JSON.stringify(y);
  return false;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * Bookkeeping fields change on every write and would bury the change the
 * analyst made; the embedded caller/callee objects repeat callerId/calleeId.
 */
const IGNORED_IN_HISTORY = new Set(['id', 'version', 'updatedAt', 'createdAt', 'createdBy', 'caller', 'callee', 'responseMs']);

/** Fields that are not in the form but that a history entry names: an attempt moves both. */
export const DERIVED_FIELD_LABELS: Record<string, string> = { attempts: 'Tries', lastAttemptAt: 'Last attempt' };

/**
 * Field-by-field difference between two snapshots of an object (a history
 * entry's before/after). Known call fields come first in form order, then any
 * other field alphabetically, so a timeline reads the same way as the form.
 */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const order = (key: string) => {
    const index = (CALL_FIELDS as readonly string[]).indexOf(key);
    return index === -1 ? CALL_FIELDS.length : index;
  };
  return [...keys]
    .filter((key) => !IGNORED_IN_HISTORY.has(key))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }))
    .filter((change) => !sameValue(change.field, change.before, change.after));
}

/** The fields whose value in `edited` differs from `base`: what the analyst actually changed. */
export function changedFields(base: Call, edited: CallPatch): CallPatch {
  const patch: Record<string, unknown> = {};
  for (const field of CALL_FIELDS) {
    if (!(field in edited)) continue;
    const value = edited[field];
    if (!sameValue(field, base[field], value)) patch[field] = value === '' ? null : value;
  }
  return patch as CallPatch;
}

export type ConflictKind =
  /** Only the analyst changed it: their value will be applied. */
  | 'mine'
  /** Only the other writer changed it: the new server value stays. */
  | 'theirs'
  /** Both changed it to different values: the analyst must choose. */
  | 'both'
  /** Both changed it to the same value: nothing to decide. */
  | 'same';

export interface ConflictRow {
  field: CallField;
  kind: ConflictKind;
  /** The value when the analyst loaded the call. */
  base: unknown;
  /** The analyst's edit (undefined when they did not touch the field). */
  mine: unknown;
  /** The value on the server now. */
  theirs: unknown;
}

/**
 * Three-way comparison after a 412: the version the analyst started from,
 * their edit, and what the server holds now. Fields nobody changed are left out.
 */
export function compareConflict(base: Call, mine: CallPatch, theirs: Call): ConflictRow[] {
  const rows: ConflictRow[] = [];
  for (const field of CALL_FIELDS) {
    const mineChanged = field in mine && !sameValue(field, base[field], mine[field]);
    const theirsChanged = !sameValue(field, base[field], theirs[field]);
    if (!mineChanged && !theirsChanged) continue;
    let kind: ConflictKind;
    if (mineChanged && theirsChanged) kind = sameValue(field, mine[field], theirs[field]) ? 'same' : 'both';
    else kind = mineChanged ? 'mine' : 'theirs';
    rows.push({ field, kind, base: base[field], mine: mineChanged ? mine[field] : undefined, theirs: theirs[field] });
  }
  return rows;
}

/**
 * The patch to send on top of the server's current version: the analyst's
 * own changes, except where both sides changed a field and the analyst chose
 * to keep the other writer's value. Fields already equal to the server's
 * value are left out, so a retry never rewrites what it does not change.
 */
export function rebasePatch(rows: ConflictRow[], keepTheirs: ReadonlySet<CallField>): CallPatch {
  const patch: Record<string, unknown> = {};
  for (const row of rows) {
    if (row.kind === 'mine' || (row.kind === 'both' && !keepTheirs.has(row.field))) patch[row.field] = row.mine ?? null;
  }
  return patch as CallPatch;
}
