import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from './ui/button';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold">{t('common.notFoundTitle')}</h1>
      <p className="mt-2 text-slate-600">{t('common.notFoundBody')}</p>
      <Button asChild className="mt-6">
        <Link to="/">{t('common.backHome')}</Link>
      </Button>
    </div>
  );
}
