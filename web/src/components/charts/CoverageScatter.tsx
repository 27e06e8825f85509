import type { LearnerStatus } from '@masar/shared';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { useTerms } from '../../lib/terms';
import type { RouterOutputs } from '../../trpc';
import { TBody, TD, TH, THead, TR } from '../ui/table';
import { ChartCard, ChartLegend, ChartTable, pointTooltip, RowHeader } from './ChartCard';
import { StatusBadge } from './StatusBadge';
import {
  AXIS,
  COLORS,
  round3,
  STATUS_COLOR,
  STATUS_SHAPE,
  STATUSES,
  shareDomainMax,
  shareStep,
  ticks,
  useChartFormat,
  useDirection,
  xAxisLabel,
} from './theme';

export type CohortDashboard = RouterOutputs['dashboards']['cohort'];
type Point = CohortDashboard['scatter'][number];

/**
 * Every learner's verified coverage (y) against what is expected of them by now (x). Above the
 * diagonal is ahead of the plan; colour and marker shape both say the status.
 */
export function CoverageScatter({ data }: { data: CohortDashboard }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const f = useChartFormat();
  const rtl = useDirection() === 'rtl';
  const points = data.scatter;
  const max = shareDomainMax(points.flatMap((p) => [p.coverage, p.expected]));
  const axisTicks = ticks(max, shareStep(max));
  const sorted = [...points].sort((a, b) => a.name.localeCompare(b.name, f.locale));

  const renderTooltip = pointTooltip((p: Point) => ({
    title: p.name,
    rows: [
      { label: t('charts.series.coverage'), value: f.percent(p.coverage), color: STATUS_COLOR[p.status] },
      { label: t('charts.series.expected'), value: f.percent(p.expected) },
      { label: t('charts.status'), value: t(`dashboards.status.${p.status}`) },
    ],
  }));

  return (
    <ChartCard
      title={t('charts.scatter.title')}
      description={term('charts.scatter.description')}
      attrs={{ 'data-testid': 'scatter-chart', 'data-points': points.length }}
      legend={
        <ChartLegend
          items={[
            ...STATUSES.map((s) => ({
              label: `${t(`dashboards.status.${s}`)} (${f.number(points.filter((p) => p.status === s).length)})`,
              color: STATUS_COLOR[s],
              swatch: STATUS_SHAPE[s],
            })),
            { label: t('charts.scatter.diagonal'), color: COLORS.expected, swatch: 'dashed' as const },
          ]}
        />
      }
      table={
        <ChartTable caption={term('charts.scatter.tableCaption')}>
          <THead>
            <tr>
              <TH scope="col">{term('charts.learner')}</TH>
              <TH scope="col">{t('charts.series.expected')}</TH>
              <TH scope="col">{t('charts.series.coverage')}</TH>
              <TH scope="col">{t('charts.status')}</TH>
            </tr>
          </THead>
          <TBody>
            {sorted.map((p) => (
              <TR
                key={p.learnerId}
                data-testid="scatter-row"
                data-learner={p.learnerId}
                data-expected={round3(p.expected)}
                data-coverage={round3(p.coverage)}
                data-status={p.status}
              >
                <RowHeader>{p.name}</RowHeader>
                <TD className="tabular-nums">{f.percent(p.expected)}</TD>
                <TD className="tabular-nums">{f.percent(p.coverage)}</TD>
                <TD>
                  <StatusBadge status={p.status} />
                </TD>
              </TR>
            ))}
          </TBody>
        </ChartTable>
      }
    >
      <div dir="ltr" className="h-72 w-full sm:h-80">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart
            margin={{ top: 16, right: 16, bottom: 24, left: 16 }}
            title={t('charts.scatter.title')}
            desc={t('charts.scatter.summary', {
              behind: f.number(data.statusCounts.behind),
              onTrack: f.number(data.statusCounts.on_track),
              ahead: f.number(data.statusCounts.ahead),
            })}
          >
            <CartesianGrid stroke={COLORS.grid} />
            <XAxis
              type="number"
              dataKey="expected"
              name={t('charts.series.expected')}
              domain={[0, max]}
              ticks={axisTicks}
              reversed={rtl}
              tickFormatter={(v: number) => f.percent(v)}
              {...AXIS}
              label={xAxisLabel(t('charts.scatter.xAxis'))}
            />
            <YAxis
              type="number"
              dataKey="coverage"
              name={t('charts.series.coverage')}
              domain={[0, max]}
              ticks={axisTicks}
              orientation={rtl ? 'right' : 'left'}
              tickFormatter={(v: number) => f.percent(v)}
              {...AXIS}
              width={48}
            />
            <ZAxis range={[90, 90]} />
            <ReferenceLine
              segment={[
                { x: 0, y: 0 },
                { x: max, y: max },
              ]}
              stroke={COLORS.expected}
              strokeDasharray="6 4"
              ifOverflow="hidden"
            />
            <Tooltip content={renderTooltip} cursor={{ strokeDasharray: '3 3' }} />
            {STATUSES.map((s: LearnerStatus) => (
              <Scatter
                key={s}
                name={t(`dashboards.status.${s}`)}
                data={points.filter((p) => p.status === s)}
                fill={STATUS_COLOR[s]}
                stroke="#ffffff"
                strokeWidth={1}
                fillOpacity={0.85}
                shape={STATUS_SHAPE[s]}
                isAnimationActive={false}
              />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
