import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Globe, Link2Off, Share2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';
import { serverErrorMessage } from '../lib/forms';
import { useOrg } from '../lib/org';
import { cn } from '../lib/utils';
import { useTRPC } from '../trpc';
import { CopyButton } from './CopyButton';
import { QueryState } from './QueryState';
import { Alert } from './ui/alert';
import { Badge } from './ui/badge';
import { Button } from './ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './ui/card';
import { ConfirmDialog } from './ui/confirm-dialog';

/** The learner's own sharing choices: mentors' comments for managers, and the public portfolio link. */
export function SharingCards() {
  return (
    <div id="sharing" className="grid scroll-mt-24 gap-6 lg:grid-cols-2" data-testid="sharing">
      <ConsentCard />
      <PortfolioCard />
    </div>
  );
}

function ConsentCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useOrg();
  const labelId = useId();
  const consent = useQuery(trpc.readiness.consent.queryOptions({ orgSlug: slug }));
  const save = useMutation(
    trpc.readiness.setConsent.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.readiness.consent.queryKey({ orgSlug: slug }), data);
        return queryClient.invalidateQueries(trpc.readiness.pathFilter());
      },
    }),
  );
  const on = save.isPending ? Boolean(save.variables?.shareComments) : Boolean(consent.data?.shareComments);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Share2 className="size-4 text-slate-600" aria-hidden />
          {t('portfolio.consentTitle')}
        </CardTitle>
        <CardDescription>{t('portfolio.consentDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <QueryState
          isPending={consent.isPending}
          error={consent.error}
          onRetry={() => consent.refetch()}
          errorTitle={t('errors.generic')}
        >
          <div className="flex items-start gap-3">
            <button
              type="button"
              role="switch"
              aria-checked={on}
              aria-labelledby={labelId}
              disabled={save.isPending}
              onClick={() => save.mutate({ orgSlug: slug, shareComments: !on })}
              data-testid="consent-comments"
              data-state={on ? 'on' : 'off'}
              className={cn(
                'relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:opacity-60',
                on ? 'bg-brand-700' : 'bg-slate-300',
              )}
            >
              <span
                className={cn(
                  'inline-block size-5 rounded-full bg-white shadow transition-transform',
                  on ? 'translate-x-5.5 rtl:-translate-x-5.5' : 'translate-x-0.5 rtl:-translate-x-0.5',
                )}
                aria-hidden
              />
            </button>
            <div>
              <p id={labelId} className="text-sm font-medium text-slate-900">
                {t('portfolio.consentLabel')}
              </p>
              <p className="text-sm text-slate-600" aria-live="polite">
                {on ? t('portfolio.consentOn') : t('portfolio.consentOff')}
              </p>
            </div>
          </div>
          {save.error ? <Alert tone="error">{serverErrorMessage(save.error)}</Alert> : null}
        </QueryState>
      </CardContent>
    </Card>
  );
}

function PortfolioCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const { slug, org } = useOrg();
  const includeId = useId();
  const [includeComments, setIncludeComments] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const status = useQuery(trpc.portfolios.status.queryOptions({ orgSlug: slug }));
  const refresh = () => queryClient.invalidateQueries(trpc.portfolios.status.queryFilter({ orgSlug: slug }));
  const publish = useMutation(
    trpc.portfolios.publish.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: (data) => {
        setLink(data.link);
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  const revoke = useMutation(
    trpc.portfolios.revoke.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setLink(null);
        setNotice({ tone: 'success', text: t('portfolio.revoked') });
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  const published = status.data?.published ?? false;
  return (
    <Card data-testid="portfolio-card" data-published={published}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Globe className="size-4 text-slate-600" aria-hidden />
          {t('portfolio.cardTitle')}
        </CardTitle>
        <CardDescription>{t('portfolio.cardDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {notice ? (
          <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'portfolio-error' : 'portfolio-notice'}>
            {notice.text}
          </Alert>
        ) : null}
        <QueryState
          isPending={status.isPending}
          error={status.error}
          onRetry={() => status.refetch()}
          errorTitle={t('errors.generic')}
        >
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="portfolio-status">
            {published && status.data?.since ? (
              <>
                <Badge tone="success">{t('portfolio.cardTitle')}</Badge>
                {t(status.data.includeComments ? 'portfolio.publishedWithComments' : 'portfolio.published', {
                  date: fmt.date(status.data.since, org.timeZone),
                })}
              </>
            ) : (
              t('portfolio.notPublished')
            )}
          </p>
          {link ? (
            <div className="flex flex-col gap-2 rounded-lg border border-brand-100 bg-brand-50 p-3">
              <p className="text-xs font-medium text-slate-700">{t('portfolio.linkLabel')}</p>
              <div className="flex flex-wrap items-center gap-2">
                <a
                  href={link}
                  target="_blank"
                  rel="noopener noreferrer"
                  dir="ltr"
                  className="min-w-0 flex-1 break-all font-mono text-xs text-brand-800 hover:underline"
                  data-testid="portfolio-link"
                >
                  {link}
                </a>
                <CopyButton text={link} testId="portfolio-copy" />
              </div>
              <p className="text-xs text-slate-600">{t('portfolio.linkOnlyOnce')}</p>
            </div>
          ) : null}
          <div className="flex flex-col gap-3 border-t border-slate-100 pt-4">
            <label htmlFor={includeId} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                id={includeId}
                type="checkbox"
                className="size-4 accent-brand-700"
                checked={includeComments}
                onChange={(e) => setIncludeComments(e.target.checked)}
                data-testid="portfolio-include-comments"
              />
              {t('portfolio.includeComments')}
            </label>
            {published ? <p className="text-xs text-slate-500">{t('portfolio.republishHint')}</p> : null}
            <div className="flex flex-wrap gap-2">
              <Button
                pending={publish.isPending}
                onClick={() => publish.mutate({ orgSlug: slug, includeComments })}
                data-testid="portfolio-publish"
              >
                <Globe className="size-4" aria-hidden />
                {published ? t('portfolio.republish') : t('portfolio.publish')}
              </Button>
              {published ? (
                <ConfirmDialog
                  trigger={
                    <Button
                      variant="secondary"
                      className="text-red-700 hover:bg-red-50"
                      pending={revoke.isPending}
                      data-testid="portfolio-revoke"
                    >
                      <Link2Off className="size-4" aria-hidden />
                      {t('portfolio.revoke')}
                    </Button>
                  }
                  title={t('portfolio.revokeTitle')}
                  description={t('portfolio.revokeBody')}
                  confirmLabel={t('portfolio.revoke')}
                  onConfirm={() => revoke.mutate({ orgSlug: slug })}
                />
              ) : null}
            </div>
          </div>
        </QueryState>
      </CardContent>
    </Card>
  );
}
