import { assignableRoles, type Role } from '@masar/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Search } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../components/DataTable';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton, ConfirmDialog } from '../../components/ui/confirm-dialog';
import { Input, NativeSelect } from '../../components/ui/input';
import { useMe } from '../../lib/auth';
import { isolate, useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { clampPage } from '../../lib/table-state';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { PortfolioLinksCard } from '../portfolios/PortfolioLinksCard';

type Member = RouterOutputs['members']['list']['items'][number];

/** A value that follows `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}
const PAGE_SIZE = 20;
const col = createColumnHelper<Member>();

export function MembersPage() {
  return (
    <RequirePermission permission="members.read">
      <MembersList />
    </RequirePermission>
  );
}

function MembersList() {
  const { can } = useOrg();
  return (
    <div className="flex flex-col gap-6">
      <MembersCard />
      {can('members.manage') ? <PortfolioLinksCard /> : null}
    </div>
  );
}

function MembersCard() {
  const { t } = useTranslation();
  const { term } = useTerms();
  useDocumentTitle(t('members.title'));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const me = useMe();
  const { org, slug, can } = useOrg();
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const searchId = useId();
  useEffect(() => {
    setPage(1);
  }, [q]);
  const members = useQuery({
    ...trpc.members.list.queryOptions({ orgSlug: slug, page, pageSize: PAGE_SIZE, ...(q ? { q } : {}) }),
    placeholderData: keepPreviousData,
  });
  // a role change waits for a confirmation (the select shows the current role until then)
  const [change, setChange] = useState<{ member: Member; role: Role } | null>(null);
  const total = members.data?.total ?? 0;
  useEffect(() => {
    if (members.data && page > 1 && members.data.items.length === 0) setPage(clampPage(page, total, PAGE_SIZE));
  }, [members.data, page, total]);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.members.pathFilter()),
      queryClient.invalidateQueries(trpc.org.pathFilter()),
    ]);
  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice({ tone: 'success', text: t('members.roleChanged') });
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice({ tone: 'success', text: t('members.removed') });
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );

  const manage = can('members.manage');
  const myRole = org.role;
  const myId = me.data?.id;
  const options = useMemo(() => assignableRoles(myRole), [myRole]);

  const columns = useMemo(() => {
    const base = [
      col.accessor('name', {
        header: () => t('fields.name'),
        cell: (info) => (
          <span className="font-medium text-slate-900">
            {info.getValue()}
            {info.row.original.userId === myId ? (
              <span className="ms-2 text-xs font-normal text-slate-500">{t('members.you')}</span>
            ) : null}
          </span>
        ),
      }),
      col.accessor('email', {
        header: () => t('fields.email'),
        cell: (info) => <bdi className="whitespace-nowrap text-slate-600">{info.getValue()}</bdi>,
      }),
      col.accessor('role', {
        header: () => t('fields.role'),
        cell: (info) => {
          const m = info.row.original;
          const editable = manage && options.includes(m.role);
          if (!editable)
            return <Badge tone={m.role === 'owner' ? 'brand' : 'neutral'}>{term(`roles.${m.role}`)}</Badge>;
          const busy = changeRole.isPending && changeRole.variables?.userId === m.userId;
          return (
            <NativeSelect
              name="role"
              value={m.role}
              disabled={busy}
              aria-label={t('members.roleOf', { name: m.name })}
              data-testid="member-role-select"
              className="h-9 w-40"
              onChange={(e) => setChange({ member: m, role: e.target.value as Role })}
            >
              {options.map((r) => (
                <option key={r} value={r}>
                  {term(`roles.${r}`)}
                </option>
              ))}
            </NativeSelect>
          );
        },
      }),
      col.accessor('joinedAt', {
        header: () => t('members.joined'),
        cell: (info) => <span className="whitespace-nowrap">{fmt.date(info.getValue(), org.timeZone)}</span>,
      }),
    ];
    if (!manage) return base;
    return [
      ...base,
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        meta: { className: 'text-end' },
        cell: (info) => {
          const m = info.row.original;
          if (m.userId === myId || (m.role === 'owner' && myRole !== 'owner')) return null;
          return (
            <ConfirmButton
              label={t('members.remove')}
              pending={remove.isPending && remove.variables?.userId === m.userId}
              testId="remove-member"
              title={t('members.removeConfirmTitle', { name: isolate(m.name) })}
              description={t('members.removeConfirmBody', { org: isolate(org.name) })}
              onConfirm={() => remove.mutate({ orgSlug: slug, userId: m.userId })}
            />
          );
        },
      }),
    ];
  }, [t, term, fmt, manage, options, myId, myRole, org.name, org.timeZone, slug, changeRole, remove]);

  return (
    <Card>
      <CardHeader className="pb-4">
        <CardTitle>{t('members.title')}</CardTitle>
        <CardDescription>{manage ? t('members.descriptionManage') : t('members.description')}</CardDescription>
      </CardHeader>
      {notice ? (
        <div className="px-6 pb-4">
          <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'members-error' : 'members-notice'}>
            {notice.text}
          </Alert>
        </div>
      ) : null}
      <div className="px-6 pb-4">
        <div className="relative w-full max-w-sm">
          <label htmlFor={searchId} className="sr-only">
            {t('members.search')}
          </label>
          <Search
            className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
            aria-hidden
          />
          <Input
            id={searchId}
            type="search"
            name="q"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('members.search')}
            className="ps-9"
            data-testid="member-search"
          />
        </div>
      </div>
      <ConfirmDialog
        open={change !== null}
        onOpenChange={(open) => {
          if (!open) setChange(null);
        }}
        tone="primary"
        testId="role-change-dialog"
        title={
          change
            ? t('members.roleChangeTitle', { name: isolate(change.member.name), role: term(`roles.${change.role}`) })
            : ''
        }
        description={change ? t(`roleDescriptions.${change.role}`) : ''}
        confirmLabel={t('members.roleChangeConfirm')}
        onConfirm={() => {
          if (change) changeRole.mutate({ orgSlug: slug, userId: change.member.userId, role: change.role });
          setChange(null);
        }}
      />
      <div className="px-6 pb-6">
        <PagedTable
          query={members}
          errorTitle={t('members.loadError')}
          empty={<StateMessage kind="empty" title={q ? t('members.noMatches') : t('members.empty')} />}
          testId="members-table"
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPageChange={setPage}
          getRowId={(m) => m.userId}
          rowProps={(row) => ({
            'data-testid': 'member-row',
            'data-email': row.original.email,
            'data-role': row.original.role,
          })}
        />
      </div>
    </Card>
  );
}
