import { zodResolver } from '@hookform/resolvers/zod';
import { logInInput, PASSWORD_MIN, signUpInput } from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormError, TextField } from '../../components/FormField';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader } from '../../components/ui/card';
import { authPath, safeNextPath, useAfterAuth } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useTRPC } from '../../trpc';

function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md">
      <Card>
        <CardHeader>
          <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent>{children}</CardContent>
        <CardFooter className="justify-center text-sm text-slate-600">{footer}</CardFooter>
      </Card>
    </div>
  );
}

function useNextPath() {
  const [params] = useSearchParams();
  return safeNextPath(params.get('next'));
}

export function LogInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.logInTitle'));
  const trpc = useTRPC();
  const navigate = useNavigate();
  const next = useNextPath();
  const afterAuth = useAfterAuth();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(logInInput), defaultValues: { email: '', password: '' } });
  const logIn = useMutation(trpc.auth.logIn.mutationOptions());
  const queryClient = useQueryClient();
  // someone in exactly one organisation goes straight into it (a learner's lands on My roadmap)
  const homeAfterLogIn = async () => {
    const orgs = await queryClient.fetchQuery(trpc.org.mine.queryOptions()).catch(() => []);
    return orgs.length === 1 && orgs[0] ? routes.org(orgs[0].slug) : '/';
  };
  const {
    register,
    formState: { errors },
  } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await logIn.mutateAsync(values);
    } catch (err) {
      setFormError(applyServerErrors(form, err));
      return;
    }
    await afterAuth();
    await navigate(next ?? (await homeAfterLogIn()), { replace: true });
  });

  return (
    <AuthCard
      title={t('auth.logInTitle')}
      description={t('auth.logInDescription')}
      footer={
        <p>
          {t('auth.noAccount')}{' '}
          <Link to={authPath('signup', next)} className="font-medium text-brand-700 hover:underline">
            {t('auth.signUpLink')}
          </Link>
        </p>
      }
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="login-form">
        <FormError message={formError} />
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          dir="ltr"
          error={errors.email?.message}
          {...register('email')}
        />
        <TextField
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          dir="ltr"
          error={errors.password?.message}
          {...register('password')}
        />
        <Button type="submit" pending={logIn.isPending} data-testid="login-submit" className="mt-2">
          {t('auth.logInButton')}
        </Button>
      </form>
    </AuthCard>
  );
}

/** The sign-up fields; also used on the invitation page (email fixed to the invited one). */
export function SignUpForm({
  fixedEmail,
  submitLabel,
  onSignedUp,
  extraPending,
}: {
  fixedEmail?: string;
  submitLabel: string;
  onSignedUp: () => Promise<void>;
  extraPending?: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(signUpInput),
    defaultValues: { name: '', email: fixedEmail ?? '', password: '', githubLogin: '' },
  });
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const {
    register,
    formState: { errors },
  } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await signUp.mutateAsync(fixedEmail ? { ...values, email: fixedEmail } : values);
    } catch (err) {
      setFormError(applyServerErrors(form, err));
      return;
    }
    await onSignedUp();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="signup-form">
      <FormError message={formError} />
      <TextField label={t('fields.name')} autoComplete="name" error={errors.name?.message} {...register('name')} />
      <TextField
        label={t('fields.email')}
        type="email"
        autoComplete="email"
        dir="ltr"
        readOnly={Boolean(fixedEmail)}
        className={fixedEmail ? 'bg-slate-100 text-slate-600' : undefined}
        hint={fixedEmail ? t('invite.emailFixed') : undefined}
        error={errors.email?.message}
        {...register('email')}
      />
      <TextField
        label={t('fields.password')}
        type="password"
        autoComplete="new-password"
        dir="ltr"
        hint={t('auth.passwordHint', { count: PASSWORD_MIN, min: PASSWORD_MIN })}
        error={errors.password?.message}
        {...register('password')}
      />
      <TextField
        label={t('auth.githubLogin')}
        autoComplete="username"
        dir="ltr"
        spellCheck={false}
        autoCapitalize="none"
        hint={t('auth.githubLoginHint')}
        error={errors.githubLogin?.message}
        {...register('githubLogin')}
      />
      <Button type="submit" pending={signUp.isPending || extraPending} data-testid="signup-submit" className="mt-2">
        {submitLabel}
      </Button>
    </form>
  );
}

export function SignUpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.signUpTitle'));
  const navigate = useNavigate();
  const next = useNextPath();
  const afterAuth = useAfterAuth();
  return (
    <AuthCard
      title={t('auth.signUpTitle')}
      description={t('auth.signUpDescription')}
      footer={
        <p>
          {t('auth.haveAccount')}{' '}
          <Link to={authPath('login', next)} className="font-medium text-brand-700 hover:underline">
            {t('auth.logInLink')}
          </Link>
        </p>
      }
    >
      <SignUpForm
        submitLabel={t('auth.signUpButton')}
        onSignedUp={async () => {
          await afterAuth();
          // a new account belongs to no organisation yet: creating one is the next step
          await navigate(next ?? '/orgs/new', { replace: true });
        }}
      />
    </AuthCard>
  );
}
