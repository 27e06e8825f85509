import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../lib/format';
import type { RouterOutputs } from '../../trpc';
import { TBody, TD, TH, THead, TR } from '../ui/table';
import { ChartCard, ChartLegend, ChartTable, TooltipBox } from './ChartCard';
import { COLORS, monthStep, round3, shareDomainMax, shareStep, ticks, useChartFormat, useDirection } from './theme';

export type LearnerProgress = RouterOutputs['dashboard']['learner'];

interface Point {
  month: number;
  expected: number;
  verified: number | null;
  evidenced: number | null;
  today?: boolean;
}

/** The timeline points with today's exact point added (so the lines end where the learner is now). */
export function timelinePoints(data: LearnerProgress): Point[] {
  const now = data.monthsSinceStart;
  const points: Point[] = data.timeline.map((p) => ({ ...p }));
  if (now >= 0) {
    const today: Point = {
      month: now,
      expected: data.coverage.expected,
      verified: data.coverage.verified,
      evidenced: data.coverage.evidenced,
      today: true,
    };
    const same = points.findIndex((p) => Math.abs(p.month - now) < 1e-6);
    if (same >= 0) points[same] = today;
    else {
      const at = points.findIndex((p) => p.month > now);
      points.splice(at < 0 ? points.length : at, 0, today);
    }
  }
  return points;
}

/**
 * Expected, verified and evidenced coverage by month since the learner's start, zoomed to a little
 * after today; today and the due dates are marked. Mirrored in Arabic (months run right to left).
 */
export function TimelineChart({ data }: { data: LearnerProgress }) {
  const { t } = useTranslation();
  const f = useChartFormat();
  const fmt = useFormat();
  const dir = useDirection();
  const rtl = dir === 'rtl';
  const points = timelinePoints(data);
  const maxMonth = points.length ? points[points.length - 1]!.month : 6;
  const yMax = shareDomainMax(points.flatMap((p) => [p.expected, p.verified, p.evidenced]));
  const now = data.monthsSinceStart;
  const dueInRange = data.dueDates.filter((d) => d.month >= 0 && d.month <= maxMonth);
  const label = (key: 'expected' | 'verified' | 'evidenced') => t(`charts.series.${key}`);

  const renderTooltip = ({ active, payload }: TooltipContentProps) => {
    const p = payload?.[0]?.payload as Point | undefined;
    if (!active || !p) return null;
    return (
      <TooltipBox
        title={p.today ? `${f.month(p.month)} · ${t('charts.today')}` : f.month(p.month)}
        rows={[
          { label: label('expected'), value: f.percent(p.expected), color: COLORS.expected },
          { label: label('verified'), value: f.percent(p.verified), color: COLORS.verified },
          { label: label('evidenced'), value: f.percent(p.evidenced), color: COLORS.evidenced },
        ]}
      />
    );
  };

  return (
    <ChartCard
      title={t('charts.timeline.title')}
      description={t('charts.timeline.description')}
      attrs={{
        'data-testid': 'timeline-chart',
        'data-expected-now': round3(data.coverage.expected),
        'data-verified-now': round3(data.coverage.verified),
        'data-today-month': round3(now),
      }}
      legend={
        <ChartLegend
          items={[
            { label: label('expected'), color: COLORS.expected, swatch: 'dashed' },
            { label: label('verified'), color: COLORS.verified, swatch: 'line' },
            { label: label('evidenced'), color: COLORS.evidenced, swatch: 'line' },
            { label: t('charts.today'), color: COLORS.today, swatch: 'line' },
            ...(dueInRange.length
              ? [{ label: t('charts.dueDate'), color: COLORS.due, swatch: 'dotted' as const }]
              : []),
          ]}
        />
      }
      table={
        <>
          <ChartTable>
            <caption className="px-4 py-2 text-start text-sm font-medium text-slate-700">
              {t('charts.timeline.tableCaption')}
            </caption>
            <THead>
              <tr>
                <TH scope="col">{t('charts.month')}</TH>
                <TH scope="col">{label('expected')}</TH>
                <TH scope="col">{label('verified')}</TH>
                <TH scope="col">{label('evidenced')}</TH>
              </tr>
            </THead>
            <TBody>
              {points.map((p) => (
                <TR
                  key={`${p.month}${p.today ? 't' : ''}`}
                  data-testid="timeline-row"
                  data-month={round3(p.month)}
                  data-expected={round3(p.expected)}
                  data-verified={round3(p.verified)}
                  data-evidenced={round3(p.evidenced)}
                  data-today={p.today ? 'true' : undefined}
                  className={p.today ? 'bg-orange-50 font-medium' : undefined}
                >
                  <TH scope="row" className="text-sm font-medium normal-case tracking-normal text-slate-800">
                    {p.today ? `${f.number(p.month)} (${t('charts.today')})` : f.number(p.month)}
                  </TH>
                  <TD className="tabular-nums">{f.percent(p.expected)}</TD>
                  <TD className="tabular-nums">{f.percent(p.verified)}</TD>
                  <TD className="tabular-nums">{f.percent(p.evidenced)}</TD>
                </TR>
              ))}
            </TBody>
          </ChartTable>
          {data.dueDates.length ? (
            <ChartTable>
              <caption className="px-4 py-2 text-start text-sm font-medium text-slate-700">
                {t('charts.timeline.dueCaption')}
              </caption>
              <THead>
                <tr>
                  <TH scope="col">{t('charts.dueDate')}</TH>
                  <TH scope="col">{t('charts.month')}</TH>
                </tr>
              </THead>
              <TBody>
                {data.dueDates.map((d) => (
                  <TR key={d.date} data-testid="due-date-row" data-date={d.date} data-month={round3(d.month)}>
                    <TD>{fmt.day(d.date)}</TD>
                    <TD className="tabular-nums">{f.number(d.month)}</TD>
                  </TR>
                ))}
              </TBody>
            </ChartTable>
          ) : null}
        </>
      }
    >
      <div dir="ltr" className="h-72 w-full sm:h-80">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={points}
            margin={{ top: 24, right: 16, bottom: 24, left: 16 }}
            title={t('charts.timeline.title')}
            desc={t('charts.timeline.summary', {
              verified: f.percent(data.coverage.verified),
              expected: f.percent(data.coverage.expected),
              month: f.number(now),
            })}
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
            {dueInRange.map((d) => (
              <ReferenceLine
                key={d.date}
                x={d.month}
                stroke={COLORS.due}
                strokeDasharray="2 3"
                strokeWidth={2}
                ifOverflow="hidden"
              />
            ))}
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
              name={label('expected')}
              stroke={COLORS.expected}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="evidenced"
              name={label('evidenced')}
              stroke={COLORS.evidenced}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="verified"
              name={label('verified')}
              stroke={COLORS.verified}
              strokeWidth={3}
              dot={false}
              isAnimationActive={false}
            />
            {now >= 0 && now <= maxMonth ? (
              <ReferenceDot
                x={now}
                y={data.coverage.verified}
                r={5}
                fill={COLORS.verified}
                stroke="#ffffff"
                strokeWidth={2}
              />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
