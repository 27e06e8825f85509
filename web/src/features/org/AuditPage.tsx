import { ROLES, type Role } from '@masar/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../components/DataTable';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Card, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { isolate, useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';

type AuditEvent = RouterOutputs['org']['audit']['items'][number];
const PAGE_SIZE = 25;

function formatValue(t: TFunction, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if ((key === 'role' || key === 'from' || key === 'to') && (ROLES as readonly string[]).includes(value)) {
      return t(`roles.${value as Role}`);
    }
    if (key === 'kind') return t(`orgKinds.${value}`, { defaultValue: value });
    return value;
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** One readable line per detail: "Role: Mentor → Admin", "Email: a@b.c". */
export function describeDetails(t: TFunction, details: unknown): string[] {
  if (!details || typeof details !== 'object') return [];
  const d = details as Record<string, unknown>;
  if ('from' in d && 'to' in d && Object.keys(d).length === 2) {
    return [
      `${t('audit.fields.role')}: ${t('audit.change', {
        from: isolate(formatValue(t, 'from', d.from)),
        to: isolate(formatValue(t, 'to', d.to)),
      })}`,
    ];
  }
  return Object.entries(d).map(([key, value]) => {
    const label = t(`audit.fields.${key}`, { defaultValue: key });
    if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
      const v = value as { from: unknown; to: unknown };
      return `${label}: ${t('audit.change', {
        from: isolate(formatValue(t, key, v.from)),
        to: isolate(formatValue(t, key, v.to)),
      })}`;
    }
    return `${label}: ${formatValue(t, key, value)}`;
  });
}

export function AuditPage() {
  return (
    <RequirePermission permission="audit.read">
      <AuditLog />
    </RequirePermission>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const trpc = useTRPC();
  const fmt = useFormat();
  const { org, slug } = useOrg();
  const [page, setPage] = useState(1);
  const audit = useQuery({
    ...trpc.org.audit.queryOptions({ orgSlug: slug, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo(() => {
    const col = createColumnHelper<AuditEvent>();
    return [
      col.accessor('createdAt', {
        header: () => t('audit.when'),
        cell: (info) => <span className="whitespace-nowrap">{fmt.dateTime(info.getValue(), org.timeZone)}</span>,
      }),
      col.accessor('actorName', {
        header: () => t('audit.actor'),
        cell: (info) => {
          const e = info.row.original;
          if (!e.actorName) return <span className="text-slate-500">{t('audit.unknownActor')}</span>;
          return (
            <div className="flex flex-col">
              <span className="font-medium text-slate-900">{e.actorName}</span>
              <bdi className="text-xs text-slate-500">{e.actorEmail}</bdi>
            </div>
          );
        },
      }),
      col.accessor('action', {
        header: () => t('audit.action'),
        cell: (info) => (
          <span className="font-medium" data-testid="audit-action">
            {t(`audit.actions.${info.getValue()}`, { defaultValue: info.getValue() })}
          </span>
        ),
      }),
      col.accessor('details', {
        header: () => t('audit.details'),
        cell: (info) => (
          <ul className="flex flex-col gap-0.5 text-xs text-slate-600">
            {describeDetails(t, info.getValue()).map((line) => (
              <li key={line}>
                <bdi>{line}</bdi>
              </li>
            ))}
          </ul>
        ),
      }),
    ];
  }, [t, fmt, org.timeZone]);

  return (
    <Card>
      <CardHeader className="pb-4">
        <CardTitle>{t('audit.title')}</CardTitle>
        <CardDescription>{t('audit.description', { timeZone: isolate(org.timeZone) })}</CardDescription>
      </CardHeader>
      <div className="px-6 pb-6">
        <PagedTable
          query={audit}
          errorTitle={t('audit.loadError')}
          empty={<StateMessage kind="empty" title={t('audit.empty')} />}
          testId="audit-table"
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPageChange={setPage}
          getRowId={(e) => e.id}
          rowProps={(row) => ({ 'data-testid': 'audit-row', 'data-action': row.original.action })}
        />
      </div>
    </Card>
  );
}
