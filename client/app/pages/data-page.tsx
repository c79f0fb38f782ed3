import { Alert } from '#client/components/ui/alert.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { ExportCard } from '#client/features/transfer/components/export-card.tsx';
import { ImportForm } from '#client/features/transfer/components/import-form.tsx';
import { hasRole } from '#shared/schemas/users.ts';

export default function DataPage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Import & export" subtitle="Move calls in and out as CSV or JSON files." />
      <div className="settings-grid">
        <ExportCard />
        {hasRole(user.role, 'analyst') ? (
          <ImportForm />
        ) : (
          <Alert tone="info" title="Importing needs the analyst role">
            You can download every call; ask an admin to import files.
          </Alert>
        )}
      </div>
    </>
  );
}
