import { Button } from './button.tsx';

/** The "Load more" button under a paged list; nothing once there is no next page. */
export function LoadMore({ hasMore, busy, onLoadMore }: { hasMore: boolean; busy: boolean; onLoadMore: () => void }) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <Button busy={busy} onClick={onLoadMore}>
        Load more
      </Button>
    </div>
  );
}
