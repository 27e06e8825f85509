import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../components/DataTable';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Card, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton } from '../../components/ui/confirm-dialog';
import { isolate, useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { type RouterOutputs, useTRPC } from '../../trpc';

type Link = RouterOutputs['portfolios']['links']['items'][number];
const PAGE_SIZE = 10;
const col = createColumnHelper<Link>();

/** Admins see every live public portfolio link of the organisation and can take any of them down. */
export function PortfolioLinksCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const { org, slug } = useOrg();
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const links = useQuery({
    ...trpc.portfolios.links.queryOptions({ orgSlug: slug, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const revoke = useMutation(
    trpc.portfolios.revokeFor.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice({ tone: 'success', text: t('portfolioLinks.revoked') });
        return queryClient.invalidateQueries(trpc.portfolios.pathFilter());
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('fields.name'),
        cell: (info) => <bdi className="font-medium text-slate-900">{info.getValue()}</bdi>,
      }),
      col.accessor('createdAt', {
        header: () => t('portfolioLinks.since'),
        cell: (info) => <span className="whitespace-nowrap">{fmt.date(info.getValue(), org.timeZone)}</span>,
      }),
      col.accessor('includeComments', {
        header: () => t('portfolioLinks.comments'),
        cell: (info) => t(info.getValue() ? 'portfolioLinks.commentsShown' : 'portfolioLinks.commentsHidden'),
      }),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        meta: { className: 'text-end' },
        cell: (info) => {
          const l = info.row.original;
          return (
            <ConfirmButton
              label={t('portfolioLinks.revoke')}
              pending={revoke.isPending && revoke.variables?.learnerId === l.learnerId}
              testId="revoke-portfolio-link"
              title={t('portfolioLinks.revokeConfirmTitle', { name: isolate(l.name) })}
              description={t('portfolioLinks.revokeConfirmBody')}
              onConfirm={() => revoke.mutate({ orgSlug: slug, learnerId: l.learnerId })}
            />
          );
        },
      }),
    ],
    [t, fmt, org.timeZone, slug, revoke],
  );
  return (
    <Card data-testid="portfolio-links">
      <CardHeader className="pb-4">
        <CardTitle>{t('portfolioLinks.title')}</CardTitle>
        <CardDescription>{t('portfolioLinks.description')}</CardDescription>
      </CardHeader>
      {notice ? (
        <div className="px-6 pb-4">
          <Alert tone={notice.tone}>{notice.text}</Alert>
        </div>
      ) : null}
      <div className="px-6 pb-6">
        <PagedTable
          query={links}
          errorTitle={t('portfolioLinks.loadError')}
          empty={<StateMessage kind="empty" title={t('portfolioLinks.empty')} />}
          testId="portfolio-links-table"
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPageChange={setPage}
          getRowId={(l) => l.learnerId}
          rowProps={() => ({ 'data-testid': 'portfolio-link-row' })}
        />
      </div>
    </Card>
  );
}
