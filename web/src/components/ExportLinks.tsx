import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../lib/org';
import { Button } from './ui/button';

/**
 * "Export progress / reviews (CSV)": plain links to the server's cookie-authenticated CSV exports,
 * shown to those who may read cohorts (the server checks `cohorts.read` too).
 */
export function ExportLinks({ cohortId }: { cohortId: string }) {
  const { t, i18n } = useTranslation();
  const { slug, can } = useOrg();
  if (!can('cohorts.read')) return null;
  const base = `/export/${encodeURIComponent(slug)}/cohorts/${encodeURIComponent(cohortId)}`;
  // the file is written in the language the reader is looking at, not only their saved one
  const lang = `?lang=${i18n.language === 'ar' ? 'ar' : 'en'}`;
  return (
    <div className="no-print flex flex-wrap items-center gap-2">
      <Button asChild variant="secondary" size="sm">
        <a href={`${base}/progress.csv${lang}`} download data-testid="export-progress">
          <Download className="size-4" aria-hidden />
          {t('exports.progress')}
        </a>
      </Button>
      <Button asChild variant="secondary" size="sm">
        <a href={`${base}/reviews.csv${lang}`} download data-testid="export-reviews">
          <Download className="size-4" aria-hidden />
          {t('exports.reviews')}
        </a>
      </Button>
    </div>
  );
}
