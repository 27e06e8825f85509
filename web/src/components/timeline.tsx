import { type SkillCategory, TIMELINE_MONTHS } from '@masar/shared';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';
import { cn } from '../lib/utils';
import { Badge } from './ui/badge';

/** Months with a tick on the ruler, and the milestone bands shaded under the bars. */
export const TICKS = [0, 3, 6, 12, 18, 24, 36] as const;
export const BANDS: readonly (readonly [number, number])[] = [
  [0, 3],
  [3, 6],
  [6, 12],
  [12, 36],
];

/** Share of the 0–36 month scale, as a CSS percentage (for inline-start offsets and widths). */
export function pct(months: number): string {
  const clamped = Math.min(TIMELINE_MONTHS, Math.max(0, months));
  return `${(clamped / TIMELINE_MONTHS) * 100}%`;
}

/** Position of a window on the scale; logical properties, so it mirrors in Arabic. */
export function windowStyle(startMonth: number, endMonth: number): React.CSSProperties {
  return { insetInlineStart: pct(startMonth), width: pct(endMonth - startMonth) };
}

export const CATEGORY_COLOR: Record<SkillCategory, string> = {
  fundamentals: 'bg-sky-500',
  languages: 'bg-indigo-500',
  databases: 'bg-amber-500',
  apis: 'bg-teal-600',
  architecture: 'bg-violet-500',
  workflow: 'bg-slate-500',
  testing: 'bg-emerald-500',
  devops: 'bg-orange-500',
  performance: 'bg-rose-500',
  observability: 'bg-cyan-600',
  career: 'bg-fuchsia-500',
};

export function categoryColor(category: string): string {
  return CATEGORY_COLOR[category as SkillCategory] ?? 'bg-slate-400';
}

export function CategoryBadge({ category }: { category: string }) {
  const { t } = useTranslation();
  return (
    <Badge className="gap-1.5 whitespace-nowrap" data-testid="category-badge" data-category={category}>
      <span className={cn('size-2 rounded-full', categoryColor(category))} aria-hidden />
      {t(`categories.${category}`, { defaultValue: category })}
    </Badge>
  );
}

/** "Months 0–3" in the current language's digits. */
export function useWindowLabel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (startMonth: number, endMonth: number) =>
    t('timeline.window', { from: fmt.number(startMonth), to: fmt.number(endMonth) });
}

/** The shaded milestone bands and tick lines behind a row of the scale. */
export function Bands({ className }: { className?: string }) {
  return (
    <div className={cn('pointer-events-none absolute inset-0', className)} aria-hidden>
      {BANDS.map(([from, to], i) => (
        <div
          key={from}
          className={cn('absolute inset-y-0', i % 2 === 0 ? 'bg-brand-50' : 'bg-slate-50')}
          style={windowStyle(from, to)}
        />
      ))}
      {TICKS.map((m) => (
        <div key={m} className="absolute inset-y-0 border-s border-slate-200" style={{ insetInlineStart: pct(m) }} />
      ))}
    </div>
  );
}

/** The month scale's header: tick labels at 0, 3, 6, 12, 18, 24, 36 over the milestone bands. */
export function MonthRuler({ marker }: { marker?: { month: number; label: string } | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="relative h-9" data-testid="month-ruler">
      <Bands className="top-6" />
      {TICKS.map((m, i) => (
        <span
          key={m}
          className={cn(
            'absolute top-0 text-xs font-medium tabular-nums text-slate-600',
            i === 0
              ? ''
              : i === TICKS.length - 1
                ? 'ltr:-translate-x-full rtl:translate-x-full'
                : 'ltr:-translate-x-1/2 rtl:translate-x-1/2',
          )}
          style={{ insetInlineStart: pct(m) }}
          data-testid="ruler-tick"
          data-month={m}
        >
          {fmt.number(m)}
        </span>
      ))}
      {marker ? <TodayMarker month={marker.month} label={marker.label} /> : null}
      <span className="sr-only">{t('timeline.scale')}</span>
    </div>
  );
}

/** A vertical "you are here" line on the scale. */
export function TodayMarker({ month, label }: { month: number; label?: string }) {
  if (month < 0) return null;
  return (
    <div
      className="pointer-events-none absolute inset-y-0 z-10 border-s-2 border-red-500"
      style={{ insetInlineStart: pct(month) }}
      title={label}
      data-testid="today-marker"
    />
  );
}
