import { Button } from './button.tsx';

/** The paging part of an infinite query (useInfiniteQuery's result). */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** The "Load more" button under a paged list; nothing once there is no next page. */
export function LoadMore({ pages }: { pages: PagedQuery }) {
  if (!pages.hasNextPage) return null;
  return (
    <div className="load-more">
      <Button busy={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
        Load more
      </Button>
    </div>
  );
}
