import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { translateServerMessage } from '../i18n';
import { errorData } from '../trpc';
import { Alert } from './ui/alert';
import { Button } from './ui/button';
import { Spinner } from './ui/spinner';

/** Loading, error and empty states for one query, the same everywhere. */
export function QueryState({
  isPending,
  error,
  onRetry,
  errorTitle,
  children,
}: {
  isPending: boolean;
  error: unknown;
  onRetry?: () => void;
  errorTitle?: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  if (isPending) {
    return (
      <div className="flex items-center gap-2 py-8 text-sm text-slate-600" data-testid="loading">
        <Spinner className="size-4" />
        {t('common.loading')}
      </div>
    );
  }
  if (error) {
    const data = errorData(error);
    const message = data ? translateServerMessage((error as Error).message) : t('errors.network');
    return (
      <Alert tone="error">
        <p className="font-medium">{errorTitle ?? t('errors.generic')}</p>
        <p>{message}</p>
        {onRetry ? (
          <Button variant="secondary" size="sm" className="mt-2" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Alert>
    );
  }
  return <>{children}</>;
}
