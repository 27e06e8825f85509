import { zodResolver } from '@hookform/resolvers/zod';
import { zEmail } from '@masar/shared';
import { Send } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isolate } from '../lib/format';
import { useFormSubmit } from '../lib/forms';
import { cn } from '../lib/utils';
import { CopyButton } from './CopyButton';
import { FormError, SelectField, TextField } from './FormField';
import { Alert } from './ui/alert';
import { Button } from './ui/button';

export interface SentInvitation {
  email: string;
  link: string;
}

/** The link an invitation created, with a copy button (shown once: only its hash is stored). */
export function InviteLink({ link }: { link: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code
        dir="ltr"
        className="min-w-0 flex-1 break-all rounded-md bg-white/70 px-2 py-1.5 font-mono text-xs text-slate-800"
        data-testid="invite-link"
      >
        {link}
      </code>
      <CopyButton text={link} />
    </div>
  );
}

/**
 * The one invitation form (the organisation's invitations page and a cohort's members card):
 * an email and a role from `roles`, sent by `send`; the created link is shown with a copy
 * button. `testId` prefixes the form's test ids (`<testId>-form`, `-submit`, `-created`).
 */
export function InviteForm<R extends string>({
  roles,
  roleLabel,
  roleName,
  send,
  layout,
  testId,
}: {
  roles: readonly R[];
  roleLabel: string;
  roleName: (role: R) => string;
  send: (values: { email: string; role: R }) => Promise<SentInvitation>;
  layout: 'row' | 'stack';
  testId: string;
}) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<SentInvitation | null>(null);
  const schema = z.object({
    email: zEmail,
    role: z.enum(roles as readonly string[] as [string, ...string[]], { message: 'errors.role.invalid' }),
  });
  const defaultRole: string = roles.includes('learner' as R) ? 'learner' : (roles[0] ?? '');
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: { email: '', role: defaultRole },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { onSubmit, formError } = useFormSubmit(form, async (values) => {
    setCreated(null);
    // the schema admits only `roles`
    setCreated(await send(values as { email: string; role: R }));
    form.reset({ email: '', role: values.role });
  });
  return (
    <div className="flex flex-col gap-4">
      {created ? (
        <Alert tone="success" data-testid={`${testId}-created`}>
          <p className="mb-2 font-medium">{t('invitations.created', { email: isolate(created.email) })}</p>
          <InviteLink link={created.link} />
        </Alert>
      ) : null}
      <FormError message={formError} />
      <form
        onSubmit={onSubmit}
        noValidate
        className={cn(
          layout === 'row' ? 'grid items-start gap-4 sm:grid-cols-[1fr_12rem_auto]' : 'flex flex-col gap-3',
        )}
        data-testid={`${testId}-form`}
      >
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="off"
          dir="ltr"
          error={errors.email?.message}
          {...register('email')}
        />
        <SelectField label={roleLabel} error={errors.role?.message} {...register('role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </SelectField>
        <Button
          type="submit"
          pending={isSubmitting}
          className={layout === 'row' ? 'sm:mt-6.5' : 'self-start'}
          data-testid={`${testId}-submit`}
        >
          <Send className="size-4 rtl:-scale-x-100" aria-hidden />
          {t('invitations.send')}
        </Button>
      </form>
    </div>
  );
}
