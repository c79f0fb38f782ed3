import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';
import { staleAfterChange, type ChangedKind } from './query-keys.ts';

export const meKey = ['auth', 'me'] as const satisfies QueryKey;

/**
 * One client for the app. A 401 from any request means the session ended
 * (expired, or logged out in another tab): forgetting who is logged in sends
 * the auth gate back to the login screen.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onUnauthorized(client, error) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthorized(client, error) }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        // Client errors (4xx) will not fix themselves on retry; network blips may.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

function onUnauthorized(client: QueryClient, error: unknown) {
  if (error instanceof ApiError && error.status === 401 && client.getQueryData(meKey)) {
    client.setQueryData(meKey, null);
  }
}

/** Marks everything a change to this kind of object affects as stale. */
export function invalidateAfterChange(client: QueryClient, kind: ChangedKind): Promise<void> {
  return Promise.all(staleAfterChange[kind].map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined);
}
