import { formatRelative } from '#client/lib/format.ts';
import type { Webhook } from '#shared/schemas/webhooks.ts';

/** Enabled and well, failing (since when), or disabled — by an admin or by Readout after 24 hours of failures. */
export function WebhookStatus({ webhook, now }: { webhook: Webhook; now: number }) {
  if (!webhook.enabled) {
    return <span className={`badge ${webhook.disabledReason ? 'badge-failed' : 'badge-off'}`}>{webhook.disabledReason ? 'Disabled after failures' : 'Disabled'}</span>;
  }
  if (webhook.failingSince) return <span className="badge badge-failing">Failing since {formatRelative(webhook.failingSince, now)}</span>;
  return <span className="badge badge-on">Active</span>;
}
