import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import type { Permission } from '../../../src/auth/permissions';
import type { OrganisationType, Role } from '../../../src/db/schema';
import { type Locale, setLocale } from '../i18n';
import { ApiError, api, setUnauthenticatedHandler } from './api';

/** The logged-in account as `GET /api/auth/me` answers. */
export type Me = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
  programmeId: string;
  personId: string | null;
  organisation: { id: string; name: string; nameEn: string | null; type: OrganisationType };
  permissions: Permission[];
};

type Auth = {
  me: Me | null;
  isLoading: boolean;
  /** Set when the server could not say who is logged in (it is down or failing). */
  error: Error | null;
  retry: () => void;
  can: (permission: Permission | null) => boolean;
  logIn: (username: string, password: string) => Promise<void>;
  logOut: () => Promise<void>;
  changeLocale: (locale: Locale) => Promise<void>;
};

const AuthContext = createContext<Auth | null>(null);
const ME = ['auth', 'me'] as const;

/** Forgets every cached answer of the previous account, keeping the (observed) session query. */
const forgetData = (client: QueryClient) =>
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });

async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Holds the session: who is logged in, what they may use, and their saved language. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ME, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
  const me = query.data ?? null;

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (client.getQueryData(ME)) {
        client.setQueryData(ME, null);
        forgetData(client);
      }
    });
  }, [client]);

  // The account's saved language wins over the one chosen on the login page.
  useEffect(() => {
    if (me) setLocale(me.locale);
  }, [me]);

  const logIn = useCallback(
    async (username: string, password: string) => {
      await api('/auth/login', { method: 'POST', body: { username, password } });
      forgetData(client);
      client.setQueryData(ME, await fetchMe());
    },
    [client],
  );

  const logOut = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      client.setQueryData(ME, null);
      forgetData(client);
    }
  }, [client]);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      setLocale(locale);
      const current = client.getQueryData<Me | null>(ME);
      if (!current) return;
      await api('/auth/me', { method: 'PATCH', body: { locale } });
      client.setQueryData(ME, { ...current, locale });
    },
    [client],
  );

  const value = useMemo<Auth>(
    () => ({
      me,
      isLoading: query.isLoading,
      error: query.error,
      retry: () => void query.refetch(),
      can: (permission) => permission === null || (me?.permissions.includes(permission) ?? false),
      logIn,
      logOut,
      changeLocale,
    }),
    [me, query.isLoading, query.error, query.refetch, logIn, logOut, changeLocale],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
