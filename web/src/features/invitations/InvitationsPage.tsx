import { assignableRoles } from '@masar/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Ban } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { PagedTable } from '../../components/DataTable';
import { InviteForm } from '../../components/InviteForm';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton } from '../../components/ui/confirm-dialog';
import { isolate, useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';

type Invitation = RouterOutputs['invitations']['list']['items'][number];
type OutboxEmail = RouterOutputs['invitations']['outbox']['items'][number];
const PAGE_SIZE = 10;

const STATUS_TONE = {
  pending: 'warning',
  accepted: 'success',
  revoked: 'neutral',
  expired: 'danger',
} as const;

export function InvitationsPage() {
  return (
    <RequirePermission permission="invitations.manage">
      <Invitations />
    </RequirePermission>
  );
}

function Invitations() {
  const { t } = useTranslation();
  useDocumentTitle(t('invitations.title'));
  return (
    <div className="flex flex-col gap-6">
      <InvitationCard />
      <InvitationList />
      <Outbox />
    </div>
  );
}

function InvitationCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org, slug } = useOrg();
  const roles = useMemo(() => assignableRoles(org.role), [org.role]);
  const create = useMutation(trpc.invitations.create.mutationOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('invitations.inviteTitle')}</CardTitle>
        <CardDescription>{t('invitations.inviteDescription', { org: isolate(org.name) })}</CardDescription>
      </CardHeader>
      <CardContent>
        <InviteForm
          roles={roles}
          roleLabel={t('fields.role')}
          roleName={(r) => t(`roles.${r}`)}
          layout="row"
          testId="invite"
          send={async (values) => {
            const inv = await create.mutateAsync({ orgSlug: slug, ...values });
            await Promise.all([
              queryClient.invalidateQueries(trpc.invitations.pathFilter()),
              queryClient.invalidateQueries(trpc.org.audit.pathFilter()),
            ]);
            return inv;
          }}
        />
      </CardContent>
    </Card>
  );
}

function InvitationList() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const { org, slug } = useOrg();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.invitations.list.queryOptions({ orgSlug: slug, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.invitations.list.pathFilter()),
          queryClient.invalidateQueries(trpc.org.audit.pathFilter()),
        ]),
    }),
  );

  const columns = useMemo(() => {
    const col = createColumnHelper<Invitation>();
    return [
      col.accessor('email', {
        header: () => t('fields.email'),
        cell: (info) => <bdi className="whitespace-nowrap font-medium text-slate-900">{info.getValue()}</bdi>,
      }),
      col.accessor('role', { header: () => t('fields.role'), cell: (info) => t(`roles.${info.getValue()}`) }),
      col.accessor('status', {
        header: () => t('invitations.status'),
        cell: (info) => (
          <Badge tone={STATUS_TONE[info.getValue()]} data-testid="invitation-status">
            {t(`invitationStatus.${info.getValue()}`)}
          </Badge>
        ),
      }),
      col.accessor('invitedByName', {
        header: () => t('invitations.invitedBy'),
        cell: (info) => info.getValue() ?? '—',
      }),
      col.accessor('expiresAt', {
        header: () => t('invitations.expires'),
        cell: (info) => <span className="whitespace-nowrap">{fmt.dateTime(info.getValue(), org.timeZone)}</span>,
      }),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        meta: { className: 'text-end' },
        cell: (info) => {
          const inv = info.row.original;
          if (inv.status !== 'pending') return null;
          return (
            <ConfirmButton
              label={t('invitations.revoke')}
              icon={Ban}
              pending={revoke.isPending && revoke.variables?.invitationId === inv.id}
              testId="revoke-invitation"
              title={t('invitations.revokeConfirmTitle')}
              description={
                <Trans
                  i18nKey="invitations.revokeConfirmBody"
                  values={{ email: inv.email }}
                  components={{ email: <bdi className="whitespace-nowrap font-medium text-slate-800" /> }}
                />
              }
              onConfirm={() => revoke.mutate({ orgSlug: slug, invitationId: inv.id })}
            />
          );
        },
      }),
    ];
  }, [t, fmt, org.timeZone, slug, revoke]);

  return (
    <Card>
      <CardHeader className="pb-4">
        <CardTitle>{t('invitations.listTitle')}</CardTitle>
        <CardDescription>{t('invitations.listDescription')}</CardDescription>
      </CardHeader>
      {revoke.error ? (
        <div className="px-6 pb-4">
          <Alert tone="error" data-testid="revoke-error">
            {serverErrorMessage(revoke.error)}
          </Alert>
        </div>
      ) : null}
      <div className="px-6 pb-6">
        <PagedTable
          query={list}
          errorTitle={t('invitations.loadError')}
          empty={<StateMessage kind="empty" title={t('invitations.empty')} body={t('invitations.emptyBody')} />}
          testId="invitations-table"
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPageChange={setPage}
          getRowId={(inv) => inv.id}
          rowProps={(row) => ({
            'data-testid': 'invitation-row',
            'data-email': row.original.email,
            'data-status': row.original.status,
          })}
        />
      </div>
    </Card>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const { org, slug } = useOrg();
  const [page, setPage] = useState(1);
  const outbox = useQuery({
    ...trpc.invitations.outbox.queryOptions({ orgSlug: slug, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo(() => {
    const col = createColumnHelper<OutboxEmail>();
    return [
      col.accessor('toEmail', {
        header: () => t('outbox.to'),
        cell: (info) => <bdi className="whitespace-nowrap font-medium text-slate-900">{info.getValue()}</bdi>,
      }),
      col.accessor('subject', {
        header: () => t('outbox.subject'),
        cell: (info) => (
          <bdi className="block max-w-60 truncate" title={info.getValue()}>
            {info.getValue()}
          </bdi>
        ),
      }),
      col.accessor('createdAt', {
        header: () => t('outbox.created'),
        cell: (info) => <span className="whitespace-nowrap">{fmt.dateTime(info.getValue(), org.timeZone)}</span>,
      }),
      col.accessor('link', {
        header: () => t('outbox.link'),
        cell: (info) => {
          const link = info.getValue();
          if (!link) return '—';
          return (
            <div className="flex items-center gap-2">
              <code dir="ltr" className="block max-w-44 truncate font-mono text-xs text-slate-600" title={link}>
                {link}
              </code>
              <CopyButton text={link} testId="copy-outbox-link" />
            </div>
          );
        },
      }),
    ];
  }, [t, fmt, org.timeZone]);

  return (
    <Card>
      <CardHeader className="pb-4">
        <CardTitle>{t('outbox.title')}</CardTitle>
        <CardDescription>{t('outbox.description')}</CardDescription>
      </CardHeader>
      <div className="px-6 pb-6">
        <PagedTable
          query={outbox}
          errorTitle={t('outbox.loadError')}
          empty={<StateMessage kind="empty" title={t('outbox.empty')} />}
          testId="outbox-table"
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPageChange={setPage}
          getRowId={(e) => e.id}
          rowProps={(row) => ({ 'data-testid': 'outbox-row', 'data-email': row.original.toEmail })}
        />
      </div>
    </Card>
  );
}
