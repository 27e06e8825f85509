import { zodResolver } from '@hookform/resolvers/zod';
import { assignableRoles, can, type Role, zEmail, zId } from '@masar/shared';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Send, UserPlus } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { CopyButton } from '../../components/CopyButton';
import { DatePicker } from '../../components/DatePicker';
import { SelectField, TextField } from '../../components/FormField';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton } from '../../components/ui/confirm-dialog';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { useMe } from '../../lib/auth';
import { isolate, useFormat } from '../../lib/format';
import { applyServerErrors, serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { useTRPC } from '../../trpc';
import { COHORT_ROLES, type CohortData, type CohortMember, type CohortRole } from './types';

const MEMBER_PAGE = 100;
const MAX_MEMBER_PAGES = 20;

type Notice = { tone: 'error' | 'success'; text: string } | null;

function useRefreshCohort() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
    ]);
}

export function MembersCard({ data }: { data: CohortData }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const { org, slug, can } = useOrg();
  const refresh = useRefreshCohort();
  const manage = can('cohorts.manage');
  const me = useMe();
  // A mentor sees only the cohorts they mentor: removing themselves would lock them out.
  const canRemove = (m: CohortMember) => !(org.role === 'mentor' && m.userId === me.data?.id);
  const fmt = useFormat();
  const [notice, setNotice] = useState<Notice>(null);
  const remove = useMutation(
    trpc.cohorts.removeMember.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice({ tone: 'success', text: term('cohort.memberRemoved') });
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  // Owners and admins invite mentors or learners; a mentor invites learners into a cohort they mentor.
  const inviteRoles = COHORT_ROLES.filter(
    (r) => assignableRoles(org.role).includes(r) || (org.role === 'mentor' && r === 'learner'),
  );

  return (
    <Card data-testid="cohort-members" id="members" className="scroll-mt-4">
      <CardHeader>
        <CardTitle>{term('cohort.membersTitle')}</CardTitle>
        <CardDescription>
          {manage ? term('cohort.membersDescriptionManage') : term('cohort.membersDescription')}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {notice ? (
          <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'members-error' : 'members-notice'}>
            {notice.text}
          </Alert>
        ) : null}
        {data.members.length === 0 && data.pendingInvitations.length === 0 ? (
          <StateMessage
            kind="empty"
            title={term('cohort.noMembers')}
            body={manage ? term('cohort.noMembersBody') : undefined}
          />
        ) : (
          <div className="overflow-hidden rounded-lg border border-slate-200">
            <Table data-testid="cohort-members-table">
              <THead>
                <tr>
                  <TH>{t('fields.name')}</TH>
                  <TH>{t('fields.email')}</TH>
                  <TH>{t('fields.role')}</TH>
                  <TH>{term('cohort.personalStart')}</TH>
                  {manage ? (
                    <TH className="text-end">
                      <span className="sr-only">{t('common.actions')}</span>
                    </TH>
                  ) : null}
                </tr>
              </THead>
              <TBody>
                {data.members.map((m) => (
                  <TR
                    key={m.userId}
                    data-testid="cohort-member-row"
                    data-email={m.email}
                    data-role={m.role}
                    data-start={m.personalStartDate ?? ''}
                  >
                    <TD className="font-medium text-slate-900">
                      {m.role === 'learner' ? (
                        <Link
                          to={routes.learner(slug, data.cohort.id, m.userId)}
                          className="text-brand-800 hover:underline"
                          data-testid="learner-progress-link"
                        >
                          {m.name}
                        </Link>
                      ) : (
                        m.name
                      )}
                    </TD>
                    <TD>
                      <bdi className="whitespace-nowrap text-slate-600">{m.email}</bdi>
                    </TD>
                    <TD>
                      <Badge tone={m.role === 'mentor' ? 'brand' : 'neutral'}>{term(`cohortRoles.${m.role}`)}</Badge>
                    </TD>
                    <TD>
                      <PersonalStart data={data} member={m} manage={manage} setNotice={setNotice} />
                    </TD>
                    {manage ? (
                      <TD className="text-end">
                        {canRemove(m) ? (
                          <ConfirmButton
                            label={term('cohort.removeMember')}
                            pending={remove.isPending && remove.variables?.userId === m.userId}
                            testId="remove-cohort-member"
                            title={term('cohort.removeMemberTitle', { name: isolate(m.name) })}
                            description={term('cohort.removeMemberBody', { cohort: isolate(data.cohort.name) })}
                            onConfirm={() =>
                              remove.mutate({ orgSlug: slug, cohortId: data.cohort.id, userId: m.userId })
                            }
                          />
                        ) : null}
                      </TD>
                    ) : null}
                  </TR>
                ))}
                {data.pendingInvitations.map((inv) => (
                  <TR key={inv.id} data-testid="cohort-invited-row" data-email={inv.email} data-role={inv.role ?? ''}>
                    <TD className="text-slate-600">
                      <Badge tone="warning">{term('cohort.invitedPending')}</Badge>
                    </TD>
                    <TD>
                      <bdi className="whitespace-nowrap text-slate-600">{inv.email}</bdi>
                    </TD>
                    <TD>
                      {inv.role ? (
                        <Badge tone={inv.role === 'mentor' ? 'brand' : 'neutral'}>
                          {term(`cohortRoles.${inv.role}`)}
                        </Badge>
                      ) : null}
                    </TD>
                    <TD className="text-xs text-slate-500">
                      {term('cohort.invitedUntil', { date: fmt.date(inv.expiresAt, org.timeZone) })}
                    </TD>
                    {manage ? <TD /> : null}
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        {manage ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <AddMembersForm data={data} />
            {inviteRoles.length > 0 ? <InviteForm data={data} roles={inviteRoles} /> : <InviteUnavailable />}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** A learner's own start date (their due dates follow it); empty = the cohort's start date. */
function PersonalStart({
  data,
  member,
  manage,
  setNotice,
}: {
  data: CohortData;
  member: CohortMember;
  manage: boolean;
  setNotice: (n: Notice) => void;
}) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const fmt = useFormat();
  const { slug } = useOrg();
  const refresh = useRefreshCohort();
  const saved = member.personalStartDate ?? '';
  const [value, setValue] = useState(saved);
  useEffect(() => setValue(saved), [saved]);
  const save = useMutation(
    trpc.cohorts.setPersonalStartDate.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice({ tone: 'success', text: term('cohort.startSaved', { name: isolate(member.name) }) });
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  if (member.role !== 'learner') return <span className="text-slate-400">—</span>;
  const cohortStart = fmt.day(data.cohort.startDate);
  if (!manage) {
    return (
      <span className="whitespace-nowrap">
        {member.personalStartDate
          ? fmt.day(member.personalStartDate)
          : term('cohort.sameAsCohort', { date: cohortStart })}
      </span>
    );
  }
  return (
    <form
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ orgSlug: slug, cohortId: data.cohort.id, userId: member.userId, startDate: value || null });
      }}
    >
      <div className="flex items-center gap-2">
        <DatePicker
          className="w-48 [&>button:first-child]:h-9"
          value={value}
          onChange={(v) => setValue(v ?? '')}
          clearable
          aria-label={term('cohort.personalStartOf', { name: member.name })}
          title={term('cohort.sameAsCohort', { date: cohortStart })}
          name="personalStartDate"
          data-testid="personal-start-input"
        />
        <Button
          type="submit"
          size="sm"
          variant="secondary"
          disabled={value === saved}
          pending={save.isPending}
          data-testid="save-personal-start"
        >
          {t('common.save')}
        </Button>
      </div>
      {value ? null : (
        <span className="text-xs text-slate-500">{term('cohort.sameAsCohort', { date: cohortStart })}</span>
      )}
    </form>
  );
}

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

function AddMembersForm({ data }: { data: CohortData }) {
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

const inviteForm = z.object({ email: zEmail, role: z.enum(['mentor', 'learner'], { message: 'errors.role.invalid' }) });

function InviteForm({ data, roles }: { data: CohortData; roles: readonly CohortRole[] }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useOrg();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; link: string } | null>(null);
  const form = useForm({
    resolver: zodResolver(inviteForm),
    defaultValues: { email: '', role: roles.includes('learner') ? 'learner' : (roles[0] ?? 'learner') },
  });
  const invite = useMutation(trpc.cohorts.invite.mutationOptions());
  const {
    register,
    formState: { errors },
  } = form;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setCreated(null);
    try {
      const inv = await invite.mutateAsync({ orgSlug: slug, cohortId: data.cohort.id, ...values });
      setCreated({ email: inv.email, link: inv.link });
      form.reset({ email: '', role: values.role });
      await Promise.all([
        queryClient.invalidateQueries(trpc.invitations.pathFilter()),
        queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
      ]);
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });
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
      {created ? (
        <Alert tone="success" data-testid="cohort-invite-created">
          <p className="mb-2 font-medium">{t('invitations.created', { email: isolate(created.email) })}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              dir="ltr"
              className="min-w-0 flex-1 break-all rounded-md bg-white/70 px-2 py-1.5 font-mono text-xs text-slate-800"
              data-testid="invite-link"
            >
              {created.link}
            </code>
            <CopyButton text={created.link} />
          </div>
        </Alert>
      ) : null}
      {formError ? (
        <Alert tone="error" data-testid="cohort-invite-error">
          {formError}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="cohort-invite-form">
        <TextField
          label={t('fields.email')}
          type="email"
          dir="ltr"
          autoComplete="off"
          error={errors.email?.message}
          {...register('email')}
        />
        <SelectField label={term('cohort.cohortRole')} error={errors.role?.message} {...register('role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {term(`cohortRoles.${r}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={invite.isPending} className="self-start" data-testid="cohort-invite-submit">
          <Send className="size-4 rtl:-scale-x-100" aria-hidden />
          {t('invitations.send')}
        </Button>
      </form>
    </section>
  );
}

function InviteUnavailable() {
  const { term } = useTerms();
  return (
    <section className="flex flex-col gap-2 rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">
      <h3 className="font-medium text-slate-900">{term('cohort.inviteTitle')}</h3>
      <p>{term('cohort.inviteAdminsOnly')}</p>
    </section>
  );
}
