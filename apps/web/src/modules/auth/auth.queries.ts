import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, OidcPublicConfig } from '@trama/contracts';
import { ApiError, api } from '../../api/client';

export type { Me, Membership } from '@trama/contracts';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no valid session. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Me>('/auth/me', undefined, signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<Me>('/auth/login', input),
    onSuccess: (me) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}

/** Act for another membership: everything cached belonged to the previous one. */
export function useSwitchMembership() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => api.post<Me>('/auth/membership', { membershipId }),
    onSuccess: (me) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== 'reference' });
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/auth/password', input),
  });
}

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.post<Me>('/auth/invitations/accept', input),
    onSuccess: (me) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      qc.setQueryData(ME_KEY, me);
    },
  });
}

/** Whether the SPID/CIE (OpenID Connect) sign-in is configured; false when the endpoint is missing. */
export function useOidcConfig() {
  return useQuery({
    queryKey: ['auth', 'oidc-config'],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<OidcPublicConfig>('/auth/oidc/config', undefined, signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return { enabled: false, label: '' };
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

export const isPlatformAdmin = (me: Me | null | undefined) => me?.activeMembership.role === 'platform_admin';
