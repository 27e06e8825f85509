import { zodResolver } from '@hookform/resolvers/zod';
import { parseGithubRepoUrl, submitInput, zTitle } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, ChevronDown, Send, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { Choice, ChoiceGroup, SelectField, TextareaField, TextField } from '../../components/FormField';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { RepoName } from './common';

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
  const fmt = useFormat();
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

  const groups = useMemo(() => {
    if (!cohort) return [];
    const stageIds = new Set(cohort.stages.map((s) => s.id));
    const out = cohort.stages.map((stage) => ({
      id: stage.id,
      title: text('stage', stage).title,
      skills: cohort.skills.filter((s) => s.stageId === stage.id),
    }));
    const loose = cohort.skills.filter((s) => !s.stageId || !stageIds.has(s.stageId));
    if (loose.length) out.push({ id: 'other', title: t('submissions.submit.otherSkills'), skills: loose });
    return out.filter((g) => g.skills.length > 0);
  }, [cohort, text, t]);

  // Stages fold away (a roadmap has dozens of skills): open are those with a chosen skill, and the
  // ones the person opens; a search opens every stage with a match. Chosen skills are listed first.
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const [openGroups, setOpenGroups] = useState<Set<string>>(() => new Set());
  const claimedSkills = useMemo(() => {
    const all = groups.flatMap((g) => g.skills);
    return claimed.flatMap((id) => all.filter((s) => s.skillId === id));
  }, [groups, claimed]);
  const withChosen = useMemo(
    () => groups.filter((g) => g.skills.some((s) => claimed.includes(s.skillId))).map((g) => g.id),
    [groups, claimed],
  );
  // a stage with a chosen skill (a brief's, a new revision's) opens once; closing it later sticks
  const seenOpen = useRef(new Set<string>());
  useEffect(() => {
    const fresh = withChosen.filter((id) => !seenOpen.current.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) seenOpen.current.add(id);
    setOpenGroups((prev) => new Set([...prev, ...fresh]));
  }, [withChosen]);
  const shownGroups = useMemo(
    () =>
      needle
        ? groups
            .map((g) => ({
              ...g,
              skills: g.skills.filter((s) => text('skill', s).title.toLowerCase().includes(needle)),
            }))
            .filter((g) => g.skills.length > 0)
        : groups,
    [groups, needle, text],
  );

  const setClaimed = (next: string[]) =>
    setValue('claimedSkillIds', next, { shouldDirty: true, shouldValidate: isSubmitted });
  const toggle = (id: string, on: boolean) => {
    const current = getValues('claimedSkillIds');
    setClaimed(on ? [...new Set([...current, id])] : current.filter((x) => x !== id));
  };
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
          <ChoiceGroup
            legend={t('submissions.submit.skills')}
            hint={t('submissions.submit.skillsHint')}
            error={errors.claimedSkillIds?.message}
            name="claimedSkillIds"
            testId="skill-picker"
            className="flex flex-col gap-4"
          >
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
              <span data-testid="claimed-count">
                {t('submissions.submit.selected', { count: claimed.length, formatted: fmt.number(claimed.length) })}
              </span>
              {claimed.length > 0 ? (
                <Button type="button" variant="link" size="sm" onClick={() => setClaimed([])}>
                  {t('submissions.submit.clear')}
                </Button>
              ) : null}
            </div>
            {!cohort ? <p className="text-sm text-slate-500">{t('submissions.submit.chooseCohortFirst')}</p> : null}
            {claimed.length > 0 ? (
              <ul
                className="flex flex-wrap gap-1.5"
                data-testid="claimed-skills"
                aria-label={t('submissions.submit.selectedTitle')}
              >
                {claimedSkills.map((skill) => (
                  <li key={skill.skillId}>
                    <button
                      type="button"
                      className="inline-flex min-h-9 items-center gap-1 rounded-full border border-brand-100 bg-brand-50 ps-3 pe-2 text-sm text-brand-800 hover:bg-brand-100"
                      onClick={() => toggle(skill.skillId, false)}
                      data-key={skill.key}
                    >
                      {text('skill', skill).title}
                      <X className="size-3.5" aria-hidden />
                      <span className="sr-only">{t('submissions.submit.removeSkill')}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            {groups.length > 0 ? (
              <div className="max-w-sm">
                <label htmlFor="skill-filter" className="sr-only">
                  {t('submissions.submit.findSkill')}
                </label>
                <Input
                  id="skill-filter"
                  type="search"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  placeholder={t('submissions.submit.findSkill')}
                  className="h-11"
                  data-testid="skill-filter"
                />
              </div>
            ) : null}
            {shownGroups.map((group) => {
              const chosen = group.skills.filter((s) => claimed.includes(s.skillId)).length;
              return (
                <details
                  key={group.id}
                  className="group rounded-lg border border-slate-200"
                  data-stage={group.id}
                  open={needle !== '' || openGroups.has(group.id) || undefined}
                  onToggle={(e) => {
                    const open = (e.currentTarget as HTMLDetailsElement).open;
                    setOpenGroups((prev) => {
                      if (open === prev.has(group.id)) return prev;
                      const next = new Set(prev);
                      if (open) next.add(group.id);
                      else next.delete(group.id);
                      return next;
                    });
                  }}
                >
                  <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-2 px-3 py-2 text-sm font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
                    <span className="flex min-w-0 items-center gap-2">
                      <ChevronDown
                        className="size-4 shrink-0 -rotate-90 text-slate-500 transition-transform group-open:rotate-0 rtl:rotate-90 rtl:group-open:rotate-0"
                        aria-hidden
                      />
                      <span className="min-w-0">{group.title}</span>
                    </span>
                    <span className="shrink-0 text-xs font-normal text-slate-600">
                      {chosen > 0
                        ? t('submissions.submit.groupChosen', { chosen, total: group.skills.length })
                        : t('submissions.submit.groupTotal', { count: group.skills.length })}
                    </span>
                  </summary>
                  <div className="grid gap-x-4 gap-y-1 border-t border-slate-100 p-3 sm:grid-cols-2 lg:grid-cols-3">
                    {group.skills.map((skill) => {
                      const inBrief = brief?.skillIds.includes(skill.skillId);
                      return (
                        <Choice
                          key={skill.skillId}
                          name="claimedSkillIds"
                          value={skill.skillId}
                          data-key={skill.key}
                          className="min-h-11 items-center py-1"
                          checked={claimed.includes(skill.skillId)}
                          onChange={(e) => toggle(skill.skillId, e.target.checked)}
                          label={
                            <span className="inline-flex flex-wrap items-center gap-1.5">
                              {text('skill', skill).title}
                              {skill.status === 'verified' ? (
                                <Badge tone="success" className="px-1.5 py-0 text-[0.7rem]">
                                  {t('progressStatus.verified')}
                                </Badge>
                              ) : null}
                              {inBrief ? (
                                <Badge tone="brand" className="px-1.5 py-0 text-[0.7rem]">
                                  {t('submissions.submit.inBrief')}
                                </Badge>
                              ) : null}
                            </span>
                          }
                        />
                      );
                    })}
                  </div>
                </details>
              );
            })}
            {needle && shownGroups.length === 0 ? (
              <p className="text-sm text-slate-500">{t('submissions.submit.noSkillMatches')}</p>
            ) : null}
          </ChoiceGroup>
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
