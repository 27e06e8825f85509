import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useMatch } from 'react-router';
import { type AppLocale, setDigits, setLocale } from '../i18n';
import { useMe } from '../lib/auth';
import { useTRPC } from '../trpc';

const asLocale = (v: unknown): AppLocale | null => (v === 'en' || v === 'ar' ? v : null);

/**
 * Applies a logged-in user's language and digits: the language saved on the profile, else the
 * organisation's default language (the one on screen, else the first), else what this device
 * already shows (its remembered choice or the browser's language). Logged out, the device's
 * choice (localStorage) or the browser's language applies (see i18n/index.ts).
 */
export function LocalePreferences() {
  const trpc = useTRPC();
  const me = useMe();
  const user = me.data;
  const saved = asLocale(user?.locale);
  const orgs = useQuery({ ...trpc.org.mine.queryOptions(), enabled: Boolean(user) && !saved });
  const slug = useMatch('/o/:slug/*')?.params.slug;
  const digits = user?.digits;
  useEffect(() => {
    if (user === undefined) return;
    if (user) setDigits(digits === 'arab' || digits === 'latn' ? digits : null);
  }, [user, digits]);
  useEffect(() => {
    if (!user) return;
    if (saved) {
      void setLocale(saved);
      return;
    }
    const org = orgs.data?.find((o) => o.slug === slug) ?? orgs.data?.[0];
    const orgDefault = asLocale(org?.defaultLocale);
    if (orgDefault) void setLocale(orgDefault, { remember: false });
  }, [user, saved, orgs.data, slug]);
  return null;
}
