import { zodResolver } from '@hookform/resolvers/zod';
import { can, type Role, zId } from '@masar/shared';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SelectField } from '../../components/FormField';
import { InviteForm } from '../../components/InviteForm';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { isolate } from '../../lib/format';
import { applyServerErrors, serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useTerms } from '../../lib/terms';
import { useTRPC } from '../../trpc';
import { COHORT_ROLES, type CohortData, type CohortRole, type Notice, useRefreshCohort } from './cohortData';

const MEMBER_PAGE = 100;
const MAX_MEMBER_PAGES = 20;

/** Every member of the organisation (the list is paged by 100 on the server). */
function useAllOrgMembers() {
  const trpc = useTRPC();
  const { slug } = useOrg();
  const first = useQuery(trpc.members.list.queryOptions({ orgSlug: slug, page: 1, pageSize: MEMBER_PAGE }));
  const pages = first.data ? Math.min(MAX_MEMBER_PAGES, Math.ceil(first.data.total / MEMBER_PAGE)) : 1;
  const rest = useQueries({
    queries: Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
      trpc.members.list.queryOptions({ orgSlug: slug, page: i + 2, pageSize: MEMBER_PAGE }),
    ),
  });
  const items = useMemo(
    () => [...(first.data?.items ?? []), ...rest.flatMap((q) => q.data?.items ?? [])],
    [first.data, rest],
  );
  return {
    items,
    isPending: first.isPending || rest.some((q) => q.isPending),
    error: first.error ?? rest.find((q) => q.error)?.error ?? null,
  };
}

/** Cohort mentors hold an organisation role that may review (owner, admin, mentor). */
const mayMentor = (role: Role) => can(role, 'submissions.review');

const addMemberForm = z.object({
  userId: zId,
  role: z.enum(['mentor', 'learner'], { message: 'errors.role.invalid' }),
});

export function AddMembersForm({ data }: { data: CohortData }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const { slug } = useOrg();
  const refresh = useRefreshCohort();
  const members = useAllOrgMembers();
  const [notice, setNotice] = useState<Notice>(null);
  const inCohort = new Set(data.members.map((m) => m.userId));
  const candidates = members.items.filter((m) => !inCohort.has(m.userId));
  const form = useForm({
    resolver: zodResolver(addMemberForm),
    defaultValues: { userId: '', role: 'learner' as CohortRole },
  });
  const add = useMutation(trpc.cohorts.addMembers.mutationOptions());
  const {
    register,
    watch,
    setValue,
    formState: { errors },
  } = form;
  const userId = watch('userId');
  // Learners of the organisation join as learners; staff usually mentor.
  useEffect(() => {
    const m = members.items.find((x) => x.userId === userId);
    if (m) setValue('role', mayMentor(m.role) ? 'mentor' : 'learner');
  }, [userId, members.items, setValue]);
  const chosen = members.items.find((x) => x.userId === userId);

  const onSubmit = form.handleSubmit(async (values) => {
    setNotice(null);
    try {
      await add.mutateAsync({ orgSlug: slug, cohortId: data.cohort.id, members: [values] });
      const who = members.items.find((m) => m.userId === values.userId);
      setNotice({
        tone: 'success',
        text: term('cohort.memberAdded', { name: isolate(who?.name ?? ''), role: term(`cohortRoles.${values.role}`) }),
      });
      form.reset({ userId: '', role: values.role });
      await refresh();
    } catch (err) {
      const message = applyServerErrors(form, err);
      if (message) setNotice({ tone: 'error', text: message });
    }
  });

  return (
    <section className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4" aria-labelledby="add-members-title">
      <div>
        <h3 id="add-members-title" className="font-medium text-slate-900">
          {term('cohort.addMembersTitle')}
        </h3>
        <p className="text-sm text-slate-600">{term('cohort.addMembersDescription')}</p>
      </div>
      {notice ? (
        <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'add-members-error' : 'add-members-notice'}>
          {notice.text}
        </Alert>
      ) : null}
      {members.error ? <Alert tone="error">{serverErrorMessage(members.error)}</Alert> : null}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="add-members-form">
        <SelectField
          label={term('cohort.person')}
          error={errors.userId?.message}
          disabled={members.isPending}
          {...register('userId')}
        >
          <option value="">
            {members.isPending
              ? t('common.loading')
              : candidates.length === 0
                ? term('cohort.everyoneAdded')
                : term('cohort.choosePerson')}
          </option>
          {candidates.map((m) => (
            <option key={m.userId} value={m.userId}>
              {`${isolate(m.name)} · ${isolate(m.email)} (${term(`roles.${m.role}`)})`}
            </option>
          ))}
        </SelectField>
        <SelectField label={term('cohort.cohortRole')} error={errors.role?.message} {...register('role')}>
          {COHORT_ROLES.map((r) => (
            <option key={r} value={r} disabled={r === 'mentor' && chosen !== undefined && !mayMentor(chosen.role)}>
              {term(`cohortRoles.${r}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={add.isPending} className="self-start" data-testid="add-members-submit">
          <UserPlus className="size-4" aria-hidden />
          {term('cohort.addMember')}
        </Button>
      </form>
    </section>
  );
}

export function CohortInvite({ data, roles }: { data: CohortData; roles: readonly CohortRole[] }) {
  const { term } = useTerms();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useOrg();
  const invite = useMutation(trpc.cohorts.invite.mutationOptions());
  return (
    <section
      className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4"
      aria-labelledby="cohort-invite-title"
    >
      <div>
        <h3 id="cohort-invite-title" className="font-medium text-slate-900">
          {term('cohort.inviteTitle')}
        </h3>
        <p className="text-sm text-slate-600">
          {term('cohort.inviteDescription', { cohort: isolate(data.cohort.name) })}
        </p>
      </div>
      <InviteForm
        roles={roles}
        roleLabel={term('cohort.cohortRole')}
        roleName={(r) => term(`cohortRoles.${r}`)}
        layout="stack"
        testId="cohort-invite"
        send={async (values) => {
          const inv = await invite.mutateAsync({ orgSlug: slug, cohortId: data.cohort.id, ...values });
          await Promise.all([
            queryClient.invalidateQueries(trpc.invitations.pathFilter()),
            queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
          ]);
          return inv;
        }}
      />
    </section>
  );
}

export function InviteUnavailable() {
  const { term } = useTerms();
  return (
    <section className="flex flex-col gap-2 rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">
      <h3 className="font-medium text-slate-900">{term('cohort.inviteTitle')}</h3>
      <p>{term('cohort.inviteAdminsOnly')}</p>
    </section>
  );
}
