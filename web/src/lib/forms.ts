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
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T>, err: unknown): string | null {
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
