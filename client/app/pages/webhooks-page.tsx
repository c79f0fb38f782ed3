import { PageHeader } from '#client/components/ui/page-header.tsx';
import { WebhooksPanel } from '#client/features/webhooks/components/webhooks-panel.tsx';
import { AdminNav } from './account-nav.tsx';

export default function WebhooksPage() {
  return (
    <>
      <PageHeader title="Webhooks" subtitle="Where alerts are sent as signed JSON, and how each delivery went." />
      <AdminNav />
      <WebhooksPanel />
    </>
  );
}
