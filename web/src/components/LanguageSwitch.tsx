import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { setLocale } from '../i18n';
import { useMe } from '../lib/auth';
import { useTRPC } from '../trpc';
import { Button } from './ui/button';

/**
 * The header's language switch, on every page (logged out too). It switches at once; for a
 * logged-in user the choice is then saved on the profile (users.locale), otherwise on this device.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const save = useMutation(trpc.auth.updateProfile.mutationOptions());
  const next = i18n.language === 'ar' ? 'en' : 'ar';
  const onClick = () => {
    void setLocale(next);
    if (!me.data) return;
    // The profile now says `next`, so LocalePreferences keeps it; saved in the background.
    queryClient.setQueryData(trpc.auth.me.queryKey(), (old) => (old ? { ...old, locale: next } : old));
    save.mutate({ locale: next }, { onSettled: () => queryClient.invalidateQueries(trpc.auth.me.queryFilter()) });
  };
  return (
    <Button variant="ghost" size="sm" onClick={onClick} title={t('common.language')} data-testid="language-switch">
      <Languages className="size-4" aria-hidden />
      {/* The accessible name is the visible language name (WCAG 2.5.3); on a phone, where it is hidden, "Language". */}
      <span className="sr-only sm:hidden">{t('common.language')}</span>
      <span lang={next} className="hidden sm:inline">
        {next === 'ar' ? t('common.arabic') : t('common.english')}
      </span>
    </Button>
  );
}
