import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The web app's i18n initialises i18next when it loads and sets <html lang dir> on each change.
vi.hoisted(() => {
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
});

import i18n, { setDigits, setLocale } from '../../web/src/i18n';
import { applyServerErrors, serverErrorMessage } from '../../web/src/lib/forms';
import type { AppErrorData } from '../../web/src/trpc';

type Form = Parameters<typeof applyServerErrors>[0];
type SetErrorCall = [field: string, error: { type: string; message?: string }, options?: { shouldFocus?: boolean }];

/** The part of react-hook-form's `UseFormReturn` that applyServerErrors uses: getValues and setError. */
function fakeForm(values: Record<string, unknown>) {
  const calls: SetErrorCall[] = [];
  const form = {
    getValues: () => values,
    setError: (...args: SetErrorCall) => {
      calls.push(args);
    },
  } as unknown as Form;
  return { form, calls };
}

/** An error as the tRPC client throws it: the server's error response, passed through TRPCClientError.from. */
function serverError(message: string, data: AppErrorData): TRPCClientError<never> {
  return TRPCClientError.from({
    error: { message, code: -32600, data: { httpStatus: 400, path: 'x.y', field: null, zodError: null, ...data } },
  });
}

const validation = (fieldErrors: Record<string, string[]>) =>
  serverError('errors.validation', { code: 'BAD_REQUEST', zodError: { formErrors: [], fieldErrors } });

afterEach(async () => {
  setDigits(null);
  await setLocale('en', { remember: false });
});

describe('applyServerErrors', () => {
  it('puts the first key of each zod field error on its field, focusing only the first, and returns null', () => {
    const { form, calls } = fakeForm({ name: '', slug: 'A b' });
    const err = validation({
      slug: ['errors.slug.format', 'errors.slug.tooShort'],
      name: ['errors.name.required'],
    });
    expect(applyServerErrors(form, err)).toBeNull();
    expect(calls).toEqual([
      ['slug', { type: 'server', message: 'errors.slug.format' }, { shouldFocus: true }],
      ['name', { type: 'server', message: 'errors.name.required' }, { shouldFocus: false }],
    ]);
  });

  it('skips zod errors for fields the form does not have, and fields with no key', () => {
    const { form, calls } = fakeForm({ name: '', slug: '' });
    const err = validation({ timeZone: ['errors.timeZone.invalid'], slug: [], name: ['errors.name.required'] });
    expect(applyServerErrors(form, err)).toBeNull();
    expect(calls).toEqual([['name', { type: 'server', message: 'errors.name.required' }, { shouldFocus: true }]]);
  });

  it('puts an AppError with a field on that field, its message key as the error', () => {
    const { form, calls } = fakeForm({ name: 'Acme', slug: 'acme' });
    const err = serverError('errors.slug.taken', { code: 'CONFLICT', field: 'slug' });
    expect(applyServerErrors(form, err)).toBeNull();
    expect(calls).toEqual([['slug', { type: 'server', message: 'errors.slug.taken' }, { shouldFocus: true }]]);
  });

  it('returns the translated form-level message when no field of the form matches', () => {
    const { form, calls } = fakeForm({ name: 'Acme', slug: 'acme' });
    expect(applyServerErrors(form, serverError('errors.email.taken', { code: 'CONFLICT', field: 'email' }))).toBe(
      'An account with this email already exists. Log in instead.',
    );
    expect(applyServerErrors(form, validation({ timeZone: ['errors.timeZone.invalid'] }))).toBe(
      'Please correct the highlighted fields.',
    );
    expect(calls).toEqual([]);
  });

  it('a failure that is not a tRPC error (the network) is the network message, on no field', () => {
    const { form, calls } = fakeForm({ email: '' });
    expect(applyServerErrors(form, new TypeError('Failed to fetch'))).toBe(
      'Cannot reach Masar. Check your connection and try again.',
    );
    expect(calls).toEqual([]);
  });
});

describe('serverErrorMessage', () => {
  it('translates the server’s key, and a key the catalogues lack becomes the generic message', () => {
    expect(serverErrorMessage(serverError('errors.slug.taken', { code: 'CONFLICT' }))).toBe(
      'This address is taken. Choose another one.',
    );
    expect(serverErrorMessage(serverError('errors.noSuchKey', { code: 'BAD_REQUEST' }))).toBe(
      'Something went wrong. Please try again.',
    );
  });

  it('adds the wait in whole minutes, rounded up: 60 s is 1 minute, 61 s and 90 s are 2', () => {
    const limited = (seconds: number) =>
      serverErrorMessage(
        serverError('errors.tooManyAttempts', { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: seconds }),
      );
    expect(limited(60)).toBe('Too many attempts. Please try again in 1 minute.');
    expect(limited(61)).toBe('Too many attempts. Please try again in 2 minutes.');
    expect(limited(90)).toBe('Too many attempts. Please try again in 2 minutes.');
  });

  it('in Arabic: the plural forms, and Arabic-Indic digits when the reader chose them', async () => {
    await setLocale('ar', { remember: false });
    expect(i18n.language).toBe('ar');
    const limited = (seconds: number) =>
      serverErrorMessage(
        serverError('errors.tooManyAttempts', { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: seconds }),
      );
    expect(limited(45)).toBe('محاولات كثيرة جدًا. يرجى المحاولة مرة أخرى بعد دقيقة.');
    expect(limited(120)).toBe('محاولات كثيرة جدًا. يرجى المحاولة مرة أخرى بعد دقيقتين.');
    expect(limited(180)).toBe('محاولات كثيرة جدًا. يرجى المحاولة مرة أخرى بعد 3 دقائق.');
    setDigits('arab');
    expect(limited(180)).toBe('محاولات كثيرة جدًا. يرجى المحاولة مرة أخرى بعد ٣ دقائق.');
    expect(serverErrorMessage(new TypeError('Failed to fetch'))).toBe(
      'تعذّر الوصول إلى مسار. تحقّق من اتصالك وأعد المحاولة.',
    );
  });
});
