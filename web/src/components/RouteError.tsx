import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage';
import { Alert } from './ui/alert';
import { Button } from './ui/button';

/** Shown instead of a blank page when rendering a route throws. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="mx-auto max-w-lg py-16" data-testid="route-error">
      <Alert tone="error">
        <p className="font-medium">{t('errors.pageCrashed')}</p>
        <p>{t('errors.generic')}</p>
      </Alert>
      <Button asChild variant="secondary" className="mt-6">
        <Link to="/" reloadDocument>
          {t('common.backHome')}
        </Link>
      </Button>
    </div>
  );
}
