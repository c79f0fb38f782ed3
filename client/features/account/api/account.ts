import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { meKey } from '#client/lib/query-client.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import { MfaSetup, MfaStatus, RecoveryCodes, type Reauthenticate, SessionList } from '#shared/schemas/auth.ts';
import { ApiTokenCreated, ApiTokenList, Me, type MePatch, type PasswordChange } from '#shared/schemas/users.ts';

export const accountKeys = {
  tokens: ['account', 'tokens'] as const,
  sessions: ['account', 'sessions'] as const,
  mfa: ['account', 'mfa'] as const,
};

export const tokensQuery = infiniteQueryOptions({
  queryKey: accountKeys.tokens,
  queryFn: ({ signal, pageParam }) => api('/tokens', { signal, query: { limit: 100, cursor: pageParam } }, ApiTokenList),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export const sessionsQuery = infiniteQueryOptions({
  queryKey: accountKeys.sessions,
  queryFn: ({ signal, pageParam }) => api('/auth/sessions', { signal, query: { limit: 100, cursor: pageParam } }, SessionList),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export const mfaQuery = queryOptions({ queryKey: accountKeys.mfa, queryFn: ({ signal }) => api('/auth/mfa', { signal }, MfaStatus) });

/** After a change to the account, everything about it (and who is logged in) is read again. */
export function useRefreshAccount() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: queryRoots.account }), client.invalidateQueries({ queryKey: meKey })]).then(() => undefined);
}

export function useChangePassword() {
  const refresh = useRefreshAccount();
  return useMutation({ mutationFn: (body: PasswordChange) => api('/auth/password', { method: 'POST', json: body }), onSuccess: refresh });
}

export function useReauthenticate() {
  return useMutation({ mutationFn: (body: Reauthenticate) => api('/auth/reauthenticate', { method: 'POST', json: body }) });
}

export function useCreateToken() {
  const refresh = useRefreshAccount();
  return useMutation({
    mutationFn: (body: { name: string; expiresAt: string }) => api('/tokens', { method: 'POST', json: body }, ApiTokenCreated),
    onSuccess: refresh,
  });
}

export function useRevokeToken() {
  const refresh = useRefreshAccount();
  return useMutation({ mutationFn: (id: string) => api(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useEndSession() {
  const refresh = useRefreshAccount();
  return useMutation({ mutationFn: (id: string) => api(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }), onSuccess: refresh });
}

/** Ends every session, this one too: the tab then forgets everything, as on logout. */
export function useLogoutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('/auth/logout-all', { method: 'POST' }),
    onSuccess: () => {
      client.clear();
      client.setQueryData(meKey, null);
    },
  });
}

export function useStartMfaSetup() {
  return useMutation({ mutationFn: () => api('/auth/mfa/setup', { method: 'POST' }, MfaSetup) });
}

/**
 * Turns two-factor on. Nothing is read again yet: the page showing the
 * recovery codes must stay until they are saved (`useRefreshAccount` then).
 */
export function useEnableMfa() {
  return useMutation({ mutationFn: (code: string) => api('/auth/mfa/enable', { method: 'POST', json: { code } }, RecoveryCodes) });
}

export function useDisableMfa() {
  const refresh = useRefreshAccount();
  return useMutation({ mutationFn: (body: { password: string; code: string }) => api('/auth/mfa/disable', { method: 'POST', json: body }), onSuccess: refresh });
}

export function useNewRecoveryCodes() {
  const refresh = useRefreshAccount();
  return useMutation({ mutationFn: () => api('/auth/mfa/recovery-codes', { method: 'POST' }, RecoveryCodes), onSuccess: refresh });
}

/** Your own email address, time zone and daily briefing time (PATCH /auth/me). */
export function useUpdateMe() {
  const refresh = useRefreshAccount();
  return useMutation({ mutationFn: (body: MePatch) => api('/auth/me', { method: 'PATCH', json: body }, Me), onSuccess: refresh });
}
