import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../components/QueryState';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
import { DEFAULT_TIME_ZONE } from '../i18n';
import { useIntlLocale } from '../lib/format';
import { useTRPC } from '../trpc';

/** The system card (signed-in users): app version and database facts, read through tRPC from the database. */
export function SystemStatus() {
  const { t } = useTranslation();
  const locale = useIntlLocale();
  const trpc = useTRPC();
  const info = useQuery(trpc.system.info.queryOptions());
  const fmt = (n: number) => new Intl.NumberFormat(locale).format(n);
  return (
    <Card data-testid="system-card">
      <CardHeader>
        <CardTitle>{t('home.systemTitle')}</CardTitle>
        <CardDescription>{t('home.systemDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <QueryState
          isPending={info.isPending}
          error={info.error}
          onRetry={() => info.refetch()}
          errorTitle={t('home.loadError')}
        >
          {info.data?.details ? (
            <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-500">{t('home.version')}</dt>
                <dd className="font-medium" data-testid="app-version">
                  <bdi dir="ltr">{info.data.details.version}</bdi>
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t('home.database')}</dt>
                <dd className="font-medium" data-testid="db-kind" data-kind={info.data.details.database.kind}>
                  {t(`home.dbKind.${info.data.details.database.kind}`)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t('home.migrations')}</dt>
                <dd className="font-medium" data-testid="db-migrations">
                  {t('home.migrationsValue', {
                    applied: fmt(info.data.details.database.migrationsApplied),
                    expected: fmt(info.data.details.database.migrationsExpected),
                  })}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t('home.databaseTime')}</dt>
                <dd className="font-medium">
                  {new Intl.DateTimeFormat(locale, {
                    dateStyle: 'medium',
                    timeStyle: 'medium',
                    timeZone: DEFAULT_TIME_ZONE,
                  }).format(info.data.details.database.now)}
                </dd>
              </div>
            </dl>
          ) : null}
        </QueryState>
      </CardContent>
    </Card>
  );
}
