import { zodResolver } from '@hookform/resolvers/zod';
import {
  changePasswordInput,
  PASSWORD_MIN,
  updateProfileInput,
  zDigits,
  zGithubLogin,
  zPersonName,
} from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Laptop } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SelectField, TextField } from '../../components/FormField';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton, ConfirmDialog } from '../../components/ui/confirm-dialog';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { DEFAULT_DIGITS, setDigits, setLocale } from '../../i18n';
import { type Me, useMe } from '../../lib/auth';
import { isolate, useFormat } from '../../lib/format';
import { applyServerErrors, serverErrorMessage } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { describeUserAgent } from '../../lib/userAgent';
import { useTRPC } from '../../trpc';

/** The profile form: the name, the language as '' (no preference) or a locale, the GitHub login ('' for none). */
const profileForm = z.object({
  name: zPersonName,
  locale: z.union([z.literal(''), updateProfileInput.shape.locale.unwrap().unwrap()]),
  digits: zDigits,
  githubLogin: z.union([z.literal(''), zGithubLogin]),
  digests: z.boolean(),
});

/** The saved GitHub login, when the server sends it with the profile. */
function savedGithubLogin(me: Me): string {
  const login = (me as { githubLogin?: unknown }).githubLogin;
  return typeof login === 'string' ? login : '';
}

const passwordForm = changePasswordInput
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'errors.password.mismatch',
  });

function savedLocale(locale: string | null): z.input<typeof profileForm>['locale'] {
  return locale === 'en' || locale === 'ar' ? locale : '';
}

function ProfileCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm({
    resolver: zodResolver(profileForm),
    values: {
      name: me.name,
      locale: savedLocale(me.locale),
      digits: me.digits === 'arab' || me.digits === 'latn' ? me.digits : DEFAULT_DIGITS,
      githubLogin: savedGithubLogin(me),
      digests: !me.digestOptOut,
    },
  });
  const update = useMutation(trpc.auth.updateProfile.mutationOptions());
  const {
    register,
    formState: { errors, isDirty },
  } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    try {
      const locale = values.locale === '' ? null : values.locale;
      const githubLogin = values.githubLogin.trim() === '' ? null : values.githubLogin.trim();
      await update.mutateAsync({
        name: values.name,
        locale,
        digits: values.digits,
        githubLogin,
        digestOptOut: !values.digests,
      });
      if (locale) void setLocale(locale);
      setDigits(values.digits);
      await queryClient.invalidateQueries(trpc.auth.me.queryFilter());
      setSaved(true);
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('account.profileTitle')}</CardTitle>
        <CardDescription>{t('account.profileDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="profile-form">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          {saved && !isDirty ? (
            <Alert tone="success" data-testid="profile-saved">
              {t('account.profileSaved')}
            </Alert>
          ) : null}
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              label={t('fields.name')}
              autoComplete="name"
              error={errors.name?.message}
              {...register('name')}
            />
            <TextField
              label={t('fields.email')}
              value={me.email}
              dir="ltr"
              readOnly
              name="email"
              className="bg-slate-100 text-slate-600"
              hint={t('account.emailHint')}
            />
            <SelectField
              label={t('account.language')}
              hint={t('account.languageHint')}
              error={errors.locale?.message}
              {...register('locale')}
            >
              <option value="">{t('account.languageNone')}</option>
              <option value="en" lang="en">
                {t('account.languageEnglish')}
              </option>
              <option value="ar" lang="ar">
                {t('account.languageArabic')}
              </option>
            </SelectField>
            <SelectField
              label={t('account.digits')}
              hint={t('account.digitsHint')}
              error={errors.digits?.message}
              data-testid="digits"
              {...register('digits')}
            >
              <option value="latn">{t('account.digitsLatn')}</option>
              <option value="arab">{t('account.digitsArab')}</option>
            </SelectField>
            <TextField
              label={t('submissions.githubLogin.label')}
              hint={t('submissions.githubLogin.hint')}
              placeholder="octocat"
              autoComplete="off"
              spellCheck={false}
              dir="ltr"
              error={errors.githubLogin?.message}
              data-testid="github-login"
              {...register('githubLogin')}
            />
          </div>
          <label className="flex items-start gap-3 text-sm text-slate-800">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-brand-700"
              data-testid="digests"
              {...register('digests')}
            />
            <span>
              <span className="font-medium">{t('account.digests')}</span>
              <span className="block text-slate-600">{t('account.digestsHint')}</span>
            </span>
          </label>
          <div className="flex justify-end">
            <Button type="submit" pending={update.isPending} disabled={!isDirty} data-testid="profile-submit">
              {t('common.save')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function PasswordCard() {
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

function SessionsCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const sessions = useQuery(trpc.auth.sessions.list.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.auth.sessions.list.queryFilter());
  const revoke = useMutation(
    trpc.auth.sessions.revoke.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice(t('account.sessionRevoked'));
        return refresh();
      },
    }),
  );
  const revokeOthers = useMutation(
    trpc.auth.sessions.revokeOthers.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: ({ ended }) => {
        setNotice(t('account.sessionsEnded', { count: ended, formatted: fmt.number(ended) }));
        return refresh();
      },
    }),
  );
  const error = revoke.error ?? revokeOthers.error;
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  return (
    <Card>
      <CardHeader className="pb-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <CardTitle>{t('account.sessionsTitle')}</CardTitle>
            <CardDescription className="mt-1">{t('account.sessionsDescription')}</CardDescription>
          </div>
          <ConfirmDialog
            trigger={
              <Button
                variant="secondary"
                size="sm"
                disabled={others === 0}
                pending={revokeOthers.isPending}
                data-testid="revoke-other-sessions"
              >
                {t('account.revokeOthers')}
              </Button>
            }
            title={t('account.revokeOthersConfirmTitle')}
            description={t('account.revokeOthersConfirmBody')}
            confirmLabel={t('account.revokeOthers')}
            onConfirm={() => revokeOthers.mutate()}
          />
        </div>
      </CardHeader>
      <div className="flex flex-col gap-4 px-6 pb-6">
        {error ? <Alert tone="error">{serverErrorMessage(error)}</Alert> : null}
        {notice ? (
          <Alert tone="success" data-testid="sessions-notice">
            {notice}
          </Alert>
        ) : null}
        <QueryState
          isPending={sessions.isPending}
          error={sessions.error}
          onRetry={() => sessions.refetch()}
          errorTitle={t('account.sessionsLoadError')}
        >
          <div className="overflow-hidden rounded-lg border border-slate-200">
            <Table data-testid="sessions-table">
              <THead>
                <tr>
                  <TH>{t('account.device')}</TH>
                  <TH>{t('account.ip')}</TH>
                  <TH>{t('account.created')}</TH>
                  <TH>{t('account.lastUsed')}</TH>
                  <TH>
                    <span className="sr-only">{t('common.actions')}</span>
                  </TH>
                </tr>
              </THead>
              <TBody>
                {sessions.data?.map((s) => {
                  const ua = describeUserAgent(s.userAgent);
                  const device = ua
                    ? ua.browser && ua.os
                      ? t('account.browserOnOs', { browser: ua.browser, os: ua.os })
                      : (ua.browser ?? ua.os)
                    : t('account.unknownDevice');
                  return (
                    <TR key={s.id} data-testid="session-row" data-current={s.current ? 'true' : 'false'}>
                      <TD>
                        <div className="flex items-center gap-2">
                          <Laptop className="size-4 shrink-0 text-slate-400" aria-hidden />
                          <span className="font-medium" title={s.userAgent ?? undefined}>
                            <bdi>{device}</bdi>
                          </span>
                          {s.current ? (
                            <Badge tone="success" data-testid="current-session">
                              {t('account.thisDevice')}
                            </Badge>
                          ) : null}
                        </div>
                      </TD>
                      <TD>
                        <bdi dir="ltr" className="font-mono text-xs">
                          {s.ip ?? '—'}
                        </bdi>
                      </TD>
                      <TD className="whitespace-nowrap">{fmt.dateTime(s.createdAt)}</TD>
                      <TD className="whitespace-nowrap">{fmt.dateTime(s.lastUsedAt)}</TD>
                      <TD className="text-end">
                        {s.current ? null : (
                          <ConfirmButton
                            label={t('account.revoke')}
                            pending={revoke.isPending && revoke.variables?.sessionId === s.id}
                            testId="revoke-session"
                            title={t('account.revokeConfirmTitle')}
                            description={t('account.revokeConfirmBody', { device: isolate(device) })}
                            onConfirm={() => revoke.mutate({ sessionId: s.id })}
                          />
                        )}
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </div>
        </QueryState>
      </div>
    </Card>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  const me = useMe();
  if (!me.data) return null; // RequireAuth guarantees it
  return (
    <div data-testid="account-page">
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <div className="flex flex-col gap-6">
        <ProfileCard me={me.data} />
        <PasswordCard />
        <SessionsCard />
      </div>
    </div>
  );
}
