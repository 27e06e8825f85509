import { type ReactNode, useState } from 'react';
import type { FieldValues, Path, UseFormRegister, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError, TextareaField, TextField } from '../../components/FormField';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { applyServerErrors } from '../../lib/forms';
import { useInvalidateRoadmaps } from './roadmapData';

function DialogButtons({ pending, onClose, label }: { pending: boolean; onClose: () => void; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex justify-end gap-3 pt-2">
      <Button type="button" variant="secondary" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" pending={pending} data-testid="dialog-submit">
        {label}
      </Button>
    </div>
  );
}

/** The frame every roadmap dialog shares: the dialog, its form, the form's error and the buttons. */
export function FormDialog({
  title,
  description,
  className,
  testId,
  formError,
  pending,
  submitLabel,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  description: string;
  className?: string;
  testId: string;
  formError: string | null;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open
      onOpenChange={(o) => (o ? null : onClose())}
      title={title}
      description={description}
      className={className}
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid={testId}>
        <FormError message={formError} />
        {children}
        <DialogButtons pending={pending} onClose={onClose} label={submitLabel} />
      </form>
    </Dialog>
  );
}

/**
 * A dialog's save: clears the form's error, writes, refreshes the roadmap pages and closes; a
 * server error lands on its field, or above the form.
 */
export function useSaveAndClose<T extends FieldValues>(form: UseFormReturn<T>, onClose: () => void) {
  const invalidate = useInvalidateRoadmaps();
  const [formError, setFormError] = useState<string | null>(null);
  const save = async (write: () => Promise<unknown>) => {
    setFormError(null);
    try {
      await write();
      await invalidate();
      onClose();
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  };
  return { formError, save };
}

type FieldErrors = Partial<
  Record<'title' | 'description' | 'startMonth' | 'endMonth', { message?: string | undefined }>
>;

/** The title field, and the description field under `descriptionLabel` (none without it). */
export function TextFields<T extends FieldValues>({
  register,
  errors,
  descriptionLabel,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors;
  descriptionLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={t('fields.title')} error={errors.title?.message} {...register('title' as Path<T>)} />
      {descriptionLabel ? (
        <TextareaField
          label={descriptionLabel}
          rows={4}
          error={errors.description?.message}
          {...register('description' as Path<T>)}
        />
      ) : null}
    </>
  );
}

export function MonthFields<T extends FieldValues>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid grid-cols-2 gap-4">
      <TextField
        label={t('timeline.startMonth')}
        type="number"
        inputMode="numeric"
        min={0}
        max={36}
        step={1}
        error={errors.startMonth?.message}
        {...register('startMonth' as Path<T>, { valueAsNumber: true })}
      />
      <TextField
        label={t('timeline.endMonth')}
        type="number"
        inputMode="numeric"
        min={0}
        max={36}
        step={1}
        hint={t('timeline.monthsHint')}
        error={errors.endMonth?.message}
        {...register('endMonth' as Path<T>, { valueAsNumber: true })}
      />
    </div>
  );
}
