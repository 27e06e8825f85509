import { useQuery } from '@tanstack/react-query';
import { Building2, Check, ChevronDown, LogOut, Plus, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useMatch } from 'react-router';
import { NotificationsBell } from '../features/notifications/NotificationsBell';
import { type Me, useLogOut, useMe } from '../lib/auth';
import { routes } from '../lib/routes';
import { useTRPC } from '../trpc';
import { Button } from './ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './ui/lazy-dropdown-menu';

/** Radix aligns menus physically; in right-to-left "end" is the left edge. */
function useEndAlign() {
  const { i18n } = useTranslation();
  const dir = i18n.dir();
  return { dir, endAlign: dir === 'rtl' ? ('start' as const) : ('end' as const) };
}

function OrgSwitcher() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  // Only while logged in: after a log-out the cache is cleared before this menu unmounts.
  const orgs = useQuery({ ...trpc.org.mine.queryOptions(), enabled: Boolean(me.data) });
  const match = useMatch('/o/:slug/*');
  const currentSlug = match?.params.slug;
  const current = orgs.data?.find((o) => o.slug === currentSlug);
  const { dir } = useEndAlign();
  return (
    <DropdownMenu dir={dir}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          data-testid="org-switcher"
          className="min-w-0 max-w-40 sm:max-w-72 lg:max-w-md"
          title={current?.name}
        >
          <Building2 className="size-4 shrink-0" aria-hidden />
          <span className="truncate" dir={current ? 'auto' : undefined}>
            {current?.name ?? t('nav.organisations')}
          </span>
          <ChevronDown className="size-4 shrink-0 text-slate-500" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align={dir === 'rtl' ? 'end' : 'start'} className="max-w-80" data-testid="org-switcher-menu">
        <DropdownMenuLabel>{t('nav.yourOrganisations')}</DropdownMenuLabel>
        {orgs.isPending ? <p className="px-2 py-1.5 text-sm text-slate-500">{t('common.loading')}</p> : null}
        {orgs.error ? <p className="px-2 py-1.5 text-sm text-red-700">{t('nav.orgsLoadError')}</p> : null}
        {orgs.data?.length === 0 ? (
          <p className="px-2 py-1.5 text-sm text-slate-500">{t('nav.noOrganisations')}</p>
        ) : null}
        {orgs.data?.map((org) => {
          const isCurrent = org.slug === currentSlug;
          return (
            <DropdownMenuItem key={org.id} asChild>
              <Link
                to={routes.org(org.slug)}
                data-testid="org-switcher-item"
                data-slug={org.slug}
                aria-current={isCurrent ? 'page' : undefined}
              >
                <Check className={isCurrent ? 'size-4 text-brand-700' : 'size-4 invisible'} aria-hidden />
                <span className="min-w-0 flex-1 truncate text-start" dir="auto">
                  {org.name}
                </span>
                <span className="text-xs text-slate-500">{t(`roles.${org.role}`)}</span>
              </Link>
            </DropdownMenuItem>
          );
        })}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/orgs/new" data-testid="org-switcher-create">
            <Plus className="size-4" aria-hidden />
            {t('nav.createOrganisation')}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { logOut, error } = useLogOut();
  const { dir, endAlign } = useEndAlign();
  return (
    <div className="flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {t('nav.logOutFailed')}
        </span>
      ) : null}
      <DropdownMenu dir={dir}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="sm" data-testid="user-menu" className="max-w-48 lg:max-w-64" title={me.name}>
            <UserRound className="size-4 shrink-0" aria-hidden />
            <span className="hidden truncate sm:inline" dir="auto" data-testid="user-name">
              {me.name}
            </span>
            <span className="sr-only sm:hidden">{me.name}</span>
            <ChevronDown className="size-4 shrink-0 text-slate-500" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align={endAlign} className="max-w-72">
          <DropdownMenuLabel className="font-normal">
            <span className="block truncate text-sm font-semibold text-slate-900" dir="auto">
              {me.name}
            </span>
            <bdi className="block truncate text-xs text-slate-500">{me.email}</bdi>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link to="/account" data-testid="nav-account">
              <UserRound className="size-4" aria-hidden />
              {t('nav.account')}
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void logOut()} data-testid="logout">
            <LogOut className="size-4 rtl:rotate-180" aria-hidden />
            {t('nav.logOut')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}

/** The header's middle: organisation switcher and user menu, or log in / sign up. */
export function HeaderNav() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending || me.error) return <div className="flex-1" />;
  if (!me.data) {
    return (
      <div className="ms-auto flex items-center gap-2">
        <Button asChild variant="ghost" size="sm">
          <Link to="/login" data-testid="nav-login">
            {t('nav.logIn')}
          </Link>
        </Button>
        <Button asChild size="sm">
          <Link to="/signup" data-testid="nav-signup">
            {t('nav.signUp')}
          </Link>
        </Button>
      </div>
    );
  }
  return (
    <>
      <OrgSwitcher />
      <div className="ms-auto flex shrink-0 items-center gap-1">
        <NotificationsBell />
        <UserMenu me={me.data} />
      </div>
    </>
  );
}
