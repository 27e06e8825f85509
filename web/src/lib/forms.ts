import { useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import i18n, { intlLocaleFor, translateServerMessage } from '../i18n';
import { errorData } from '../trpc';

/** The message to show for a failed request: translated server key, network error, wait time. */
export function serverErrorMessage(err: unknown): string {
  const data = errorData(err);
  if (!data) return i18n.t('errors.network');
  const message = translateServerMessage(err instanceof Error ? err.message : null);
  if (data.retryAfterSeconds) {
    const minutes = Math.ceil(data.retryAfterSeconds / 60);
    const formatted = new Intl.NumberFormat(intlLocaleFor(i18n.language)).format(minutes);
    return `${message} ${i18n.t('errors.retryAfter', { count: minutes, formatted })}`;
  }
  return message;
}

/**
 * Puts a server error on the form: zod field errors and an AppError's `field` become field
 * errors (their i18n keys, translated when shown). Returns the message for the whole form when
 * the error is not about one of the form's fields, else null.
 */
export function applyServerErrors<T extends FieldValues, C, O>(
  form: UseFormReturn<T, C, O>,
  err: unknown,
): string | null {
  const data = errorData(err);
  if (!data) return serverErrorMessage(err);
  const fields = new Set(Object.keys(form.getValues()));
  let mapped = false;
  const put = (field: string, key: string | undefined) => {
    if (!key || !fields.has(field)) return;
    form.setError(field as Path<T>, { type: 'server', message: key }, { shouldFocus: !mapped });
    mapped = true;
  };
  for (const [field, keys] of Object.entries(data.zodError?.fieldErrors ?? {})) put(field, keys?.[0]);
  if (data.field && err instanceof Error) put(data.field, err.message);
  return mapped ? null : serverErrorMessage(err);
}

/**
 * The submit handler every form shares: clears the last error, runs `action` with the parsed
 * values, and on failure puts the server's error on the form's fields (or returns it as the
 * form's message in `formError`).
 */
export function useFormSubmit<T extends FieldValues, C, O>(
  form: UseFormReturn<T, C, O>,
  action: (values: O) => Promise<unknown>,
) {
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await action(values);
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });
  return { onSubmit, formError, setFormError };
}
