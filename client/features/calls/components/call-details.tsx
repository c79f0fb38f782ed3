import { LiveTimer } from '#client/components/ui/live-timer.tsx';
import { LocalTime } from '#client/components/ui/local-time.tsx';
import { PromiseNote } from '#client/components/ui/promise-note.tsx';
import { formatDateTime, formatDateTimeIn, formatDuration } from '#client/lib/format.ts';
import { CHANNEL_LABELS, STATUS_TIME_LABELS } from '#shared/domain/call-labels.ts';
import type { Call } from '#shared/schemas/calls.ts';
import type { Party } from '#shared/schemas/officials.ts';
import { SourceText } from '#client/components/ui/source-text.tsx';
import { StatusBadge } from './call-labels.tsx';

/** Every field of a call, each party with the local time where they were. */
export function CallDetails({ call }: { call: Call }) {
  return (
    <div className="call-details">
      <section className="card" aria-labelledby="call-status-title">
        <h2 id="call-status-title" className="card-title">
          Status
        </h2>
        <StatusSummary call={call} />
      </section>
      <div className="party-grid">
        <PartyCard role="Caller" party={call.caller} placedAt={call.placedAt} />
        <PartyCard role="Callee" party={call.callee} placedAt={call.placedAt} />
      </div>
      <section className="card" aria-labelledby="call-facts-title">
        <h2 id="call-facts-title" className="card-title">
          Details
        </h2>
        <dl className="facts">
          <dt>Placed at</dt>
          <dd>
            <time dateTime={call.placedAt}>{formatDateTime(call.placedAt)}</time> <span className="muted">(your time; {formatDateTimeIn(call.placedAt, 'UTC')} UTC)</span>
          </dd>
          <dt>Channel</dt>
          <dd>{CHANNEL_LABELS[call.channel]}</dd>
          <dt>Topic</dt>
          <dd>{call.topic}</dd>
          <dt>Notes</dt>
          <dd>{call.notes ? <span className="prewrap">{call.notes}</span> : <span className="muted">None</span>}</dd>
          <dt>Source</dt>
          <dd>{call.source ? <SourceText source={call.source} /> : <span className="muted">None recorded</span>}</dd>
          <dt>Callback promised by</dt>
          <dd>{call.promisedBy ? <time dateTime={call.promisedBy}>{formatDateTime(call.promisedBy)}</time> : <span className="muted">No promise</span>}</dd>
          <dt>Acknowledged by an aide</dt>
          <dd>{call.acknowledgedAt ? <time dateTime={call.acknowledgedAt}>{formatDateTime(call.acknowledgedAt)}</time> : <span className="muted">No</span>}</dd>
          <dt>Logged</dt>
          <dd>
            by {call.createdBy} on <time dateTime={call.createdAt}>{formatDateTime(call.createdAt)}</time>
          </dd>
          <dt>Last changed</dt>
          <dd>
            <time dateTime={call.updatedAt}>{formatDateTime(call.updatedAt)}</time> <span className="muted">(version {call.version})</span>
          </dd>
        </dl>
      </section>
    </div>
  );
}

function StatusSummary({ call }: { call: Call }) {
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={call.status} />
      </dd>
      {call.status === 'awaiting' ? (
        <>
          <dt>Waiting for</dt>
          <dd>
            <LiveTimer since={call.placedAt} className="tabular" />
          </dd>
          {call.promisedBy || call.acknowledgedAt ? (
            <>
              <dt>Promise</dt>
              <dd>
                <PromiseNote status={call.status} promisedBy={call.promisedBy} acknowledgedAt={call.acknowledgedAt} timeZone={call.callee.timeZone} />
              </dd>
            </>
          ) : null}
          <dt>In working time</dt>
          <dd className="tabular">
            {formatDuration(call.workingMs)} <span className="muted">of {call.callee.name}’s working hours, when this page was loaded</span>
          </dd>
        </>
      ) : null}
      {call.respondedAt && call.status !== 'awaiting' ? (
        <>
          <dt>{STATUS_TIME_LABELS[call.status]}</dt>
          <dd>
            <time dateTime={call.respondedAt}>{formatDateTime(call.respondedAt)}</time>
          </dd>
        </>
      ) : null}
      {call.responseMs !== null ? (
        <>
          <dt>Response time</dt>
          <dd className="tabular">{formatDuration(call.responseMs)}</dd>
          {call.promisedBy || call.acknowledgedAt ? (
            <>
              <dt>Promise</dt>
              <dd>
                <PromiseNote status={call.status} promisedBy={call.promisedBy} acknowledgedAt={call.acknowledgedAt} timeZone={call.callee.timeZone} />
              </dd>
            </>
          ) : null}
          <dt>In working time</dt>
          <dd className="tabular">
            {formatDuration(call.workingMs)} <span className="muted">of {call.callee.name}’s working hours (their time zone, without holidays and absences)</span>
          </dd>
        </>
      ) : null}
      {call.closedAt ? (
        <>
          <dt>{STATUS_TIME_LABELS.withdrawn}</dt>
          <dd>
            <time dateTime={call.closedAt}>{formatDateTime(call.closedAt)}</time>{' '}
            <span className="muted">(after {formatDuration(Date.parse(call.closedAt) - Date.parse(call.placedAt))} without a reply)</span>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function PartyCard({ role, party, placedAt }: { role: 'Caller' | 'Callee'; party: Party; placedAt: string }) {
  const id = `party-${role.toLowerCase()}`;
  return (
    <section className="card party-card" aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {role}
      </h2>
      <p className="party-name">{party.name}</p>
      <p className="muted">{party.title}</p>
      <p>
        {party.ministry.name} <span className="muted">({party.ministry.shortName}, {party.ministry.country})</span>
      </p>
      <dl className="facts facts-compact">
        <dt>At the call</dt>
        <dd>
          {formatDateTimeIn(placedAt, party.timeZone)} <span className="muted">{party.timeZone}</span>
        </dd>
        <dt>Now</dt>
        <dd>
          <LocalTime timeZone={party.timeZone} showOffset />
        </dd>
      </dl>
    </section>
  );
}
