import { PageHeader } from '#client/components/ui/page-header.tsx';
import { ResponseTimesView } from '#client/features/stats/components/response-times-view.tsx';

// Loaded lazily by the router: recharts comes with this page, not with the board.
export default function ResponseTimesPage() {
  return (
    <>
      <PageHeader title="Response times" subtitle="How fast each ministry replies — counting the calls it leaves unanswered." />
      <ResponseTimesView />
    </>
  );
}
