import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime, formatRelative } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';
import { webhooksQuery } from '../api/webhooks.ts';
import { NewWebhookDialog } from './new-webhook-dialog.tsx';
import { WebhookStatus } from './webhook-status.tsx';
import '../webhooks.css';

const minuteOf = (now: number) => Math.floor(now / 60_000) * 60_000;

/** Every webhook with its state and latest try; add one (its secret shown once). */
export function WebhooksPanel() {
  const query = useInfiniteQuery(webhooksQuery);
  const now = useTick(minuteOf);
  const [adding, setAdding] = useState(false);
  const webhooks = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card account-card" aria-labelledby="webhooks-title">
      <div className="card-head">
        <h2 id="webhooks-title">Webhooks</h2>
        <Button variant="primary" onClick={() => setAdding(true)}>
          Add webhook
        </Button>
      </div>
      <p className="section-intro">
        Alert rules with the webhook channel POST each alert here as JSON, signed with the webhook’s secret in <code>Readout-Signature</code>. A failed delivery is retried for
        24 hours; a webhook that fails for 24 hours is disabled.
      </p>
      {query.isPending ? (
        <Loading label="Loading webhooks…" />
      ) : query.isError ? (
        <Alert title="The webhooks could not be loaded">{query.error.message}</Alert>
      ) : webhooks.length === 0 ? (
        <EmptyState title="No webhooks yet">Add one to send alerts to another system, such as a chat channel or an incident tool.</EmptyState>
      ) : (
        <>
          <table className="table records-table">
            <caption className="visually-hidden">Webhooks</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Status</th>
                <th scope="col">Latest try</th>
                <th scope="col">Pending</th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((webhook) => (
                <tr key={webhook.id}>
                  <td data-label="URL" className="break-anywhere">
                    <Link to={`/webhooks/${encodeURIComponent(webhook.id)}`}>{webhook.url}</Link>
                  </td>
                  <td data-label="Status">
                    <WebhookStatus webhook={webhook} now={now} />
                  </td>
                  <td data-label="Latest try">
                    {webhook.lastAttempt ? (
                      <>
                        <span className={webhook.lastAttempt.ok ? undefined : 'text-danger'}>{webhook.lastAttempt.statusCode ?? 'No answer'}</span>
                        {', '}
                        <time dateTime={webhook.lastAttempt.at} title={formatDateTime(webhook.lastAttempt.at)}>
                          {formatRelative(webhook.lastAttempt.at, now)}
                        </time>
                      </>
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td data-label="Pending">{webhook.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore pages={query} />
        </>
      )}
      <NewWebhookDialog open={adding} onClose={() => setAdding(false)} />
    </section>
  );
}
