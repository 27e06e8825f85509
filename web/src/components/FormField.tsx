import type * as React from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { knownKey } from '../i18n';
import { Alert } from './ui/alert';
import { Input, NativeSelect, Textarea } from './ui/input';
import { Label } from './ui/label';

/** A field error is an i18n key (from the shared zod schemas or the server). */
export function useErrorText(key: string | undefined): string | undefined {
  const { t } = useTranslation();
  if (!key) return undefined;
  return t(knownKey(key) ?? 'errors.generic');
}

export interface FieldShellProps {
  label: string;
  error?: string | undefined;
  hint?: React.ReactNode;
  name?: string | undefined;
}

export function FieldShell({
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

export function describedBy(id: string, error: string | undefined, hint: unknown) {
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

export function TextareaField({
  label,
  error,
  hint,
  id: givenId,
  ...props
}: FieldShellProps & React.ComponentProps<'textarea'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} name={props.name}>
      <Textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      />
    </FieldShell>
  );
}

/** A group of checkboxes (or radios) under one legend, with the group's translated error. */
export function ChoiceGroup({
  legend,
  error,
  hint,
  name,
  children,
  className,
  testId,
}: {
  legend: string;
  error?: string | undefined;
  hint?: React.ReactNode;
  name?: string;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const text = useErrorText(error);
  return (
    <fieldset className="flex min-w-0 flex-col gap-1.5" data-testid={testId} aria-invalid={text ? true : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      <div className={className ?? 'flex flex-col gap-1.5'}>{children}</div>
      {hint && !text ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {text ? (
        <p className="text-xs font-medium text-red-700" data-testid={`error-${name ?? 'group'}`}>
          {text}
        </p>
      ) : null}
    </fieldset>
  );
}

/** One checkbox or radio with its label on the inline end. */
export function Choice({
  label,
  description,
  type = 'checkbox',
  className,
  ...props
}: { label: React.ReactNode; description?: React.ReactNode } & React.ComponentProps<'input'>) {
  return (
    <label className={`flex cursor-pointer items-start gap-2 text-sm text-slate-800 ${className ?? ''}`}>
      <input
        type={type}
        className="mt-0.5 size-4 shrink-0 accent-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600"
        {...props}
      />
      <span className="min-w-0">
        {label}
        {description ? <span className="block text-xs text-slate-500">{description}</span> : null}
      </span>
    </label>
  );
}

/** The error of a whole form (not of one field), above its fields; nothing while there is none. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert tone="error" data-testid="form-error">
      {message}
    </Alert>
  );
}
