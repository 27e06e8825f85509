import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type LegendSwatch, pointTooltip, type TooltipContent } from './ChartCard';
import { AXIS, COLORS, monthStep, shareStep, ticks, useChartFormat, useDirection, xAxisLabel } from './theme';

/** The legend entries every month chart has: the plan's expected curve and today's line. */
export function useMonthLegend() {
  const { t } = useTranslation();
  return {
    expected: { label: t('charts.series.expected'), color: COLORS.expected, swatch: 'dashed' as LegendSwatch },
    today: { label: t('charts.today'), color: COLORS.today, swatch: 'line' as LegendSwatch },
  };
}

/**
 * A chart of shares over the months since the start (a learner's timeline, a cohort's progress):
 * months along x (mirrored in Arabic), shares up y, a tooltip per point, today's line and the plan's
 * expected curve (dashed). `under` is drawn below today's line, `children` above the expected curve.
 */
export function MonthChart<P extends { month: number; expected: number }>({
  points,
  maxMonth,
  yMax,
  now,
  title,
  desc,
  tooltip,
  under,
  children,
}: {
  points: P[];
  maxMonth: number;
  yMax: number;
  /** Months since the start today. */
  now: number;
  title: string;
  /** A summary for screen readers. */
  desc?: string;
  tooltip: (point: P) => TooltipContent;
  under?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useChartFormat();
  const rtl = useDirection() === 'rtl';
  return (
    <div dir="ltr" className="h-72 w-full sm:h-80">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={points}
          margin={{ top: 24, right: 16, bottom: 24, left: 16 }}
          title={title}
          {...(desc ? { desc } : {})}
        >
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis
            dataKey="month"
            type="number"
            domain={[0, maxMonth]}
            ticks={ticks(maxMonth, monthStep(maxMonth))}
            reversed={rtl}
            tickFormatter={(m: number) => f.number(m)}
            {...AXIS}
            label={xAxisLabel(t('charts.monthsSinceStart'))}
          />
          <YAxis
            type="number"
            domain={[0, yMax]}
            ticks={ticks(yMax, shareStep(yMax))}
            orientation={rtl ? 'right' : 'left'}
            tickFormatter={(v: number) => f.percent(v)}
            {...AXIS}
            width={48}
          />
          <Tooltip content={pointTooltip(tooltip)} />
          {under}
          {now >= 0 && now <= maxMonth ? (
            <ReferenceLine
              x={now}
              stroke={COLORS.today}
              strokeWidth={2}
              // inside the plot, on the side of the line with more room: never over the y axis's top label
              label={{
                value: t('charts.today'),
                position: now < maxMonth / 2 !== rtl ? 'insideTopLeft' : 'insideTopRight',
                fill: COLORS.today,
                fontSize: 12,
                fontWeight: 600,
              }}
            />
          ) : null}
          <Line
            dataKey="expected"
            name={t('charts.series.expected')}
            stroke={COLORS.expected}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
            isAnimationActive={false}
          />
          {children}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
