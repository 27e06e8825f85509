import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { LocalePreferences } from './LocalePreferences';

export function Layout({ nav }: { nav?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="min-h-screen">
      <LocalePreferences />
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-4">
          <Link
            to="/"
            className="flex shrink-0 items-center gap-2 font-semibold text-brand-800"
            data-testid="brand"
            aria-label={t('app.name')}
          >
            <img src="/favicon.svg" alt="" className="size-7" />
            <span className="hidden sm:inline">{t('app.name')}</span>
          </Link>
          <div className="flex min-w-0 flex-1 items-center gap-1 sm:gap-2">{nav}</div>
          <LanguageSwitch />
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">
        <Outlet />
      </main>
    </div>
  );
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: React.ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}
