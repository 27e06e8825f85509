import { addMonthsToDate, isValidIsoDate } from '@masar/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DatePicker } from '../../components/DatePicker';
import { Button } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useTRPC } from '../../trpc';
import { type Assignment, type Notice, useRefreshCohort } from './cohortData';

/**
 * A stage's skills fall due one by one, each at the end of its own window: "first skills due …,
 * the last on …" (the stage's date is the last of them), for the cohort's start date.
 */
export function DueRange({ start, endMonths }: { start: string; endMonths: (number | undefined)[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const known = endMonths.filter((m) => m !== undefined);
  if (known.length === 0) return <p className="text-xs text-slate-500">{t('cohort.followsStart')}</p>;
  const first = addMonthsToDate(start, Math.min(...known));
  const last = addMonthsToDate(start, Math.max(...known));
  return (
    <p className="max-w-64 text-xs text-slate-500" data-testid="assignment-due-range">
      {first === last
        ? t('cohort.dueAllOn', { date: fmt.day(last) })
        : t('cohort.dueRange', { first: fmt.day(first), last: fmt.day(last) })}{' '}
      {t('cohort.dueFollowsStart')}
    </p>
  );
}

export function DueDateEditor({ assignment, onDone }: { assignment: Assignment; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { slug } = useOrg();
  const refresh = useRefreshCohort();
  const [value, setValue] = useState(assignment.dueDate);
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(trpc.cohorts.updateAssignment.mutationOptions());
  return (
    <form
      className="flex flex-col gap-1"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        if (!isValidIsoDate(value)) return setError(t('errors.date.invalid'));
        try {
          await update.mutateAsync({ orgSlug: slug, assignmentId: assignment.id, dueDate: value });
          await refresh();
          onDone({ tone: 'success', text: t('cohort.dueSaved') });
        } catch (err) {
          setError(serverErrorMessage(err));
        }
      }}
      data-testid="due-date-form"
    >
      <div className="flex items-center gap-2">
        <DatePicker
          name="dueDate"
          className="w-48 [&>button:first-child]:h-9"
          value={value}
          onChange={(v) => setValue(v ?? '')}
          aria-label={t('cohort.due')}
          aria-invalid={error ? true : undefined}
          data-testid="due-date-input"
        />
        <Button type="submit" size="sm" pending={update.isPending} data-testid="save-due-date">
          {t('common.save')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </Button>
      </div>
      <p className="text-xs text-slate-500">{t('cohort.editDueHint')}</p>
      {error ? <p className="text-xs font-medium text-red-700">{error}</p> : null}
    </form>
  );
}
