import { Table2 } from 'lucide-react';
import { type ReactNode, type RefObject, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TooltipContentProps } from 'recharts';
import { cn } from '../../lib/utils';
import { CopyStateLabel, useCopy } from '../CopyButton';
import { Button } from '../ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import { TH } from '../ui/table';

type DataAttrs = Record<`data-${string}`, string | number | undefined>;

/**
 * A chart in a card, with its data as a table: the table is always in the page (read by screen
 * readers, kept visually hidden), and "Show as table" makes it visible and copyable.
 */
export function ChartCard({
  title,
  description,
  legend,
  table,
  children,
  className,
  attrs,
}: {
  title: string;
  description?: ReactNode;
  legend?: ReactNode;
  /** The same data as a `<table>` (with a caption). */
  table: ReactNode;
  children: ReactNode;
  className?: string;
  /** Attributes on the wrapper (test ids, data-*). */
  attrs?: DataAttrs;
}) {
  const { t } = useTranslation();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const titleId = useId();
  const tableRef = useRef<HTMLDivElement>(null);
  return (
    <Card className={cn('min-w-0', className)} aria-labelledby={titleId} {...attrs}>
      <CardHeader className="pb-2">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <CardTitle id={titleId} className="text-base">
            {title}
          </CardTitle>
          <div className="flex items-center gap-2">
            {showTable ? <CopyTableButton source={tableRef} /> : null}
            <Button
              type="button"
              variant="secondary"
              size="sm"
              aria-expanded={showTable}
              aria-controls={tableId}
              onClick={() => setShowTable((v) => !v)}
              data-testid="toggle-table"
            >
              <Table2 className="size-4" aria-hidden />
              {showTable ? t('charts.hideTable') : t('charts.showTable')}
            </Button>
          </div>
        </div>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3 pt-2">
        {children}
        {legend}
        {/* Visible: a scrollable, focusable region (keyboard users can scroll it); hidden: read by screen readers. */}
        <div
          id={tableId}
          ref={tableRef}
          className={cn(showTable ? 'max-h-96 overflow-auto rounded-lg border border-slate-200' : 'sr-only')}
          data-visible={showTable ? 'true' : 'false'}
          {...(showTable ? { tabIndex: 0, role: 'region', 'aria-label': t('charts.tableOf', { title }) } : {})}
        >
          {table}
        </div>
      </CardContent>
    </Card>
  );
}

/** Copies a table as tab-separated text (pastes into a spreadsheet as cells). */
function tableText(root: HTMLElement): string {
  return [...root.querySelectorAll('tr')]
    .map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()).join('\t'),
    )
    .join('\n');
}

function CopyTableButton({ source }: { source: RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation();
  const { state, copy } = useCopy();
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      onClick={() => copy(source.current ? tableText(source.current) : null)}
      data-testid="copy-table"
    >
      <CopyStateLabel state={state} idle={t('charts.copyTable')} />
    </Button>
  );
}

export type LegendSwatch = 'line' | 'dashed' | 'dotted' | 'band' | 'bar' | 'circle' | 'triangle' | 'diamond';

/** An HTML legend (translated, mirrored in Arabic) with a swatch that repeats the line style or shape. */
export function ChartLegend({ items }: { items: { label: string; color: string; swatch: LegendSwatch }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-5 gap-y-1.5 text-sm text-slate-700" data-testid="chart-legend">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-2">
          <Swatch color={item.color} kind={item.swatch} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

export function Swatch({ color, kind, size = 14 }: { color: string; kind: LegendSwatch; size?: number }) {
  const w = kind === 'line' || kind === 'dashed' || kind === 'dotted' ? 24 : size;
  return (
    <svg width={w} height={size} viewBox={`0 0 ${w} ${size}`} aria-hidden className="shrink-0">
      {kind === 'line' || kind === 'dashed' || kind === 'dotted' ? (
        <line
          x1={1}
          x2={w - 1}
          y1={size / 2}
          y2={size / 2}
          stroke={color}
          strokeWidth={kind === 'dotted' ? 2 : 3}
          strokeDasharray={kind === 'dashed' ? '6 3' : kind === 'dotted' ? '2 3' : undefined}
        />
      ) : kind === 'band' ? (
        <rect x={0} y={2} width={w} height={size - 4} fill={color} opacity={0.35} />
      ) : kind === 'bar' ? (
        <rect x={1} y={1} width={w - 2} height={size - 2} rx={2} fill={color} />
      ) : kind === 'circle' ? (
        <circle cx={size / 2} cy={size / 2} r={size / 2 - 2} fill={color} />
      ) : kind === 'triangle' ? (
        <polygon points={`${size / 2},1 ${size - 1},${size - 1} 1,${size - 1}`} fill={color} />
      ) : (
        <polygon points={`${size / 2},0 ${size},${size / 2} ${size / 2},${size} 0,${size / 2}`} fill={color} />
      )}
    </svg>
  );
}

export type TooltipContent = { title: ReactNode; rows: { label: string; value: string; color?: string }[] };

/** The box a chart tooltip draws (HTML, in the page's direction). */
export function TooltipBox({ title, rows }: TooltipContent) {
  const { i18n } = useTranslation();
  return (
    <div
      dir={i18n.dir(i18n.language)}
      className="min-w-40 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm shadow-md"
    >
      <p className="mb-1 font-medium text-slate-900">{title}</p>
      <dl className="flex flex-col gap-0.5">
        {rows.map((r) => (
          <div key={r.label} className="flex items-center justify-between gap-4">
            <dt className="flex items-center gap-1.5 text-slate-600">
              {r.color ? <span className="size-2.5 rounded-full" style={{ background: r.color }} aria-hidden /> : null}
              {r.label}
            </dt>
            <dd className="font-medium tabular-nums text-slate-900">{r.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * A recharts tooltip `content`: the box for the hovered point, with what `content` makes of the
 * point's data (nothing while no point is hovered).
 */
export function pointTooltip<P>(content: (point: P) => TooltipContent) {
  return ({ active, payload }: TooltipContentProps) => {
    const point = payload?.[0]?.payload as P | undefined;
    if (!active || !point) return null;
    return <TooltipBox {...content(point)} />;
  };
}

/** A bare `<table>` for chart data, with its caption (its card scrolls it; no nested scroll box). */
export function ChartTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="px-4 py-2 text-start text-sm font-medium text-slate-700">{caption}</caption>
      {children}
    </table>
  );
}

/** The header cell that names a chart table's row. */
export function RowHeader({ children }: { children: ReactNode }) {
  return (
    <TH scope="row" className="text-sm font-medium normal-case tracking-normal text-slate-800">
      {children}
    </TH>
  );
}

/** A pulsing placeholder block. */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cn('animate-pulse rounded-md bg-slate-200/80', className)} aria-hidden />;
}
