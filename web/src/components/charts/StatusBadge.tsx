import type { LearnerStatus } from '@masar/shared';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/utils';
import { Swatch } from './ChartCard';
import { STATUS_COLOR, STATUS_SHAPE } from './theme';

const TONE: Record<LearnerStatus, string> = {
  behind: 'bg-orange-50 text-orange-900 ring-orange-200',
  on_track: 'bg-sky-50 text-sky-900 ring-sky-200',
  ahead: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
};

/**
 * Ahead / on track / behind, with the same colour and marker shape as in the scatter chart. With
 * `overdue` (a learner behind because of overdue skills, whatever the coverage) it says why:
 * "Behind · 1 overdue".
 */
export function StatusBadge({
  status,
  className,
  overdue,
}: {
  status: LearnerStatus;
  className?: string;
  overdue?: number | undefined;
}) {
  const { t } = useTranslation();
  const label = t(`dashboards.status.${status}`);
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset',
        TONE[status],
        className,
      )}
      data-testid="status-badge"
      data-status={status}
    >
      <Swatch color={STATUS_COLOR[status]} kind={STATUS_SHAPE[status]} size={10} />
      {overdue ? t('dashboards.statusOverdue', { status: label, count: overdue }) : label}
    </span>
  );
}
