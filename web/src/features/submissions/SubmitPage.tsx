import { zodResolver } from '@hookform/resolvers/zod';
import { parseGithubRepoUrl, submitInput, zTitle } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, Send } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { SelectField, TextareaField, TextField } from '../../components/FormField';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { applyServerErrors } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { RepoName } from './common';
import { SkillPicker } from './SkillPicker';

type MyCohort = RouterOutputs['progress']['mine']['cohorts'][number];

/** The submit form: the shared `submitInput`, with the select's "" for "no brief" and live URL checks. */
const submitForm = z
  .object({
    cohortId: z.string().min(1, { message: 'errors.submission.cohortRequired' }),
    repoUrl: submitInput.shape.repoUrl.refine((v) => parseGithubRepoUrl(v).ok, { message: 'errors.repoUrl.invalid' }),
    briefId: z.string(),
    claimedSkillIds: z.array(z.string()).max(50),
    // empty with a brief: the brief's own title is sent, and shown in each reader's language
    title: z.string().trim().max(200, { message: 'errors.title.tooLong' }),
    note: z.string().trim().max(5000, { message: 'errors.description.tooLong' }),
  })
  .refine((v) => zTitle.safeParse(v.title).success || v.briefId !== '', {
    path: ['title'],
    message: 'errors.title.required',
  })
  .refine((v) => v.claimedSkillIds.length > 0 || v.briefId !== '', {
    path: ['claimedSkillIds'],
    message: 'errors.submission.nothingClaimed',
  });
type SubmitFormValues = z.input<typeof submitForm>;

export function SubmitPage() {
  return (
    <RequirePermission permission="progress.self">
      <SubmitLoader />
    </RequirePermission>
  );
}

function SubmitLoader() {
  const { t } = useTranslation();
  useDocumentTitle(t('submissions.submit.title'));
  const trpc = useTRPC();
  const { slug } = useOrg();
  const mine = useQuery(trpc.progress.mine.queryOptions({ orgSlug: slug }));
  return (
    <QueryState
      isPending={mine.isPending}
      error={mine.error}
      onRetry={() => mine.refetch()}
      errorTitle={t('submissions.submit.loadError')}
    >
      {mine.data && mine.data.cohorts.length === 0 ? (
        <StateMessage
          kind="empty"
          title={t('submissions.submit.noCohortsTitle')}
          body={t('submissions.submit.noCohortsBody')}
          data-testid="submit-no-cohorts"
        />
      ) : mine.data ? (
        <SubmitForm cohorts={mine.data.cohorts} />
      ) : null}
    </QueryState>
  );
}

