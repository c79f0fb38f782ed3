import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { ApiError, api } from '#client/lib/api-client.ts';
import { meKey } from '#client/lib/query-client.ts';
import { Me, SetupStatus, type LoginRequest, type SetupRequest } from '#shared/schemas/users.ts';

export const setupStatusQuery = queryOptions({
  queryKey: ['auth', 'setup'] as const,
  queryFn: ({ signal }) => api('/auth/setup', { signal }, SetupStatus),
  staleTime: Infinity,
});

/** Who is logged in, or null when nobody is (a 401 is an answer here, not an error). */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: async ({ signal }): Promise<Me | null> => {
    try {
      return await api('/auth/me', { signal }, Me);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

/** Asked again after logging in, so the session cookie is known to work. */
function fetchMe(): Promise<Me> {
  return api('/auth/me', {}, Me);
}

export function useSetupStatus() {
  return useQuery(setupStatusQuery);
}

export function useMe() {
  return useQuery(meQuery);
}

/**
 * The logged-in user, as the auth gate last saw them. Read from the gate's
 * context rather than the query, so that on logout nothing under the gate
 * renders with no user in the moment before the gate redirects.
 */
export const CurrentUserContext = createContext<Me | null>(null);

/** The logged-in user; only for components under the auth gate. */
export function useCurrentUser(): Me {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside the auth gate');
  return user;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginRequest) => {
      await api('/auth/login', { method: 'POST', json: body });
      return fetchMe();
    },
    onSuccess: (user) => {
      client.setQueryData(meKey, user);
    },
  });
}

export function useSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: SetupRequest) => {
      await api('/auth/setup', { method: 'POST', json: body });
      return fetchMe();
    },
    onSuccess: (user) => {
      client.setQueryData(setupStatusQuery.queryKey, { needsSetup: false });
      client.setQueryData(meKey, user);
    },
  });
}

/** Whether a failed login asks for the two-factor code (the password was right). */
export function needsSecondFactor(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.problem.mfaRequired === true;
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // Whatever the server said, this tab forgets everything it had loaded.
      client.clear();
      client.setQueryData(meKey, null);
    },
  });
}
