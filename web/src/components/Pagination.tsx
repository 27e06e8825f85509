import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';
import { Button } from './ui/button';

/** Previous / next and "page X of Y" under a server-paginated table. */
export function Pagination({
  page,
  pageCount,
  total,
  onPageChange,
  testId = 'pagination',
}: {
  page: number;
  pageCount: number;
  total: number;
  onPageChange: (page: number) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const count = Math.max(1, pageCount);
  return (
    <nav
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-600"
      aria-label={t('pagination.label')}
      data-testid={testId}
    >
      <span>{t('pagination.total', { count: total, formatted: fmt.number(total) })}</span>
      <div className="flex items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onPageChange(page - 1)}
          disabled={page <= 1}
          data-testid={`${testId}-prev`}
        >
          <ChevronLeft className="size-4 rtl:rotate-180" aria-hidden />
          {t('pagination.previous')}
        </Button>
        <span className="whitespace-nowrap" data-testid={`${testId}-status`} aria-live="polite">
          {t('pagination.pageOf', { page: fmt.number(page), count: fmt.number(count) })}
        </span>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onPageChange(page + 1)}
          disabled={page >= count}
          data-testid={`${testId}-next`}
        >
          {t('pagination.next')}
          <ChevronRight className="size-4 rtl:rotate-180" aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
