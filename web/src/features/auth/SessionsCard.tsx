import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Laptop } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton, ConfirmDialog } from '../../components/ui/confirm-dialog';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { isolate, useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { describeUserAgent } from '../../lib/userAgent';
import { useTRPC } from '../../trpc';

export function SessionsCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const sessions = useQuery(trpc.auth.sessions.list.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.auth.sessions.list.queryFilter());
  const revoke = useMutation(
    trpc.auth.sessions.revoke.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice(t('account.sessionRevoked'));
        return refresh();
      },
    }),
  );
  const revokeOthers = useMutation(
    trpc.auth.sessions.revokeOthers.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: ({ ended }) => {
        setNotice(t('account.sessionsEnded', { count: ended, formatted: fmt.number(ended) }));
        return refresh();
      },
    }),
  );
  const error = revoke.error ?? revokeOthers.error;
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  return (
    <Card>
      <CardHeader className="pb-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <CardTitle>{t('account.sessionsTitle')}</CardTitle>
            <CardDescription className="mt-1">{t('account.sessionsDescription')}</CardDescription>
          </div>
          <ConfirmDialog
            trigger={
              <Button
                variant="secondary"
                size="sm"
                disabled={others === 0}
                pending={revokeOthers.isPending}
                data-testid="revoke-other-sessions"
              >
                {t('account.revokeOthers')}
              </Button>
            }
            title={t('account.revokeOthersConfirmTitle')}
            description={t('account.revokeOthersConfirmBody')}
            confirmLabel={t('account.revokeOthers')}
            onConfirm={() => revokeOthers.mutate()}
          />
        </div>
      </CardHeader>
      <div className="flex flex-col gap-4 px-6 pb-6">
        {error ? <Alert tone="error">{serverErrorMessage(error)}</Alert> : null}
        {notice ? (
          <Alert tone="success" data-testid="sessions-notice">
            {notice}
          </Alert>
        ) : null}
        <QueryState
          isPending={sessions.isPending}
          error={sessions.error}
          onRetry={() => sessions.refetch()}
          errorTitle={t('account.sessionsLoadError')}
        >
          <div className="overflow-hidden rounded-lg border border-slate-200">
            <Table data-testid="sessions-table">
              <THead>
                <tr>
                  <TH>{t('account.device')}</TH>
                  <TH>{t('account.ip')}</TH>
                  <TH>{t('account.created')}</TH>
                  <TH>{t('account.lastUsed')}</TH>
                  <TH>
                    <span className="sr-only">{t('common.actions')}</span>
                  </TH>
                </tr>
              </THead>
              <TBody>
                {sessions.data?.map((s) => {
                  const ua = describeUserAgent(s.userAgent);
                  const device = ua
                    ? ua.browser && ua.os
                      ? t('account.browserOnOs', { browser: ua.browser, os: ua.os })
                      : (ua.browser ?? ua.os)
                    : t('account.unknownDevice');
                  return (
                    <TR key={s.id} data-testid="session-row" data-current={s.current ? 'true' : 'false'}>
                      <TD>
                        <div className="flex items-center gap-2">
                          <Laptop className="size-4 shrink-0 text-slate-400" aria-hidden />
                          <span className="font-medium" title={s.userAgent ?? undefined}>
                            <bdi>{device}</bdi>
                          </span>
                          {s.current ? (
                            <Badge tone="success" data-testid="current-session">
                              {t('account.thisDevice')}
                            </Badge>
                          ) : null}
                        </div>
                      </TD>
                      <TD>
                        <bdi dir="ltr" className="font-mono text-xs">
                          {s.ip ?? '—'}
                        </bdi>
                      </TD>
                      <TD className="whitespace-nowrap">{fmt.dateTime(s.createdAt)}</TD>
                      <TD className="whitespace-nowrap">{fmt.dateTime(s.lastUsedAt)}</TD>
                      <TD className="text-end">
                        {s.current ? null : (
                          <ConfirmButton
                            label={t('account.revoke')}
                            pending={revoke.isPending && revoke.variables?.sessionId === s.id}
                            testId="revoke-session"
                            title={t('account.revokeConfirmTitle')}
                            description={t('account.revokeConfirmBody', { device: isolate(device) })}
                            onConfirm={() => revoke.mutate({ sessionId: s.id })}
                          />
                        )}
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </div>
        </QueryState>
      </div>
    </Card>
  );
}
