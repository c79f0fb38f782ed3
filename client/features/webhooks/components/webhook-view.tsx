import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { ConfirmActionDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { formatDateTime } from '#client/lib/format.ts';
import { notify } from '#client/lib/notices.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { Webhook } from '#shared/schemas/webhooks.ts';
import { useDeleteWebhook, usePatchWebhook, useSendTest, webhookQuery } from '../api/webhooks.ts';
import { DeliveryLog } from './delivery-log.tsx';
import { WebhookStatus } from './webhook-status.tsx';
import '../webhooks.css';

const minuteOf = (now: number) => Math.floor(now / 60_000) * 60_000;

/** One webhook for an admin: its state (and why Readout disabled it), a test send, enable/disable, delete, and its delivery log. */
export function WebhookView({ id, nav }: { id: string; nav?: ReactNode }) {
  const query = useQuery(webhookQuery(id));
  const now = useTick(minuteOf);
  if (query.isPending) return <Loading label="Loading the webhook…" />;
  if (query.isError) return <Alert title="The webhook could not be loaded">{query.error.message}</Alert>;
  const webhook = query.data;
  return (
    <>
      <PageHeader title="Webhook" subtitle={<span className="break-anywhere">{webhook.url}</span>} />
      {nav}
      <WebhookFacts webhook={webhook} now={now} />
      <section className="card account-card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Delivery log</h2>
        <DeliveryLog webhookId={webhook.id} enabled={webhook.enabled} now={now} />
      </section>
    </>
  );
}

function WebhookFacts({ webhook, now }: { webhook: Webhook; now: number }) {
  const [deleting, setDeleting] = useState(false);
  const patch = usePatchWebhook();
  const test = useSendTest();
  const remove = useDeleteWebhook();
  const navigate = useNavigate();
  const setEnabled = (enabled: boolean) =>
    patch.mutate(
      { id: webhook.id, patch: { enabled } },
      { onSuccess: () => notify(enabled ? 'Webhook enabled.' : 'Webhook disabled.', 'success'), onError: (error) => notify(error.message, 'error') },
    );
  return (
    <section className="card account-card" aria-labelledby="webhook-title">
      <h2 id="webhook-title">Status</h2>
      {webhook.disabledReason ? (
        <Alert tone="warning" title={`Readout disabled this webhook${webhook.disabledAt ? ` on ${formatDateTime(webhook.disabledAt)}` : ''}`}>
          <p>{webhook.disabledReason}</p>
          <p>Fix the receiver, then enable it: deliveries still pending go out again.</p>
        </Alert>
      ) : null}
      <dl className="facts">
        <dt>State</dt>
        <dd>
          <WebhookStatus webhook={webhook} now={now} />
        </dd>
        <dt>Pending deliveries</dt>
        <dd>{webhook.pending}</dd>
        <dt>Added</dt>
        <dd>{formatDateTime(webhook.createdAt)}</dd>
      </dl>
      <div className="webhook-actions">
        <Button
          busy={test.isPending}
          disabled={!webhook.enabled}
          onClick={() => test.mutate(webhook.id, { onSuccess: () => notify('Test delivery queued.', 'success'), onError: (error) => notify(error.message, 'error') })}
        >
          Send test delivery
        </Button>
        {webhook.enabled ? (
          <Button busy={patch.isPending} onClick={() => setEnabled(false)}>
            Disable
          </Button>
        ) : (
          <Button variant="primary" busy={patch.isPending} onClick={() => setEnabled(true)}>
            Enable
          </Button>
        )}
        <Button variant="danger" onClick={() => setDeleting(true)}>
          Delete
        </Button>
      </div>
      <ConfirmActionDialog
        open={deleting}
        title="Delete this webhook?"
        description="Its delivery log goes with it, and pending deliveries are not sent. Alert rules that name it stop sending to a webhook."
        action={remove}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(webhook.id, {
            onSuccess: () => {
              notify('Webhook deleted.', 'success');
              void navigate('/webhooks');
            },
          })
        }
      />
    </section>
  );
}
