import { hashKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { setLocale } from '../i18n';
import { errorData, type RouterOutputs, useTRPC } from '../trpc';

export type Me = NonNullable<RouterOutputs['auth']['me']>;

/** The signed-in user (`data` is null when logged out). */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions());
}

/**
 * A `?next=` target we may follow: a same-site path (starts with one `/`, not `//` or `/\`).
 * Anything else gives null.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** `/login?next=<path>` (or `/signup?...`), keeping the way back. */
export function authPath(page: 'login' | 'signup', next: string | null | undefined): string {
  const safe = safeNextPath(next);
  return safe && safe !== '/' ? `/${page}?next=${encodeURIComponent(safe)}` : `/${page}`;
}

/**
 * After a log-in or sign-up: refresh everything the new session sees and apply the user's saved
 * language preference, if any.
 */
export function useAfterAuth() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await queryClient.invalidateQueries();
    const me = await queryClient.fetchQuery(trpc.auth.me.queryOptions());
    if (me?.locale === 'en' || me?.locale === 'ar') setLocale(me.locale);
    return me;
  }, [queryClient, trpc]);
}

/**
 * Log out: end the session on the server, then forget every cached answer of this user.
 * `to` (default `/login`) is where to go; null stays on the current page.
 */
export function useLogOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation(trpc.auth.logOut.mutationOptions());
  const { mutateAsync } = mutation;
  const logOut = useCallback(
    async (to: string | null = '/login') => {
      try {
        await mutateAsync();
      } catch (err) {
        // Already logged out (session ended elsewhere) is fine; anything else leaves us logged in.
        if (errorData(err)?.code !== 'UNAUTHORIZED') return false;
      }
      // Leave the page first, so a protected page does not redirect with `?next=` to itself.
      if (to) await navigate(to, { replace: true });
      const meKey = trpc.auth.me.queryKey();
      const meHash = hashKey(meKey);
      await queryClient.cancelQueries();
      queryClient.setQueryData(meKey, null);
      queryClient.removeQueries({ predicate: (q) => q.queryHash !== meHash });
      return true;
    },
    [mutateAsync, navigate, queryClient, trpc],
  );
  return { logOut, isPending: mutation.isPending, error: mutation.error };
}
