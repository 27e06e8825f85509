import { useTranslation } from 'react-i18next';
import { COLORS, round3, useChartFormat } from './theme';

/** A small bar: average coverage filled, the expected share marked with a line (HTML, mirrors in Arabic). */
export function CoverageBar({ coverage, expected }: { coverage: number; expected: number }) {
  const { t } = useTranslation();
  const f = useChartFormat();
  const clamp = (v: number) => `${Math.min(100, Math.max(0, v * 100))}%`;
  return (
    <div
      className="flex flex-col gap-1"
      data-testid="coverage-bar"
      data-coverage={round3(coverage)}
      data-expected={round3(expected)}
    >
      <div
        className="relative h-3 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset"
        role="img"
        aria-label={t('charts.coverageBar.label', { coverage: f.percent(coverage), expected: f.percent(expected) })}
      >
        <div
          className="absolute inset-y-0 start-0 rounded-full"
          style={{ width: clamp(coverage), background: COLORS.verified }}
        />
        <div
          className="absolute inset-y-0 w-[3px] -translate-x-1/2 rtl:translate-x-1/2"
          style={{ insetInlineStart: clamp(expected), background: COLORS.expected }}
        />
      </div>
      <div className="flex flex-wrap justify-between gap-2 text-xs text-slate-600">
        <span className="flex items-center gap-1.5">
          <span className="inline-block size-2.5 rounded-full" style={{ background: COLORS.verified }} aria-hidden />
          {t('charts.coverageBar.coverage', { value: f.percent(coverage) })}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-0.5" style={{ background: COLORS.expected }} aria-hidden />
          {t('charts.coverageBar.expected', { value: f.percent(expected) })}
        </span>
      </div>
    </div>
  );
}
