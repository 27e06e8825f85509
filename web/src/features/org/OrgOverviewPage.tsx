import { zodResolver } from '@hookform/resolvers/zod';
import { updateOrgInput } from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SelectField, TextField } from '../../components/FormField';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { isolate, useFormat } from '../../lib/format';
import { applyServerErrors, serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useTRPC } from '../../trpc';
import { useTimeZones } from './CreateOrgPage';
import { GettingStartedCard, NoMentorWarning, useGettingStarted } from './GettingStarted';

const orgSettingsInput = updateOrgInput.pick({ name: true, timeZone: true }).required();

function OrgDetails() {
  const { t } = useTranslation();
  const { org } = useOrg();
  const fmt = useFormat();
  const rows: [string, ReactNode, string][] = [
    [t('fields.orgName'), org.name, 'org-detail-name'],
    [t('fields.kind'), t(`orgKinds.${org.kind}`), 'org-detail-kind'],
    [t('org.yourRole'), t(`roles.${org.role}`), 'org-detail-role'],
    [t('fields.timeZone'), <bdi key="tz">{org.timeZone}</bdi>, 'org-detail-timezone'],
    [
      t('org.address'),
      <bdi key="slug" dir="ltr">
        {routes.org(org.slug)}
      </bdi>,
      'org-detail-slug',
    ],
    [t('org.created'), fmt.date(org.createdAt, org.timeZone), 'org-detail-created'],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('org.detailsTitle')}</CardTitle>
        <CardDescription>{t(`roleDescriptions.${org.role}`)}</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-4 text-sm sm:grid-cols-2">
          {rows.map(([label, value, testId]) => (
            <div key={testId}>
              <dt className="text-slate-500">{label}</dt>
              <dd className="mt-0.5 font-medium text-slate-900" data-testid={testId}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

function OrgSettingsForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org, slug } = useOrg();
  const timeZones = useTimeZones(org.timeZone);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm({
    resolver: zodResolver(orgSettingsInput),
    values: { name: org.name, timeZone: org.timeZone },
  });
  const update = useMutation(trpc.org.update.mutationOptions());
  const {
    register,
    formState: { errors, isDirty },
  } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    try {
      const next = await update.mutateAsync({ orgSlug: slug, ...values });
      queryClient.setQueryData(trpc.org.get.queryKey({ orgSlug: slug }), next);
      await Promise.all([
        queryClient.invalidateQueries(trpc.org.mine.queryFilter()),
        queryClient.invalidateQueries(trpc.org.audit.pathFilter()),
      ]);
      setSaved(true);
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('org.settingsTitle')}</CardTitle>
        <CardDescription>{t('org.settingsDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="org-settings-form">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          {saved && !isDirty ? (
            <Alert tone="success" data-testid="org-settings-saved">
              {t('org.settingsSaved')}
            </Alert>
          ) : null}
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField label={t('fields.orgName')} error={errors.name?.message} {...register('name')} />
            <SelectField
              label={t('fields.timeZone')}
              dir="ltr"
              error={errors.timeZone?.message}
              {...register('timeZone')}
            >
              {timeZones.map((tz) => (
                <option key={tz} value={tz}>
                  {tz}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="flex justify-end">
            <Button type="submit" pending={update.isPending} disabled={!isDirty} data-testid="org-settings-submit">
              {t('common.save')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function LeaveOrg() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { org, slug } = useOrg();
  const leave = useMutation(trpc.org.leave.mutationOptions());
  const onLeave = async () => {
    try {
      await leave.mutateAsync({ orgSlug: slug });
    } catch {
      return;
    }
    await navigate('/', { replace: true });
    queryClient.removeQueries({
      predicate: (q) => JSON.stringify(q.queryKey).includes(`"orgSlug":${JSON.stringify(slug)}`),
    });
    await queryClient.invalidateQueries(trpc.org.mine.queryFilter());
  };
  return (
    <Card className="border-red-200">
      <CardHeader>
        <CardTitle>{t('org.leaveTitle')}</CardTitle>
        <CardDescription>{t('org.leaveDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col items-start gap-3">
        {leave.error ? (
          <Alert tone="error" data-testid="leave-error" className="w-full">
            {serverErrorMessage(leave.error)}
          </Alert>
        ) : null}
        <ConfirmDialog
          trigger={
            <Button variant="destructive" pending={leave.isPending} data-testid="leave-org">
              <LogOut className="size-4 rtl:rotate-180" aria-hidden />
              {t('org.leaveButton')}
            </Button>
          }
          title={t('org.leaveConfirmTitle', { name: isolate(org.name) })}
          description={t('org.leaveConfirmBody')}
          confirmLabel={t('org.leaveButton')}
          onConfirm={() => void onLeave()}
        />
      </CardContent>
    </Card>
  );
}

export function OrgOverviewPage() {
  const { org, can } = useOrg();
  useDocumentTitle(org.name);
  const progress = useGettingStarted();
  return (
    <div className="flex flex-col gap-6" data-testid="org-overview">
      {can('cohorts.manage') ? (
        <>
          <NoMentorWarning progress={progress.data} />
          <GettingStartedCard />
        </>
      ) : null}
      <OrgDetails />
      {can('org.update') ? <OrgSettingsForm /> : null}
      <LeaveOrg />
    </div>
  );
}
