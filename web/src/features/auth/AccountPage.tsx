import { zodResolver } from '@hookform/resolvers/zod';
import { updateProfileInput, zDigits, zGithubLogin, zPersonName } from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SelectField, TextField } from '../../components/FormField';
import { PageHeader } from '../../components/Layout';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { DEFAULT_DIGITS, setDigits, setLocale } from '../../i18n';
import { type Me, useMe } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useTRPC } from '../../trpc';
import { PasswordCard } from './PasswordCard';
import { SessionsCard } from './SessionsCard';

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
