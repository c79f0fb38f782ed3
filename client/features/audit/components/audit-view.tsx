import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { DateRangeError, dateRangeInputProps } from '#client/components/ui/date-range-error.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { dayStartIso, formatDateTime } from '#client/lib/format.ts';
import { describeUserAgent } from '#client/lib/user-agent.ts';
import { AUDIT_TYPES, type AuditEntry } from '#shared/schemas/audit.ts';
import { type AuditFilters, auditExportUrl, auditQuery, verifyQuery } from '../api/audit.ts';
import { AUDIT_AREAS, AUDIT_LABELS, detailParts, isWarning } from '../lib/labels.ts';

export interface AuditParams {
  type: string;
  actor: string;
  from: string;
  to: string;
}

/** The filters in the API's terms: calendar days in the viewer's zone become instants. */
function toFilters(params: AuditParams): AuditFilters {
  return {
    ...(params.type ? { type: params.type } : {}),
    ...(params.actor.trim() ? { actor: params.actor.trim().toLowerCase() } : {}),
    ...(params.from && dayStartIso(params.from) ? { from: dayStartIso(params.from)! } : {}),
    ...(params.to && dayStartIso(params.to, true) ? { to: dayStartIso(params.to, true)! } : {}),
  };
}

/** The audit log for admins: filter it, read it newest first, export it, check its chain. */
export function AuditView({ params, setParam }: { params: AuditParams; setParam: (key: keyof AuditParams, value: string) => void }) {
  const id = useId();
  const filters = toFilters({ ...params, actor: useDeferredValue(params.actor) });
  const query = useInfiniteQuery({ ...auditQuery(filters), placeholderData: keepPreviousData });
  const reversed = params.from && params.to && params.from > params.to;

  return (
    <>
      <form role="search" className="list-filters audit-filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-type`}>
            Event
          </label>
          <select id={`${id}-type`} value={params.type} onChange={(e) => setParam('type', e.target.value)}>
            <option value="">All events</option>
            <optgroup label="Areas">
              {AUDIT_AREAS.map((area) => (
                <option key={area.value} value={area.value}>
                  {area.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="One kind">
              {AUDIT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {AUDIT_LABELS[type]}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-actor`}>
            Username
          </label>
          <input id={`${id}-actor`} type="search" autoCapitalize="none" spellCheck={false} value={params.actor} onChange={(e) => setParam('actor', e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-from`}>
            From
          </label>
          <input id={`${id}-from`} type="date" value={params.from} onChange={(e) => setParam('from', e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-to`}>
            To
          </label>
          <input id={`${id}-to`} type="date" value={params.to} {...dateRangeInputProps(`${id}-range`, params.from, params.to)} onChange={(e) => setParam('to', e.target.value)} />
          <DateRangeError id={`${id}-range`} from={params.from} to={params.to} />
        </div>
      </form>
      <div className="audit-actions">
        <a className="btn" href={auditExportUrl(filters, 'csv')} download>
          Export CSV
        </a>
        <a className="btn" href={auditExportUrl(filters, 'json')} download>
          Export JSON
        </a>
        <ChainCheck />
      </div>
      {reversed ? <Alert tone="warning">The From date is after the To date, so nothing can match.</Alert> : null}
      {query.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : query.isError ? (
        <Alert title="The audit log could not be loaded">{query.error.message}</Alert>
      ) : query.data.pages[0]!.items.length === 0 ? (
        <EmptyState title="No entry matches" />
      ) : (
        <>
          <AuditTable entries={query.data.pages.flatMap((page) => page.items)} />
          <LoadMore pages={query} />
        </>
      )}
    </>
  );
}

function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <table className="table records-table audit-table">
      <caption className="visually-hidden">Audit log entries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Who</th>
          <th scope="col">From</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq} className={isWarning(entry) ? 'audit-warning' : undefined}>
            <td data-label="When" className="nowrap">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            </td>
            <td data-label="Event">
              <span className="audit-type">{AUDIT_LABELS[entry.type] ?? entry.type}</span>
              <span className="muted small block">{entry.type}</span>
            </td>
            <td data-label="Who">
              {entry.actor ?? <span className="muted">Nobody</span>}
              {entry.via === 'token' ? <span className="muted small block">with a token</span> : null}
            </td>
            <td data-label="From">
              {entry.ip ?? <span className="muted">Unknown</span>}
              {entry.userAgent ? <span className="muted small block">{describeUserAgent(entry.userAgent)}</span> : null}
            </td>
            <td data-label="Details" className="break-anywhere small">
              {entry.target ? <span className="block">{entry.target}</span> : null}
              {detailParts(entry.detail).map((part) => (
                <span key={part} className="block muted">
                  {part}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Recomputes the hash chain on request and says whether anything was changed behind the app's back. */
function ChainCheck() {
  const check = useQuery(verifyQuery);
  return (
    <div className="chain-check">
      <Button busy={check.isFetching} onClick={() => void check.refetch()}>
        Check the log’s integrity
      </Button>
      <span role="status" className="small">
        {check.data ? (
          check.data.valid ? (
            <span className="chain-ok">
              Intact: all {check.data.entries} entries kept are unchanged and in order; the newest is {check.data.headHash.slice(0, 12)}…
            </span>
          ) : (
            <span className="chain-bad">
              Not intact: {check.data.problems.map((p) => `entry ${p.seq} ${p.problem}`).join('; ')}
            </span>
          )
        ) : check.isError ? (
          check.error.message
        ) : null}
      </span>
    </div>
  );
}
