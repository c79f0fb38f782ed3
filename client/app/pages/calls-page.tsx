import { PageHeader } from '#client/components/ui/page-header.tsx';
import { CallsFilters } from '#client/features/calls/components/calls-filters.tsx';
import { CallsList } from '#client/features/calls/components/calls-list.tsx';
import { toApiQuery } from '#client/features/calls/lib/call-filters.ts';
import { useCallFilters } from '#client/features/calls/lib/use-call-filters.ts';
import { MinistryFilter } from '#client/features/ministries/components/ministry-select.tsx';
import { OfficialFilter } from '#client/features/officials/components/official-filter.tsx';
import { ExportLinks } from '#client/features/transfer/components/export-links.tsx';

export default function CallsPage() {
  const [filters, setFilters] = useCallFilters();
  const { order: _order, ...selection } = toApiQuery(filters);
  return (
    <>
      <PageHeader
        title="Calls"
        subtitle="Every logged call, with its outcome and response time."
        actions={<ExportLinks filters={selection} label="Export" />}
      />
      <div className="calls-page">
        <CallsFilters
          filters={filters}
          onChange={setFilters}
          ministryFilter={<MinistryFilter label="Callee's ministry" value={filters.ministryId ?? ''} onChange={(id) => setFilters({ ministryId: id || undefined })} />}
          officialFilter={<OfficialFilter label="Official (either side)" value={filters.officialId ?? ''} onChange={(id) => setFilters({ officialId: id || undefined })} />}
        />
        <div className="calls-results">
          <CallsList filters={filters} onClearFilters={() => setFilters({ status: [], ministryId: undefined, officialId: undefined, from: undefined, to: undefined, q: undefined })} />
        </div>
      </div>
    </>
  );
}
