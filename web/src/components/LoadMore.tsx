/** The next page of a list that pages with `nextToken` (react-query's infinite queries). */
export function LoadMore({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> } }) {
  if (!query.hasNextPage) return null;
  return (
    <p>
      <button type="button" className="button button--secondary" onClick={() => void query.fetchNextPage()} aria-disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
      </button>
    </p>
  );
}
