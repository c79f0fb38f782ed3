import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { CopyButton } from '#client/components/ui/copy-button.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { formatDateTime, formatDuration } from '#client/lib/format.ts';
import type { BriefingOpenCall, BriefingReply } from '#shared/schemas/briefing.ts';
import { useBriefing } from '../api/briefing.ts';
import '../briefing.css';

function Facts({ item }: { item: BriefingOpenCall | BriefingReply }) {
  const facts: string[] = [];
  if ('waitingMs' in item) {
    facts.push(`${formatDuration(item.workingMs, 'hours')} of working time`);
    if (item.shareRepliedSooner !== null) facts.push(`longer than ${Math.round(item.shareRepliedSooner * 100)}% of ${item.callee.ministry.shortName}'s calls waited for a reply`);
    if (item.availability.state === 'away') facts.push(`away${item.availability.until ? ` until ${formatDateTime(item.availability.until)}` : ''}`);
  } else {
    facts.push(`${formatDuration(item.workingMs, 'hours')} of working time`);
  }
  return <p className="briefing-facts">{facts.join(' · ')}</p>;
}

function Item({ item }: { item: BriefingOpenCall | BriefingReply }) {
  const promise = 'promise' in item && item.promise !== 'none' ? item.promise : null;
  return (
    <li className="briefing-item">
      <div className="briefing-round">
        {item.round ? <>Round: {item.round.title}</> : <span className="briefing-no-round">No round</span>}
        {promise === 'broken' ? <span className="badge badge-red">Promise broken</span> : promise === 'pending' ? <span className="badge">Promised</span> : null}
      </div>
      <p className="briefing-sentence">{item.sentence}</p>
      <Facts item={item} />
      <div className="briefing-actions no-print">
        <CopyButton text={item.sentence} label="Copy sentence" />
        <Link to={`/calls/${encodeURIComponent(item.callId)}`} className="btn btn-ghost">
          Open the call
        </Link>
      </div>
    </li>
  );
}

/** Today's answer to "has he called back?", printable: open calls, then the replies of the last 24 hours. */
export function BriefingView() {
  const briefing = useBriefing();
  const asOf = briefing.data ? formatDateTime(briefing.data.asOf) : undefined;
  return (
    <div className="briefing">
      <PageHeader
        title="Briefing"
        subtitle={asOf ? `As of ${asOf}: every call still awaiting a call back, and the replies of the last 24 hours.` : 'Every call still awaiting a call back, and the replies of the last 24 hours.'}
        actions={
          <Button className="no-print" onClick={() => window.print()}>
            Print
          </Button>
        }
      />
      {briefing.isPending ? <Loading label="Writing the briefing…" /> : null}
      {briefing.isError ? <Alert tone="error">The briefing could not be loaded: {briefing.error.message}</Alert> : null}
      {briefing.data ? (
        <>
          <section className="briefing-section" aria-labelledby="briefing-open">
            <h2 id="briefing-open">Still awaiting a call back ({briefing.data.open.length})</h2>
            {briefing.data.open.length === 0 ? (
              <EmptyState title="No call is awaiting a call back." />
            ) : (
              <ol className="briefing-list">{briefing.data.open.map((item) => <Item key={item.callId} item={item} />)}</ol>
            )}
          </section>
          <section className="briefing-section" aria-labelledby="briefing-replied">
            <h2 id="briefing-replied">Replied in the last 24 hours ({briefing.data.repliedSince.length})</h2>
            {briefing.data.repliedSince.length === 0 ? (
              <EmptyState title="No replies in the last 24 hours." />
            ) : (
              <ol className="briefing-list">{briefing.data.repliedSince.map((item) => <Item key={item.callId} item={item} />)}</ol>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
