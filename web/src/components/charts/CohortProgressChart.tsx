import { useTranslation } from 'react-i18next';
import { Area, Line } from 'recharts';
import { useTerms } from '../../lib/terms';
import { TBody, TD, TH, THead, TR } from '../ui/table';
import { ChartCard, ChartLegend, ChartTable, RowHeader } from './ChartCard';
import type { CohortDashboard } from './CoverageScatter';
import { MonthChart, useMonthLegend } from './MonthChart';
import { COLORS, round3, shareDomainMax, useChartFormat } from './theme';

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
  const legend = useMonthLegend();
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
            legend.expected,
            legend.today,
          ]}
        />
      }
      table={
        <ChartTable caption={term('charts.progress.tableCaption')}>
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
                <RowHeader>
                  {Math.abs(p.month - now) < 1e-6 ? `${f.number(p.month)} (${t('charts.today')})` : f.number(p.month)}
                </RowHeader>
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
      <MonthChart
        points={points}
        maxMonth={maxMonth}
        yMax={yMax}
        now={now}
        title={term('charts.progress.title')}
        tooltip={(p) => ({
          title: f.month(p.month),
          rows: [
            { label: term('charts.series.median'), value: f.percent(p.median), color: COLORS.median },
            {
              label: term('charts.series.band'),
              value: p.q1 == null ? '—' : `${f.percent(p.q1)} – ${f.percent(p.q3)}`,
              color: COLORS.band,
            },
            { label: t('charts.series.expected'), value: f.percent(p.expected), color: COLORS.expected },
          ],
        })}
        under={
          <Area
            dataKey="band"
            name={term('charts.series.band')}
            stroke="none"
            fill={COLORS.band}
            fillOpacity={0.35}
            isAnimationActive={false}
            activeDot={false}
          />
        }
      >
        <Line
          dataKey="median"
          name={term('charts.series.median')}
          stroke={COLORS.median}
          strokeWidth={3}
          dot={{ r: 3, fill: COLORS.median }}
          isAnimationActive={false}
          className="median-line"
        />
      </MonthChart>
    </ChartCard>
  );
}
