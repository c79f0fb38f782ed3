import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { meKey } from '#client/lib/query-client.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import { SessionList } from '#shared/schemas/auth.ts';
import { ApiTokenList, User, UserList, type UserCreate, type UserPatch } from '#shared/schemas/users.ts';

export const userKeys = {
  list: ['users', 'list'] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  tokens: (id: string) => ['users', 'tokens', id] as const,
  sessions: (id: string) => ['users', 'sessions', id] as const,
};

export const usersQuery = infiniteQueryOptions({
  queryKey: userKeys.list,
  queryFn: ({ signal, pageParam }) => api('/users', { signal, query: { limit: 200, cursor: pageParam } }, UserList),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export const userQuery = (id: string) => queryOptions({ queryKey: userKeys.detail(id), queryFn: ({ signal }) => api(`/users/${encodeURIComponent(id)}`, { signal }, User) });

export const userTokensQuery = (id: string) =>
  queryOptions({ queryKey: userKeys.tokens(id), queryFn: ({ signal }) => api(`/users/${encodeURIComponent(id)}/tokens`, { signal, query: { limit: 500 } }, ApiTokenList) });

export const userSessionsQuery = (id: string) =>
  queryOptions({ queryKey: userKeys.sessions(id), queryFn: ({ signal }) => api(`/users/${encodeURIComponent(id)}/sessions`, { signal, query: { limit: 500 } }, SessionList) });

/** Any change to a user makes the user lists, their details and (it may be oneself) who is logged in stale. */
function useRefreshUsers() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: queryRoots.users }), client.invalidateQueries({ queryKey: meKey })]).then(() => undefined);
}

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({ mutationFn: (body: UserCreate) => api('/users', { method: 'POST', json: body }, User), onSuccess: refresh });
}

export function useUpdateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) => api(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch }, User),
    onSuccess: refresh,
  });
}

export function useRevokeUserToken(userId: string) {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (tokenId: string) => api(`/users/${encodeURIComponent(userId)}/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useEndUserSessions(userId: string) {
  const refresh = useRefreshUsers();
  return useMutation({ mutationFn: () => api(`/users/${encodeURIComponent(userId)}/sessions`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useResetUserMfa(userId: string) {
  const refresh = useRefreshUsers();
  return useMutation({ mutationFn: () => api(`/users/${encodeURIComponent(userId)}/mfa`, { method: 'DELETE' }), onSuccess: refresh });
}
