import { useTranslation } from 'react-i18next';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { useTerms } from '../../lib/terms';
import { TBody, TD, TH, THead, TR } from '../ui/table';
import { ChartCard, ChartLegend, ChartTable, TooltipBox } from './ChartCard';
import type { CohortDashboard } from './CoverageScatter';
import { COLORS, monthStep, round3, shareDomainMax, shareStep, ticks, useChartFormat, useDirection } from './theme';

interface Point {
  month: number;
  expected: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
  band: [number, number] | null;
}

/** The cohort's median verified coverage by month, with the middle half (q1–q3) as a band, against the plan. */
export function CohortProgressChart({ data }: { data: CohortDashboard }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const f = useChartFormat();
  const rtl = useDirection() === 'rtl';
  const now = data.cohort.monthsSinceStart;
  // Months after today have no progress yet: only the expected curve continues there.
  const points: Point[] = data.progressOverTime.map((p) => {
    const past = p.month <= now + 1e-9;
    return {
      month: p.month,
      expected: p.expected,
      q1: past ? p.q1 : null,
      median: past ? p.median : null,
      q3: past ? p.q3 : null,
      band: past ? [p.q1, p.q3] : null,
    };
  });
  const maxMonth = Math.max(1, ...points.map((p) => p.month));
  const yMax = shareDomainMax(points.flatMap((p) => [p.expected, p.q3]));

  const renderTooltip = ({ active, payload }: TooltipContentProps) => {
    const p = payload?.[0]?.payload as Point | undefined;
    if (!active || !p) return null;
    return (
      <TooltipBox
        title={f.month(p.month)}
        rows={[
          { label: term('charts.series.median'), value: f.percent(p.median), color: COLORS.median },
          {
            label: term('charts.series.band'),
            value: p.q1 == null ? '—' : `${f.percent(p.q1)} – ${f.percent(p.q3)}`,
            color: COLORS.band,
          },
          { label: t('charts.series.expected'), value: f.percent(p.expected), color: COLORS.expected },
        ]}
      />
    );
  };

  return (
    <ChartCard
      title={term('charts.progress.title')}
      description={term('charts.progress.description')}
      attrs={{
        'data-testid': 'progress-chart',
        'data-points': points.filter((p) => p.median != null).length,
      }}
      legend={
        <ChartLegend
          items={[
            { label: term('charts.series.median'), color: COLORS.median, swatch: 'line' },
            { label: term('charts.series.band'), color: COLORS.band, swatch: 'band' },
            { label: t('charts.series.expected'), color: COLORS.expected, swatch: 'dashed' },
            { label: t('charts.today'), color: COLORS.today, swatch: 'line' },
          ]}
        />
      }
      table={
        <ChartTable>
          <caption className="px-4 py-2 text-start text-sm font-medium text-slate-700">
            {term('charts.progress.tableCaption')}
          </caption>
          <THead>
            <tr>
              <TH scope="col">{t('charts.month')}</TH>
              <TH scope="col">{t('charts.series.q1')}</TH>
              <TH scope="col">{term('charts.series.median')}</TH>
              <TH scope="col">{t('charts.series.q3')}</TH>
              <TH scope="col">{t('charts.series.expected')}</TH>
            </tr>
          </THead>
          <TBody>
            {points.map((p) => (
              <TR
                key={p.month}
                data-testid="progress-row"
                data-month={round3(p.month)}
                data-q1={round3(p.q1)}
                data-median={round3(p.median)}
                data-q3={round3(p.q3)}
                data-expected={round3(p.expected)}
              >
                <TH scope="row" className="text-sm font-medium normal-case tracking-normal text-slate-800">
                  {f.number(p.month)}
                </TH>
                <TD className="tabular-nums">{f.percent(p.q1)}</TD>
                <TD className="tabular-nums">{f.percent(p.median)}</TD>
                <TD className="tabular-nums">{f.percent(p.q3)}</TD>
                <TD className="tabular-nums">{f.percent(p.expected)}</TD>
              </TR>
            ))}
          </TBody>
        </ChartTable>
      }
    >
      <div dir="ltr" className="h-72 w-full sm:h-80">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={points}
            margin={{ top: 24, right: 16, bottom: 24, left: 16 }}
            title={term('charts.progress.title')}
          >
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            <XAxis
              dataKey="month"
              type="number"
              domain={[0, maxMonth]}
              ticks={ticks(maxMonth, monthStep(maxMonth))}
              reversed={rtl}
              tickFormatter={(m: number) => f.number(m)}
              tick={{ fontSize: 12, fill: COLORS.axis }}
              stroke={COLORS.axis}
              label={{
                value: t('charts.monthsSinceStart'),
                position: 'insideBottom',
                offset: -16,
                fontSize: 12,
                fill: COLORS.axis,
              }}
            />
            <YAxis
              type="number"
              domain={[0, yMax]}
              ticks={ticks(yMax, shareStep(yMax))}
              orientation={rtl ? 'right' : 'left'}
              tickFormatter={(v: number) => f.percent(v)}
              tick={{ fontSize: 12, fill: COLORS.axis }}
              stroke={COLORS.axis}
              width={48}
            />
            <Tooltip content={renderTooltip} />
            <Area
              dataKey="band"
              name={term('charts.series.band')}
              stroke="none"
              fill={COLORS.band}
              fillOpacity={0.35}
              isAnimationActive={false}
              activeDot={false}
            />
            {now >= 0 && now <= maxMonth ? (
              <ReferenceLine
                x={now}
                stroke={COLORS.today}
                strokeWidth={2}
                label={{ value: t('charts.today'), position: 'top', fill: COLORS.today, fontSize: 12 }}
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
            <Line
              dataKey="median"
              name={term('charts.series.median')}
              stroke={COLORS.median}
              strokeWidth={3}
              dot={{ r: 3, fill: COLORS.median }}
              isAnimationActive={false}
              className="median-line"
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