function SubmitForm({ cohorts }: { cohorts: MyCohort[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const [params] = useSearchParams();
  const [formError, setFormError] = useState<string | null>(null);

  const initial = useMemo<SubmitFormValues>(() => {
    const wanted = params.get('cohortId');
    const cohort = cohorts.find((c) => c.cohort.id === wanted) ?? (cohorts.length === 1 ? cohorts[0] : undefined);
    const placed = new Set(cohort?.skills.map((s) => s.skillId) ?? []);
    return {
      cohortId: cohort?.cohort.id ?? '',
      repoUrl: params.get('repoUrl') ?? '',
      briefId: params.get('briefId') ?? '',
      claimedSkillIds: (params.get('skills') ?? '').split(',').filter((id) => placed.has(id)),
      title: params.get('title') ?? '',
      note: '',
    };
  }, [cohorts, params]);
  const isRevision = Boolean(params.get('repoUrl'));

  const form = useForm<SubmitFormValues>({ resolver: zodResolver(submitForm), defaultValues: initial });
  const {
    register,
    watch,
    setValue,
    getValues,
    formState: { errors, isSubmitted },
  } = form;
  const cohortId = watch('cohortId');
  const briefId = watch('briefId');
  const repoUrl = watch('repoUrl');
  const claimed = watch('claimedSkillIds');
  const cohort = cohorts.find((c) => c.cohort.id === cohortId);
  const roadmapId = cohort?.roadmap.id;

  const roadmap = useQuery({
    ...trpc.roadmaps.get.queryOptions({ orgSlug: slug, roadmapId: roadmapId ?? '' }),
    enabled: Boolean(roadmapId),
  });
  const placed = useMemo(() => new Set(cohort?.skills.map((s) => s.skillId) ?? []), [cohort]);
  const briefs = roadmap.data?.briefs ?? [];
  const brief = briefs.find((b) => b.id === briefId);

  // A new cohort (another roadmap): its briefs and skills differ, so the choices start over.
  const lastRoadmap = useRef(roadmapId);
  useEffect(() => {
    if (lastRoadmap.current === roadmapId) return;
    lastRoadmap.current = roadmapId;
    setValue('briefId', '');
    setValue('claimedSkillIds', []);
  }, [roadmapId, setValue]);

  // The brief chosen before its options arrived (a prefilled new revision, or "Submit work" on
  // My roadmap): show it once they do, with its skills and title when none are given.
  useEffect(() => {
    if (!roadmap.data) return;
    const current = getValues('briefId');
    const chosen = roadmap.data.briefs.find((b) => b.id === current);
    setValue('briefId', chosen ? current : '');
    if (!chosen) return;
    if (getValues('claimedSkillIds').length === 0) {
      setValue(
        'claimedSkillIds',
        chosen.skillIds.filter((id) => placed.has(id)),
      );
    }
    if (!getValues('title').trim()) setValue('title', text('brief', chosen).title);
  }, [roadmap.data, getValues, setValue, placed, text]);

  const setClaimed = (next: string[]) =>
    setValue('claimedSkillIds', next, { shouldDirty: true, shouldValidate: isSubmitted });
  const briefField = register('briefId');
  const onBriefChange = (id: string) => {
    const chosen = briefs.find((b) => b.id === id);
    if (!chosen) return;
    setClaimed([...new Set([...getValues('claimedSkillIds'), ...chosen.skillIds.filter((s) => placed.has(s))])]);
  };

  const parsedRepo = repoUrl.trim() ? parseGithubRepoUrl(repoUrl) : null;
  const repoError = errors.repoUrl?.message ?? (parsedRepo && !parsedRepo.ok ? parsedRepo.error : undefined);

  const submit = useMutation(trpc.submissions.submit.mutationOptions());
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const r = await submit.mutateAsync({
        orgSlug: slug,
        cohortId: values.cohortId,
        repoUrl: values.repoUrl,
        briefId: values.briefId || null,
        claimedSkillIds: values.claimedSkillIds,
        title: values.title.trim() || (briefs.find((b) => b.id === values.briefId)?.title ?? values.title),
        note: values.note,
      });
      // a new revision of a submission seen before: show it fresh, not the cached older revision
      queryClient.removeQueries(trpc.submissions.get.queryFilter({ orgSlug: slug, submissionId: r.submissionId }));
      await queryClient.invalidateQueries(trpc.submissions.pathFilter());
      await navigate(routes.submission(slug, r.submissionId), {
        state: { submittedRevision: r.revision, mentorsNotified: r.mentorsNotified },
      });
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{isRevision ? t('submissions.submit.revisionTitle') : t('submissions.submit.title')}</CardTitle>
        <CardDescription>{t('submissions.submit.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="submit-form">
          {formError ? (
            <Alert tone="error" data-testid="form-error">
              {formError}
            </Alert>
          ) : null}
          <div className="grid gap-5 md:grid-cols-2">
            <SelectField
              label={t('submissions.submit.cohort')}
              error={errors.cohortId?.message}
              {...register('cohortId')}
            >
              {cohorts.length > 1 ? <option value="">{t('submissions.submit.chooseCohort')}</option> : null}
              {cohorts.map((c) => (
                <option key={c.cohort.id} value={c.cohort.id}>
                  {c.cohort.name} — {text('roadmap', c.roadmap).title}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('submissions.submit.repoUrl')}
              type="url"
              inputMode="url"
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://github.com/owner/repo"
              error={repoError}
              hint={
                parsedRepo?.ok ? (
                  <span className="inline-flex items-center gap-1 text-green-700" data-testid="repo-normalised">
                    <CheckCircle2 className="size-3.5" aria-hidden />
                    {t('submissions.submit.repoValid')}{' '}
                    <RepoName owner={parsedRepo.owner} repo={parsedRepo.repo} className="font-semibold" />
                  </span>
                ) : (
                  t('submissions.submit.repoUrlHint')
                )
              }
              {...register('repoUrl')}
            />
          </div>
          <SelectField
            label={t('submissions.submit.brief')}
            hint={brief ? text('brief', brief).description : t('submissions.submit.briefHint')}
            disabled={!roadmapId || roadmap.isPending}
            {...briefField}
            onChange={(e) => {
              void briefField.onChange(e);
              onBriefChange(e.target.value);
            }}
          >
            <option value="">{t('submissions.submit.noBrief')}</option>
            {briefs.map((b) => (
              <option key={b.id} value={b.id}>
                {text('brief', b).title}
              </option>
            ))}
          </SelectField>
          {roadmap.error ? <Alert tone="error">{t('submissions.submit.briefsLoadError')}</Alert> : null}
          <SkillPicker
            cohort={cohort}
            brief={brief}
            claimed={claimed}
            onChange={setClaimed}
            error={errors.claimedSkillIds?.message}
          />
          <TextField
            label={t('submissions.submit.titleField')}
            dir="auto"
            placeholder={brief ? text('brief', brief).title : undefined}
            hint={brief ? t('submissions.submit.titleFromBrief') : undefined}
            error={errors.title?.message}
            {...register('title')}
          />
          <TextareaField
            label={t('submissions.submit.note')}
            hint={t('submissions.submit.noteHint')}
            rows={4}
            dir="auto"
            error={errors.note?.message}
            {...register('note')}
          />
          <div className="flex flex-wrap items-center justify-end gap-3">
            <Button asChild variant="ghost">
              <Link to={routes.submissions(slug)}>{t('common.cancel')}</Link>
            </Button>
            <Button type="submit" pending={submit.isPending} data-testid="submit-project">
              <Send className="size-4 rtl:-scale-x-100" aria-hidden />
              {t('submissions.submit.send')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
