import { Clock, Hourglass, Inbox } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { useFormat } from '../../lib/format';
import type { RouterOutputs } from '../../trpc';
import { useDuration } from './common';

export function FilterSelect({
  id,
  label,
  hint,
  value,
  onChange,
  children,
  ...props
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  children: React.ReactNode;
} & Omit<React.ComponentProps<'select'>, 'onChange' | 'value'>) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)} {...props}>
        {children}
      </NativeSelect>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

export function QueueHealth({
  health,
  error,
}: {
  health: RouterOutputs['submissions']['queueHealth'] | undefined;
  error: unknown;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const duration = useDuration();
  if (error) return null;
  const tiles = [
    {
      key: 'waiting',
      icon: Inbox,
      label: t('queue.health.waiting'),
      value: health ? fmt.number(health.waiting) : '…',
    },
    {
      key: 'median',
      icon: Clock,
      label: t('queue.health.median'),
      value: health ? (health.medianHours == null ? '—' : duration(health.medianHours)) : '…',
    },
    {
      key: 'oldest',
      icon: Hourglass,
      label: t('queue.health.oldest'),
      value: health ? (health.oldestHours == null ? '—' : duration(health.oldestHours)) : '…',
    },
  ];
  return (
    <section
      className="grid gap-3 sm:grid-cols-3"
      aria-label={t('queue.health.title')}
      data-testid="queue-health"
      data-waiting={health?.waiting}
    >
      {tiles.map(({ key, icon: Icon, label, value }) => (
        <div key={key} className="flex items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-brand-50 text-brand-700">
            <Icon className="size-5" aria-hidden />
          </span>
          <div className="min-w-0">
            <p className="text-xs text-slate-500">{label}</p>
            <p className="truncate text-lg font-semibold text-slate-900" data-testid={`queue-health-${key}`}>
              {value}
            </p>
          </div>
        </div>
      ))}
    </section>
  );
}
