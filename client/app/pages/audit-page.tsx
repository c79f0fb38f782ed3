import { PageHeader } from '#client/components/ui/page-header.tsx';
import { AuditView } from '#client/features/audit/components/audit-view.tsx';
import { useListParams } from '#client/lib/use-list-params.ts';
import { AdminNav } from './account-nav.tsx';

export default function AuditPage() {
  const [params, setParam] = useListParams(['type', 'actor', 'from', 'to'] as const);
  return (
    <>
      <PageHeader title="Audit log" subtitle="Security events: logins, refusals, changes to users, tokens and two-factor, exports. Entries cannot be changed." />
      <AdminNav />
      <AuditView params={params} setParam={setParam} />
    </>
  );
}
