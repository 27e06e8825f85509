import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TBody, TD, TH, THead, TR } from '../ui/table';
import { ChartCard, ChartLegend, ChartTable, pointTooltip, RowHeader } from './ChartCard';
import type { LearnerProgress } from './TimelineChart';
import { AXIS, COLORS, useChartFormat, useDirection } from './theme';

type Row = LearnerProgress['categories'][number] & { label: string };

/** Verified skills against skills due by now, per category (horizontal bars, names readable). */
export function CategoryChart({ data }: { data: LearnerProgress }) {
  const { t } = useTranslation();
  const f = useChartFormat();
  const rtl = useDirection() === 'rtl';
  const rows: Row[] = data.categories.map((c) => ({
    ...c,
    label: t(`categories.${c.category}`, { defaultValue: c.category }),
  }));
  const max = Math.max(1, ...rows.map((r) => Math.max(r.total, r.dueNow, r.verified)));
  const countTicks = Array.from({ length: max + 1 }, (_, i) => i).filter((i) => max <= 8 || i % 2 === 0);

  const renderTooltip = pointTooltip((r: Row) => ({
    title: r.label,
    rows: [
      { label: t('charts.series.verified'), value: f.number(r.verified), color: COLORS.verified },
      { label: t('charts.series.dueNow'), value: f.number(r.dueNow), color: COLORS.dueNow },
      { label: t('charts.series.total'), value: f.number(r.total) },
    ],
  }));

  return (
    <ChartCard
      title={t('charts.categories.title')}
      description={t('charts.categories.description')}
      attrs={{ 'data-testid': 'category-chart', 'data-categories': rows.length }}
      legend={
        <ChartLegend
          items={[
            { label: t('charts.series.verified'), color: COLORS.verified, swatch: 'bar' },
            { label: t('charts.series.dueNow'), color: COLORS.dueNow, swatch: 'bar' },
          ]}
        />
      }
      table={
        <ChartTable caption={t('charts.categories.tableCaption')}>
          <THead>
            <tr>
              <TH scope="col">{t('charts.category')}</TH>
              <TH scope="col">{t('charts.series.verified')}</TH>
              <TH scope="col">{t('charts.series.dueNow')}</TH>
              <TH scope="col">{t('charts.series.total')}</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR
                key={r.category}
                data-testid="category-row"
                data-category={r.category}
                data-verified={r.verified}
                data-due-now={r.dueNow}
                data-total={r.total}
              >
                <RowHeader>{r.label}</RowHeader>
                <TD className="tabular-nums">{f.number(r.verified)}</TD>
                <TD className="tabular-nums">{f.number(r.dueNow)}</TD>
                <TD className="tabular-nums">{f.number(r.total)}</TD>
              </TR>
            ))}
          </TBody>
        </ChartTable>
      }
    >
      <div dir="ltr" className="w-full" style={{ height: Math.max(220, rows.length * 44 + 60) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 8, right: 16, bottom: 8, left: 16 }}
            barGap={2}
            title={t('charts.categories.title')}
          >
            <CartesianGrid stroke={COLORS.grid} horizontal={false} />
            <XAxis
              type="number"
              domain={[0, max]}
              ticks={countTicks}
              allowDecimals={false}
              reversed={rtl}
              tickFormatter={(v: number) => f.number(v)}
              {...AXIS}
            />
            <YAxis
              type="category"
              dataKey="label"
              orientation={rtl ? 'right' : 'left'}
              width={LABEL_WIDTH}
              // one line per category (a wrapped label ran into its neighbours, in Arabic especially)
              tick={(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) => (
                <CategoryTick
                  x={Number(props.x ?? 0)}
                  y={Number(props.y ?? 0)}
                  label={String(props.payload?.value ?? '')}
                  rtl={rtl}
                />
              )}
              stroke={COLORS.axis}
              interval={0}
            />
            <Tooltip content={renderTooltip} cursor={{ fill: '#f1f5f9' }} />
            <Bar
              dataKey="verified"
              name={t('charts.series.verified')}
              fill={COLORS.verified}
              radius={2}
              isAnimationActive={false}
            />
            <Bar
              dataKey="dueNow"
              name={t('charts.series.dueNow')}
              fill={COLORS.dueNow}
              radius={2}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}

const LABEL_WIDTH = 200;
/** About how many characters of 12 px text fit the label column. */
const LABEL_CHARS = 32;

/** A category's name on one line beside its bars, cut with an ellipsis if too long (in full on hover). */
function CategoryTick({ x, y, label, rtl }: { x: number; y: number; label: string; rtl: boolean }) {
  const shown = label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
  return (
    <g transform={`translate(${x},${y})`}>
      <text
        x={rtl ? 8 : -8}
        y={0}
        dy={4}
        textAnchor={rtl ? 'start' : 'end'}
        fontSize={12}
        fill="#1e293b"
        className="recharts-cartesian-axis-tick-value"
        data-testid="category-tick"
      >
        <title>{label}</title>
        {shown}
      </text>
    </g>
  );
}
