import { useTranslation } from 'react-i18next';
import { Line, ReferenceDot, ReferenceLine } from 'recharts';
import { useFormat } from '../../lib/format';
import type { RouterOutputs } from '../../trpc';
import { TBody, TD, TH, THead, TR } from '../ui/table';
import { ChartCard, ChartLegend, ChartTable, RowHeader } from './ChartCard';
import { MonthChart, useMonthLegend } from './MonthChart';
import { COLORS, round3, shareDomainMax, useChartFormat } from './theme';

export type LearnerProgress = RouterOutputs['dashboards']['learner'];

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
  const legend = useMonthLegend();
  const points = timelinePoints(data);
  const maxMonth = points.length ? points[points.length - 1]!.month : 6;
  const yMax = shareDomainMax(points.flatMap((p) => [p.expected, p.verified, p.evidenced]));
  const now = data.monthsSinceStart;
  const dueInRange = data.dueDates.filter((d) => d.month >= 0 && d.month <= maxMonth);
  const label = (key: 'expected' | 'verified' | 'evidenced') => t(`charts.series.${key}`);

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
            legend.expected,
            { label: label('verified'), color: COLORS.verified, swatch: 'line' },
            { label: label('evidenced'), color: COLORS.evidenced, swatch: 'line' },
            legend.today,
            ...(dueInRange.length
              ? [{ label: t('charts.dueDate'), color: COLORS.due, swatch: 'dotted' as const }]
              : []),
          ]}
        />
      }
      table={
        <>
          <ChartTable caption={t('charts.timeline.tableCaption')}>
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
                  <RowHeader>{p.today ? `${f.number(p.month)} (${t('charts.today')})` : f.number(p.month)}</RowHeader>
                  <TD className="tabular-nums">{f.percent(p.expected)}</TD>
                  <TD className="tabular-nums">{f.percent(p.verified)}</TD>
                  <TD className="tabular-nums">{f.percent(p.evidenced)}</TD>
                </TR>
              ))}
            </TBody>
          </ChartTable>
          {data.dueDates.length ? (
            <ChartTable caption={t('charts.timeline.dueCaption')}>
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
      <MonthChart
        points={points}
        maxMonth={maxMonth}
        yMax={yMax}
        now={now}
        title={t('charts.timeline.title')}
        desc={t('charts.timeline.summary', {
          verified: f.percent(data.coverage.verified),
          expected: f.percent(data.coverage.expected),
          month: f.number(now),
        })}
        tooltip={(p) => ({
          title: p.today ? `${f.month(p.month)} · ${t('charts.today')}` : f.month(p.month),
          rows: [
            { label: label('expected'), value: f.percent(p.expected), color: COLORS.expected },
            { label: label('verified'), value: f.percent(p.verified), color: COLORS.verified },
            { label: label('evidenced'), value: f.percent(p.evidenced), color: COLORS.evidenced },
          ],
        })}
        under={dueInRange.map((d) => (
          <ReferenceLine
            key={d.date}
            x={d.month}
            stroke={COLORS.due}
            strokeDasharray="2 3"
            strokeWidth={2}
            ifOverflow="hidden"
          />
        ))}
      >
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
      </MonthChart>
    </ChartCard>
  );
}
