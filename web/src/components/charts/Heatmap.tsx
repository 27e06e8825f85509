import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerms } from '../../lib/terms';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import type { CohortDashboard } from './CoverageScatter';
import { round3, textOn, useChartFormat, useDirection, viridis, viridisGradient } from './theme';

type Cell = CohortDashboard['heatmap'][number];

/**
 * Learners × categories, each cell coloured by the share of the category's skills verified (viridis,
 * colour-blind safe) and showing the number. An accessible grid: one tab stop, arrow keys move
 * between cells (mirrored in Arabic), and each cell's value shows on hover and on focus.
 */
export function Heatmap({ data }: { data: CohortDashboard }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const f = useChartFormat();
  const dir = useDirection();
  const titleId = useId();
  const hintId = useId();
  const learners = useMemo(
    () => [...data.scatter].sort((a, b) => a.name.localeCompare(b.name, f.locale)),
    [data.scatter, f.locale],
  );
  const categories = data.categories;
  const cells = useMemo(() => new Map(data.heatmap.map((h) => [`${h.learnerId}:${h.category}`, h])), [data.heatmap]);
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const [shown, setShown] = useState<[number, number] | null>(null);
  const refs = useRef(new Map<string, HTMLTableCellElement>());
  const catLabel = (c: string) => t(`categories.${c}`, { defaultValue: c });

  const describe = (r: number, c: number) => {
    const learner = learners[r];
    const category = categories[c];
    if (!learner || category === undefined) return '';
    const cell = cells.get(`${learner.learnerId}:${category}`);
    return t('charts.heatmap.cellLabel', {
      name: learner.name,
      category: catLabel(category),
      share: f.percent(cell?.share ?? 0),
      verified: f.number(cell?.verified ?? 0),
      total: f.number(cell?.total ?? 0),
    });
  };

  const moveTo = (r: number, c: number) => {
    const row = Math.min(learners.length - 1, Math.max(0, r));
    const col = Math.min(categories.length - 1, Math.max(0, c));
    setFocus([row, col]);
    setShown([row, col]);
    refs.current.get(`${row}:${col}`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const [r, c] = focus;
    const forward = dir === 'rtl' ? -1 : 1;
    const moves: Record<string, () => void> = {
      ArrowRight: () => moveTo(r, c + forward),
      ArrowLeft: () => moveTo(r, c - forward),
      ArrowDown: () => moveTo(r + 1, c),
      ArrowUp: () => moveTo(r - 1, c),
      Home: () => moveTo(e.ctrlKey ? 0 : r, 0),
      End: () => moveTo(e.ctrlKey ? learners.length - 1 : r, categories.length - 1),
      PageDown: () => moveTo(r + 5, c),
      PageUp: () => moveTo(r - 5, c),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
    }
  };

  const active = shown ? describe(shown[0], shown[1]) : null;
  // the one tab stop stays on an existing cell when the data changes under it
  const focusRow = Math.max(0, Math.min(focus[0], learners.length - 1));
  const focusCol = Math.max(0, Math.min(focus[1], categories.length - 1));

  return (
    <Card
      className="min-w-0"
      aria-labelledby={titleId}
      data-testid="heatmap"
      data-learners={learners.length}
      data-categories={categories.length}
    >
      <CardHeader className="pb-2">
        <CardTitle id={titleId} className="text-base">
          {t('charts.heatmap.title')}
        </CardTitle>
        <CardDescription id={hintId}>{term('charts.heatmap.description')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 pt-2">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="min-h-5 text-sm font-medium text-slate-800" data-testid="heatmap-details" aria-hidden="true">
            {active ?? t('charts.heatmap.hint')}
          </p>
          <HeatmapLegend direction={dir} />
        </div>
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          <table
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA data grid pattern (one tab stop, arrow keys between cells)
            role="grid"
            aria-labelledby={titleId}
            aria-describedby={hintId}
            aria-readonly="true"
            className="w-full border-collapse text-xs"
            onKeyDown={onKeyDown}
            onMouseLeave={() => setShown(null)}
          >
            <thead className="bg-slate-50">
              <tr>
                <th
                  scope="col"
                  className="sticky start-0 z-10 bg-slate-50 px-3 py-2 text-start font-semibold text-slate-700"
                >
                  {term('charts.learner')}
                </th>
                {categories.map((c) => (
                  <th
                    key={c}
                    scope="col"
                    className="min-w-16 px-1 py-2 text-center align-bottom font-semibold leading-tight text-slate-700"
                  >
                    {catLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {learners.map((l, r) => (
                <tr key={l.learnerId} className="border-t border-slate-100">
                  <th
                    scope="row"
                    className="sticky start-0 z-10 whitespace-nowrap bg-white px-3 py-1 text-start font-medium text-slate-800"
                  >
                    {l.name}
                  </th>
                  {categories.map((c, ci) => {
                    const cell: Cell | undefined = cells.get(`${l.learnerId}:${c}`);
                    const share = cell?.share ?? 0;
                    const bg = cell ? viridis(share) : '#f1f5f9';
                    const isFocus = focusRow === r && focusCol === ci;
                    return (
                      <td
                        key={c}
                        ref={(el) => {
                          if (el) refs.current.set(`${r}:${ci}`, el);
                          else refs.current.delete(`${r}:${ci}`);
                        }}
                        tabIndex={isFocus ? 0 : -1}
                        aria-label={describe(r, ci)}
                        className="h-8 border border-white px-1 text-center font-medium tabular-nums outline-offset-[-3px] focus-visible:outline-3 focus-visible:outline-black"
                        style={{ background: bg, color: cell ? textOn(bg) : '#475569' }}
                        onMouseEnter={() => setShown([r, ci])}
                        onFocus={() => {
                          setFocus([r, ci]);
                          setShown([r, ci]);
                        }}
                        data-testid="heatmap-cell"
                        data-learner={l.learnerId}
                        data-learner-name={l.name}
                        data-category={c}
                        data-share={round3(share)}
                        data-verified={cell?.verified ?? 0}
                        data-total={cell?.total ?? 0}
                      >
                        {cell ? f.percent(share) : '—'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </CardContent>
    </Card>
  );
}

function HeatmapLegend({ direction }: { direction: 'ltr' | 'rtl' }) {
  const { t } = useTranslation();
  const f = useChartFormat();
  return (
    <div className="flex items-center gap-2 text-xs text-slate-700" data-testid="heatmap-legend">
      <span>{t('charts.heatmap.legend')}</span>
      <div className="flex flex-col gap-0.5">
        <div className="h-3 w-40 rounded-sm" style={{ background: viridisGradient(direction) }} aria-hidden />
        <div className="flex w-40 justify-between tabular-nums">
          <span>{f.percent(0)}</span>
          <span>{f.percent(0.5)}</span>
          <span>{f.percent(1)}</span>
        </div>
      </div>
    </div>
  );
}
