import type * as React from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, NativeSelect } from './ui/input';
import { Label } from './ui/label';

/** A field error is an i18n key (from the shared zod schemas or the server). */
export function useErrorText(key: string | undefined): string | undefined {
  const { t, i18n } = useTranslation();
  if (!key) return undefined;
  return i18n.exists(key) ? t(key) : t('errors.generic');
}

interface FieldShellProps {
  label: string;
  error?: string | undefined;
  hint?: React.ReactNode;
  name?: string | undefined;
}

function FieldShell({
  id,
  label,
  error,
  hint,
  name,
  children,
}: FieldShellProps & { id: string; children: React.ReactNode }) {
  const text = useErrorText(error);
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !text ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {text ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700" data-testid={`error-${name ?? id}`}>
          {text}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error: string | undefined, hint: unknown) {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

/** Label + input + translated error, wired for accessibility. Spread `register('field')` into it. */
export function TextField({
  label,
  error,
  hint,
  id: givenId,
  ...props
}: FieldShellProps & React.ComponentProps<'input'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} name={props.name}>
      <Input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  error,
  hint,
  id: givenId,
  children,
  ...props
}: FieldShellProps & React.ComponentProps<'select'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} name={props.name}>
      <NativeSelect
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      >
        {children}
      </NativeSelect>
    </FieldShell>
  );
}
