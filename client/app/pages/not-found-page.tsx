import { Link } from 'react-router';
import { PageHeader } from '#client/components/ui/page-header.tsx';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" subtitle="Nothing lives at this address." />
      <Link to="/">Back to the board</Link>
    </>
  );
}
