import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '#client/components/ui/button.tsx';
import { formatDateTime } from '#client/lib/format.ts';
import type { CallPatch } from '#shared/schemas/calls.ts';
import type { EditConflict } from '../api/use-guarded-save.ts';
import { CALL_FIELD_LABELS, compareConflict, rebasePatch, type CallField, type ConflictRow } from '../lib/call-diff.ts';
import { FieldValue } from './field-value.tsx';

export interface CallConflictProps {
  conflict: EditConflict;
  busy?: boolean;
  /** Saves the analyst's changes on top of the server's current version. */
  onReapply: (patch: CallPatch) => void;
  /** Opens the form again on the current version with the analyst's changes filled in. */
  onEditAgain: (patch: CallPatch) => void;
  onDiscard: () => void;
  /** Names of officials the analyst picked in the form, which neither stored version mentions. */
  names?: Record<string, string>;
}

const KIND_NOTES: Record<ConflictRow['kind'], string> = {
  mine: 'Only you changed this: your value will be saved.',
  theirs: 'Changed by someone else: their value stays.',
  both: 'You both changed this: choose which to keep.',
  same: 'You both made the same change.',
};

/**
 * After a 412: the other writer's changes next to the analyst's, field by
 * field, with a choice wherever both changed the same field.
 */
export function CallConflict({ conflict, busy, onReapply, onEditAgain, onDiscard, names: picked }: CallConflictProps) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The view replaces the form the analyst was in: take them (and their screen reader) to it.
  useEffect(() => heading.current?.focus(), [conflict]);
  const rows = compareConflict(conflict.base, conflict.mine, conflict.theirs);
  const [keepTheirs, setKeepTheirs] = useState<ReadonlySet<CallField>>(new Set());
  const names = { ...picked, ...partyNames(conflict) };
  const patch = rebasePatch(rows, keepTheirs);
  const nothingLeft = Object.keys(patch).length === 0;
  const choose = (field: CallField, theirs: boolean) => {
    const next = new Set(keepTheirs);
    if (theirs) next.add(field);
    else next.delete(field);
    setKeepTheirs(next);
  };

  return (
    <section className="card conflict" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>Someone else changed this call while you were editing</h2>
      <p>
        You started from version {conflict.base.version}; the call is now at version {conflict.theirs.version} (saved{' '}
        <time dateTime={conflict.theirs.updatedAt}>{formatDateTime(conflict.theirs.updatedAt)}</time>). Nothing of yours has been saved yet. Compare the
        changes below, then re-apply yours on top of the current version or discard them.
      </p>
      <table className="diff-table conflict-table">
        <caption className="visually-hidden">Your changes and the other changes, field by field</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">When you started</th>
            <th scope="col">Your change</th>
            <th scope="col">Now on the server</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} className={`conflict-${row.kind}`}>
              <th scope="row">
                {CALL_FIELD_LABELS[row.field]}
                <span className="conflict-note">{KIND_NOTES[row.kind]}</span>
              </th>
              <td data-label="When you started">
                <FieldValue field={row.field} value={row.base} snapshot={conflict.base} names={names} />
              </td>
              <td data-label="Your change" className={row.kind === 'mine' || row.kind === 'both' ? 'diff-after' : undefined}>
                {row.mine === undefined ? <span className="muted">unchanged</span> : <FieldValue field={row.field} value={row.mine} names={names} />}
                {row.kind === 'both' ? (
                  <label className="conflict-choice">
                    <input type="radio" name={`${id}-${row.field}`} checked={!keepTheirs.has(row.field)} onChange={() => choose(row.field, false)} /> Keep mine
                  </label>
                ) : null}
              </td>
              <td data-label="Now on the server" className={row.kind === 'theirs' || row.kind === 'both' ? 'diff-theirs' : undefined}>
                <FieldValue field={row.field} value={row.theirs} snapshot={conflict.theirs} names={names} />
                {row.kind === 'mine' ? <span className="muted small"> (unchanged)</span> : null}
                {row.kind === 'both' ? (
                  <label className="conflict-choice">
                    <input type="radio" name={`${id}-${row.field}`} checked={keepTheirs.has(row.field)} onChange={() => choose(row.field, true)} /> Keep theirs
                  </label>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <Button variant="primary" busy={busy} onClick={() => (nothingLeft ? onDiscard() : onReapply(patch))}>
          {nothingLeft ? 'Keep their version' : 'Re-apply my changes'}
        </Button>
        <Button onClick={() => onEditAgain(patch)} disabled={busy}>
          Edit again
        </Button>
        <Button variant="ghost" onClick={onDiscard} disabled={busy}>
          Discard my changes
        </Button>
      </div>
    </section>
  );
}

/** Names for every official id the three versions mention. */
function partyNames({ base, theirs }: EditConflict): Record<string, string> {
  const names: Record<string, string> = {};
  for (const call of [base, theirs]) {
    names[call.caller.id] = call.caller.name;
    names[call.callee.id] = call.callee.name;
  }
  return names;
}
