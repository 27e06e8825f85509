import { Inbox, SearchX, ShieldOff } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '../lib/utils';
import { Button } from './ui/button';

const icons = { empty: Inbox, denied: ShieldOff, notFound: SearchX } as const;

/** A centred message for empty lists, missing access and things that do not exist. */
export function StateMessage({
  kind,
  title,
  body,
  action,
  className,
  ...props
}: {
  kind: keyof typeof icons;
  title: string;
  body?: string;
  action?: React.ReactNode;
} & Omit<React.ComponentProps<'div'>, 'title'>) {
  const Icon = icons[kind];
  return (
    <div
      className={cn(
        'flex flex-col items-center gap-2 rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center',
        className,
      )}
      {...props}
    >
      <Icon className="size-8 text-slate-400" aria-hidden />
      <p className="font-medium text-slate-900">{title}</p>
      {body ? <p className="max-w-md text-sm text-slate-600">{body}</p> : null}
      {action ? <div className="mt-3">{action}</div> : null}
    </div>
  );
}

export function AccessDenied() {
  const { t } = useTranslation();
  return (
    <StateMessage
      kind="denied"
      title={t('org.accessDeniedTitle')}
      body={t('org.accessDeniedBody')}
      data-testid="no-access"
    />
  );
}

export function OrgNotFound() {
  const { t } = useTranslation();
  return (
    <StateMessage
      kind="notFound"
      title={t('org.notFoundTitle')}
      body={t('org.notFoundBody')}
      data-testid="org-not-found"
      action={
        <Button asChild variant="secondary">
          <Link to="/">{t('common.backHome')}</Link>
        </Button>
      }
    />
  );
}
