import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime } from '#client/lib/format.ts';
import type { HistoryEntry } from '#shared/schemas/history.ts';
import { callHistoryQuery } from '../api/calls.ts';
import { diffSnapshots } from '../lib/call-diff.ts';
import { FieldValue, fieldLabel } from './field-value.tsx';

const ACTION_LABELS: Record<HistoryEntry['action'], string> = {
  create: 'logged the call',
  update: 'changed',
  delete: 'deleted the call',
};

/** Who changed what, when: the call's audit history, newest first. */
export function CallHistory({ callId }: { callId: string }) {
  const history = useInfiniteQuery(callHistoryQuery(callId));
  if (history.isPending) return <Loading label="Loading history…" />;
  if (history.isError) return <Alert title="The history could not be loaded">{history.error.message}</Alert>;
  // The server pages oldest first; the analyst reads the latest change first.
  const entries = history.data.pages.flatMap((page) => page.items).reverse();
  return (
    <div>
      {history.hasNextPage ? (
        <p>
          <Button size="small" busy={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            Load newer changes
          </Button>
        </p>
      ) : null}
      {entries.length === 0 ? <p className="muted">No history recorded.</p> : null}
      <ol className="timeline" aria-label="Changes, newest first">
        {entries.map((entry) => (
          <HistoryItem key={entry.seq} entry={entry} />
        ))}
      </ol>
    </div>
  );
}

export function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const changes = diffSnapshots(entry.before, entry.after);
  return (
    <li className={`timeline-item timeline-${entry.action}`}>
      <p className="timeline-head">
        <strong title={entry.actorName === entry.actor ? undefined : entry.actor}>{entry.actorName}</strong> {ACTION_LABELS[entry.action]}
        {entry.action === 'update' ? ` ${changedList(changes.map((c) => fieldLabel(c.field).toLowerCase()))}` : ''}{' '}
        <span className="muted">
          on <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        </span>
      </p>
      {entry.action === 'update' ? (
        changes.length ? (
          <table className="diff-table">
            <caption className="visually-hidden">What changed</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.field}>
                  <th scope="row">{fieldLabel(change.field)}</th>
                  <td className="diff-before">
                    <FieldValue field={change.field} value={change.before} snapshot={entry.before} />
                  </td>
                  <td className="diff-after">
                    <FieldValue field={change.field} value={change.after} snapshot={entry.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted small">No visible field changed.</p>
        )
      ) : entry.action === 'delete' && entry.before ? (
        <SnapshotTable snapshot={entry.before} caption="What was deleted" />
      ) : null}
    </li>
  );
}

/** Every field of a snapshot (the call as it was deleted), in form order. */
function SnapshotTable({ snapshot, caption }: { snapshot: Record<string, unknown>; caption: string }) {
  return (
    <table className="diff-table">
      <caption className="visually-hidden">{caption}</caption>
      <tbody>
        {diffSnapshots(snapshot, null).map(({ field, before }) => (
          <tr key={field}>
            <th scope="row">{fieldLabel(field)}</th>
            <td>
              <FieldValue field={field} value={before} snapshot={snapshot} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "topic", "topic and notes", "topic, notes and channel", "5 fields". */
function changedList(fields: string[]): string {
  if (fields.length === 0) return '';
  if (fields.length > 3) return `${fields.length} fields`;
  return fields.length === 1 ? fields[0]! : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
}
