import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { setLocale } from '../i18n';
import { Button } from './ui/button';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'ar' ? 'en' : 'ar';
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={() => setLocale(next)}
      title={t('common.language')}
      data-testid="language-switch"
    >
      <Languages className="size-4" aria-hidden />
      {/* The accessible name is the visible language name (WCAG 2.5.3); on a phone, where it is hidden, "Language". */}
      <span className="sr-only sm:hidden">{t('common.language')}</span>
      <span lang={next} className="hidden sm:inline">
        {next === 'ar' ? t('common.arabic') : t('common.english')}
      </span>
    </Button>
  );
}
