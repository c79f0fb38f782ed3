import { useParams } from 'react-router';
import { BackLink } from '#client/components/ui/back-link.tsx';
import { WebhookView } from '#client/features/webhooks/components/webhook-view.tsx';
import { AdminNav } from './account-nav.tsx';

export default function WebhookPage() {
  const { id = '' } = useParams();
  return (
    <>
      <BackLink to="/webhooks">All webhooks</BackLink>
      <WebhookView id={id} nav={<AdminNav />} />
    </>
  );
}
