import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { type LucideIcon, Trash2 } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';

/** Confirmation before a destructive action (or a consequential one: `tone="primary"`). */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  onConfirm,
  pending,
  open,
  onOpenChange,
  tone = 'destructive',
  testId,
}: {
  /** Opens the dialog; none when the dialog is opened from outside (`open`). */
  trigger?: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The confirm button: red for what cannot be undone, the brand colour otherwise. */
  tone?: 'destructive' | 'primary';
  testId?: string;
}) {
  const { t } = useTranslation();
  const controlled = open === undefined ? {} : { open, onOpenChange };
  return (
    <AlertDialog.Root {...controlled}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content
          data-testid={testId}
          className="fixed start-1/2 top-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-y-1/2 rtl:translate-x-1/2 ltr:-translate-x-1/2 rounded-xl bg-white p-6 shadow-xl"
        >
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{description}</AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">{t('common.cancel')}</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button
                variant={tone}
                pending={pending}
                onClick={onConfirm}
                data-testid={testId ? `${testId}-confirm` : undefined}
              >
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/**
 * A small red button (an icon and `label`) for a destructive action on one row: it asks first, and
 * its `label` also confirms.
 */
export function ConfirmButton({
  label,
  icon: Icon = Trash2,
  pending,
  testId,
  title,
  description,
  onConfirm,
}: {
  label: string;
  icon?: LucideIcon;
  pending: boolean;
  testId: string;
  title: string;
  description: React.ReactNode;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className="text-red-700 hover:bg-red-50"
          pending={pending}
          data-testid={testId}
        >
          <Icon className="size-4" aria-hidden />
          {label}
        </Button>
      }
      title={title}
      description={description}
      confirmLabel={label}
      onConfirm={onConfirm}
    />
  );
}
