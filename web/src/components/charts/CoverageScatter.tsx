import type { LearnerStatus } from '@masar/shared';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { useTerms } from '../../lib/terms';
import type { RouterOutputs } from '../../trpc';
import { TBody, TD, TH, THead, TR } from '../ui/table';
import { ChartCard, ChartLegend, ChartTable, TooltipBox } from './ChartCard';
import { StatusBadge } from './StatusBadge';
import {
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
} from './theme';

export type CohortDashboard = RouterOutputs['dashboard']['cohort'];
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

  const renderTooltip = ({ active, payload }: TooltipContentProps) => {
    const p = payload?.[0]?.payload as Point | undefined;
    if (!active || !p) return null;
    return (
      <TooltipBox
        title={p.name}
        rows={[
          { label: t('charts.series.coverage'), value: f.percent(p.coverage), color: STATUS_COLOR[p.status] },
          { label: t('charts.series.expected'), value: f.percent(p.expected) },
          { label: t('charts.status'), value: t(`dashboards.status.${p.status}`) },
        ]}
      />
    );
  };

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
        <ChartTable>
          <caption className="px-4 py-2 text-start text-sm font-medium text-slate-700">
            {term('charts.scatter.tableCaption')}
          </caption>
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
                <TH scope="row" className="text-sm font-medium normal-case tracking-normal text-slate-800">
                  {p.name}
                </TH>
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
              tick={{ fontSize: 12, fill: COLORS.axis }}
              stroke={COLORS.axis}
              label={{
                value: t('charts.scatter.xAxis'),
                position: 'insideBottom',
                offset: -16,
                fontSize: 12,
                fill: COLORS.axis,
              }}
            />
            <YAxis
              type="number"
              dataKey="coverage"
              name={t('charts.series.coverage')}
              domain={[0, max]}
              ticks={axisTicks}
              orientation={rtl ? 'right' : 'left'}
              tickFormatter={(v: number) => f.percent(v)}
              tick={{ fontSize: 12, fill: COLORS.axis }}
              stroke={COLORS.axis}
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
