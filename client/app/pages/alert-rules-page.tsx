import { AlertRulesView } from '#client/features/alerts/components/alert-rules-view.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { MinistrySelect } from '#client/features/ministries/components/ministry-select.tsx';
import { RoundSelect } from '#client/features/rounds/components/round-select.tsx';
import { WebhookSelect } from '#client/features/webhooks/components/webhook-select.tsx';

export default function AlertRulesPage() {
  const user = useCurrentUser();
  return (
    <AlertRulesView
      renderMinistrySelect={(props) => <MinistrySelect {...props} />}
      renderRoundSelect={(props) => <RoundSelect {...props} />}
      renderWebhookSelect={user.role === 'admin' ? (props) => <WebhookSelect {...props} /> : undefined}
    />
  );
}
