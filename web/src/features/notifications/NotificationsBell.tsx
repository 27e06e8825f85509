import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bell, CheckCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatch, useNavigate } from 'react-router';
import { Button } from '../../components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../components/ui/lazy-dropdown-menu';
import { knownKey } from '../../i18n';
import { useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { routes } from '../../lib/routes';
import { useRelativeTime } from '../../lib/time';
import { cn } from '../../lib/utils';
import { type RouterOutputs, useTRPC } from '../../trpc';

type Item = RouterOutputs['notifications']['list']['items'][number];
const LIST_SIZE = 15;

/** The bell in the header inside an organisation: unread count, the latest notifications. */
export function NotificationsBell() {
  const match = useMatch('/o/:slug/*');
  const slug = match?.params.slug ?? '';
  // the same rule as zSlug, without pulling zod into the first bundle
  if (!/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/.test(slug)) return null;
  return <OrgBell key={slug} slug={slug} />;
}

function OrgBell({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const fmt = useFormat();
  const ago = useRelativeTime();
  const [open, setOpen] = useState(false);
  const dir = i18n.dir();
  const unread = useQuery({
    ...trpc.notifications.unreadCount.queryOptions({ orgSlug: slug }),
    refetchInterval: 30_000,
  });
  const list = useQuery({
    ...trpc.notifications.list.queryOptions({ orgSlug: slug, page: 1, pageSize: LIST_SIZE }),
    enabled: open,
  });
  const refresh = () => queryClient.invalidateQueries(trpc.notifications.pathFilter());
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));

  // Not a member here (or the org does not exist): the page says so, the bell stays away.
  if (unread.error && !unread.data) return null;
  const count = unread.data?.unread ?? 0;

  const openItem = (item: Item) => {
    if (!item.readAt) markRead.mutate({ orgSlug: slug, ids: [item.id] });
    if (item.submissionId) void navigate(routes.submission(slug, item.submissionId));
  };

  return (
    <DropdownMenu dir={dir} open={open} onOpenChange={setOpen}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={
            count > 0
              ? t('notifications.labelUnread', { count, formatted: fmt.number(count) })
              : t('notifications.label')
          }
          data-testid="notifications"
          data-unread={count}
        >
          <Bell className="size-5" aria-hidden />
          {count > 0 ? (
            <span
              className="absolute -top-0.5 -end-0.5 grid h-4.5 min-w-4.5 place-items-center rounded-full bg-red-600 px-1 text-[0.65rem] font-semibold leading-none text-white"
              data-testid="notifications-badge"
              aria-hidden
            >
              {count > 99 ? fmt.number(99).concat('+') : fmt.number(count)}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent
        align={dir === 'rtl' ? 'start' : 'end'}
        className="w-[min(24rem,calc(100vw-1.5rem))] p-0"
        data-testid="notifications-menu"
      >
        <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-2">
          <DropdownMenuLabel className="p-0 text-sm text-slate-900">{t('notifications.title')}</DropdownMenuLabel>
          <Button
            variant="link"
            size="sm"
            className="h-7 text-xs"
            disabled={count === 0}
            pending={markRead.isPending && markRead.variables?.all === true}
            onClick={() => markRead.mutate({ orgSlug: slug, all: true })}
            data-testid="notifications-mark-all"
          >
            <CheckCheck className="size-3.5" aria-hidden />
            {t('notifications.markAll')}
          </Button>
        </div>
        <div className="max-h-[min(28rem,70vh)] overflow-y-auto p-1">
          {list.isPending ? <p className="px-3 py-4 text-sm text-slate-500">{t('common.loading')}</p> : null}
          {list.error ? <p className="px-3 py-4 text-sm text-red-700">{serverErrorMessage(list.error)}</p> : null}
          {list.data && list.data.items.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-slate-500" data-testid="notifications-empty">
              {t('notifications.empty')}
            </p>
          ) : null}
          {list.data?.items.map((item) => {
            const kindKey = knownKey(`notifications.kinds.${item.kind}`);
            return (
              <DropdownMenuItem
                key={item.id}
                onSelect={() => openItem(item)}
                className={cn('items-start gap-3 px-3 py-2.5', !item.readAt && 'bg-brand-50/50')}
                data-testid="notification-item"
                data-kind={item.kind}
                data-read={item.readAt ? 'true' : 'false'}
              >
                <span
                  className={cn('mt-1.5 size-2 shrink-0 rounded-full', item.readAt ? 'bg-transparent' : 'bg-brand-600')}
                  aria-hidden
                />
                <span className="flex min-w-0 flex-1 flex-col gap-0.5">
                  <span className="text-sm font-medium text-slate-900">
                    {kindKey ? t(kindKey) : item.kind}
                    {!item.readAt ? <span className="sr-only"> ({t('notifications.unread')})</span> : null}
                  </span>
                  <span className="line-clamp-2 text-xs text-slate-600">
                    <bdi>{item.title}</bdi>
                  </span>
                  <span className="text-xs text-slate-500">
                    {item.actorName ? (
                      <>
                        <bdi>{item.actorName}</bdi> ·{' '}
                      </>
                    ) : null}
                    <time dateTime={new Date(item.createdAt).toISOString()}>{ago(item.createdAt)}</time>
                  </span>
                </span>
              </DropdownMenuItem>
            );
          })}
        </div>
        {list.data && list.data.total > list.data.items.length ? (
          <>
            <DropdownMenuSeparator className="my-0" />
            <p className="px-3 py-2 text-xs text-slate-500">
              {t('notifications.more', {
                count: list.data.total - list.data.items.length,
                formatted: fmt.number(list.data.total - list.data.items.length),
              })}
            </p>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
