import { zodResolver } from '@hookform/resolvers/zod';
import { assignableRoles, inviteInput } from '@masar/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Ban, Send } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Trans, useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { PagedTable } from '../../components/DataTable';
import { FormError, SelectField, TextField } from '../../components/FormField';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton } from '../../components/ui/confirm-dialog';
import { isolate, useFormat } from '../../lib/format';
import { applyServerErrors, serverErrorMessage } from '../../lib/forms';
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
      <InviteForm />
      <InvitationList />
      <Outbox />
    </div>
  );
}

function InviteLink({ link }: { link: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code
        dir="ltr"
        className="min-w-0 flex-1 break-all rounded-md bg-white/70 px-2 py-1.5 font-mono text-xs text-slate-800"
        data-testid="invite-link"
      >
        {link}
      </code>
      <CopyButton text={link} />
    </div>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org, slug } = useOrg();
  const roles = useMemo(() => assignableRoles(org.role), [org.role]);
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; link: string } | null>(null);
  const form = useForm({
    resolver: zodResolver(inviteInput),
    defaultValues: { email: '', role: roles.includes('learner') ? 'learner' : (roles[0] ?? 'viewer') },
  });
  const create = useMutation(trpc.invitations.create.mutationOptions());
  const {
    register,
    formState: { errors },
  } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setCreated(null);
    try {
      const inv = await create.mutateAsync({ orgSlug: slug, ...values });
      setCreated({ email: inv.email, link: inv.link });
      form.reset({ email: '', role: values.role });
      await Promise.all([
        queryClient.invalidateQueries(trpc.invitations.pathFilter()),
        queryClient.invalidateQueries(trpc.org.audit.pathFilter()),
      ]);
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('invitations.inviteTitle')}</CardTitle>
        <CardDescription>{t('invitations.inviteDescription', { org: isolate(org.name) })}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {created ? (
          <Alert tone="success" data-testid="invite-created">
            <p className="mb-2 font-medium">{t('invitations.created', { email: isolate(created.email) })}</p>
            <InviteLink link={created.link} />
          </Alert>
        ) : null}
        <FormError message={formError} />
        <form
          onSubmit={onSubmit}
          noValidate
          className="grid items-start gap-4 sm:grid-cols-[1fr_12rem_auto]"
          data-testid="invite-form"
        >
          <TextField
            label={t('fields.email')}
            type="email"
            autoComplete="off"
            dir="ltr"
            error={errors.email?.message}
            {...register('email')}
          />
          <SelectField label={t('fields.role')} error={errors.role?.message} {...register('role')}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <Button type="submit" pending={create.isPending} className="sm:mt-6.5" data-testid="invite-submit">
            <Send className="size-4 rtl:-scale-x-100" aria-hidden />
            {t('invitations.send')}
          </Button>
        </form>
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
