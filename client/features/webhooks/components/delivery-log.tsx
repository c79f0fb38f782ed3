import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime, formatDateTimeSeconds, formatDuration, formatRelative } from '#client/lib/format.ts';
import { notify } from '#client/lib/notices.ts';
import type { Delivery } from '#shared/schemas/webhooks.ts';
import { deliveriesQuery, useResendDelivery } from '../api/webhooks.ts';

const STATE_LABEL: Record<Delivery['state'], { label: string; className: string }> = {
  pending: { label: 'Pending', className: 'badge badge-failing' },
  delivered: { label: 'Delivered', className: 'badge badge-on' },
  failed: { label: 'Failed', className: 'badge badge-failed' },
};

/** A try's time, or a retry's, to the second. */
function Exact({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTimeSeconds(iso)}</time>;
}

function Time({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}

/** The webhook's deliveries, newest first: each try with its time, status, duration, error and next retry; resend any. */
export function DeliveryLog({ webhookId, enabled, now }: { webhookId: string; enabled: boolean; now: number }) {
  const query = useInfiniteQuery(deliveriesQuery(webhookId));
  const resend = useResendDelivery();
  const deliveries = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) return <Loading label="Loading deliveries…" />;
  if (query.isError) return <Alert title="The deliveries could not be loaded">{query.error.message}</Alert>;
  if (deliveries.length === 0) return <EmptyState title="No deliveries yet">Send a test delivery to see one here.</EmptyState>;
  return (
    <>
      <ol className="delivery-list">
        {deliveries.map((delivery) => (
          <li key={delivery.id} className="delivery">
            <div className="delivery-head">
              <div className="delivery-title">
                <span className={STATE_LABEL[delivery.state].className}>{STATE_LABEL[delivery.state].label}</span>
                <code>{delivery.type}</code>
                <span className="muted">
                  stored <Time iso={delivery.createdAt} now={now} />
                </span>
              </div>
              <Button
                size="small"
                disabled={!enabled}
                busy={resend.isPending && resend.variables.deliveryId === delivery.id}
                title={enabled ? undefined : 'Enable the webhook to resend'}
                onClick={() =>
                  resend.mutate(
                    { id: webhookId, deliveryId: delivery.id },
                    { onSuccess: () => notify('Delivery queued to be sent again.', 'success'), onError: (error) => notify(error.message, 'error') },
                  )
                }
              >
                Resend
              </Button>
            </div>
            <p className="delivery-meta muted break-anywhere">
              Event <code>{delivery.eventId}</code>
              {delivery.nextAttemptAt ? (
                <>
                  {' '}· next try <Exact iso={delivery.nextAttemptAt} />
                </>
              ) : null}
            </p>
            {delivery.attempts.length === 0 ? (
              <p className="muted">Not tried yet.</p>
            ) : (
              <table className="table records-table">
                <caption className="visually-hidden">Tries of this delivery</caption>
                <thead>
                  <tr>
                    <th scope="col">Try</th>
                    <th scope="col">Time</th>
                    <th scope="col">Status</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Error</th>
                    <th scope="col">Next retry</th>
                  </tr>
                </thead>
                <tbody>
                  {[...delivery.attempts].reverse().map((attempt) => (
                    <tr key={attempt.attempt}>
                      <td data-label="Try">{attempt.attempt}</td>
                      <td data-label="Time">
                        <Exact iso={attempt.at} />
                      </td>
                      <td data-label="Status" className={attempt.error ? 'webhook-failed-try' : undefined}>
                        {attempt.statusCode ?? 'No answer'}
                      </td>
                      <td data-label="Duration">{attempt.durationMs < 1000 ? `${attempt.durationMs} ms` : formatDuration(attempt.durationMs, 'timer')}</td>
                      <td data-label="Error" className="break-anywhere">
                        {attempt.error ?? <span className="muted">—</span>}
                      </td>
                      <td data-label="Next retry">{attempt.nextRetryAt ? <Exact iso={attempt.nextRetryAt} /> : <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ol>
      <LoadMore pages={query} />
    </>
  );
}
