import { assignableRoles } from '@masar/shared';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DatePicker } from '../../components/DatePicker';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton } from '../../components/ui/confirm-dialog';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { useMe } from '../../lib/auth';
import { isolate, useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { useTRPC } from '../../trpc';
import { AddMembersForm, CohortInvite, InviteUnavailable } from './AddMembers';
import { COHORT_ROLES, type CohortData, type CohortMember, type Notice, useRefreshCohort } from './cohortData';

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
            {inviteRoles.length > 0 ? <CohortInvite data={data} roles={inviteRoles} /> : <InviteUnavailable />}
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
