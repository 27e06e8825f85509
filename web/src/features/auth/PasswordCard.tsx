import { zodResolver } from '@hookform/resolvers/zod';
import { changePasswordInput, PASSWORD_MIN } from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { TextField } from '../../components/FormField';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import { useTRPC } from '../../trpc';

const passwordForm = changePasswordInput
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'errors.password.mismatch',
  });

export function PasswordCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const [formError, setFormError] = useState<string | null>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const form = useForm({
    resolver: zodResolver(passwordForm),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const {
    register,
    formState: { errors },
  } = form;

  const onSubmit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    setFormError(null);
    setEnded(null);
    try {
      const result = await change.mutateAsync({ currentPassword, newPassword });
      setEnded(result.endedSessions);
      form.reset();
      await queryClient.invalidateQueries(trpc.auth.sessions.pathFilter());
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('account.passwordTitle')}</CardTitle>
        <CardDescription>{t('account.passwordDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="password-form">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          {ended !== null ? (
            <Alert tone="success" data-testid="password-changed" data-ended={ended}>
              <p className="font-medium">{t('account.passwordChanged')}</p>
              <p>{t('account.sessionsEnded', { count: ended, formatted: fmt.number(ended) })}</p>
            </Alert>
          ) : null}
          <div className="grid gap-5 sm:grid-cols-3">
            <TextField
              label={t('fields.currentPassword')}
              type="password"
              autoComplete="current-password"
              dir="ltr"
              error={errors.currentPassword?.message}
              {...register('currentPassword')}
            />
            <TextField
              label={t('fields.newPassword')}
              type="password"
              autoComplete="new-password"
              dir="ltr"
              hint={t('auth.passwordHint', { count: PASSWORD_MIN, min: PASSWORD_MIN })}
              error={errors.newPassword?.message}
              {...register('newPassword')}
            />
            <TextField
              label={t('fields.confirmPassword')}
              type="password"
              autoComplete="new-password"
              dir="ltr"
              error={errors.confirmPassword?.message}
              {...register('confirmPassword')}
            />
          </div>
          <div className="flex justify-end">
            <Button type="submit" pending={change.isPending} data-testid="password-submit">
              {t('account.changePassword')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
