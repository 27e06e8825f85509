import { useMutation, useQuery } from '@tanstack/react-query';
import { ClipboardList, Pencil } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton } from '../../components/ui/confirm-dialog';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { useTRPC } from '../../trpc';
import { AssignForm } from './AssignForm';
import { type CohortData, type Notice, type RoadmapData, useRefreshCohort } from './cohortData';
import { DueDateEditor, DueRange } from './DueDates';
export function AssignmentsCard({ data }: { data: CohortData }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  const manage = can('cohorts.manage');
  const roadmap = useQuery(trpc.roadmaps.get.queryOptions({ orgSlug: slug, roadmapId: data.roadmap.id }));
  return (
    <Card data-testid="cohort-assignments" id="assignments" className="scroll-mt-4">
      <CardHeader>
        <CardTitle>{t('cohort.assignmentsTitle')}</CardTitle>
        <CardDescription>{t('cohort.assignmentsDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <AssignmentList data={data} roadmap={roadmap.data} manage={manage} />
        {manage ? (
          <QueryState
            isPending={roadmap.isPending}
            error={roadmap.error}
            onRetry={() => roadmap.refetch()}
            errorTitle={t('roadmap.loadError')}
          >
            {roadmap.data ? <AssignForm data={data} roadmap={roadmap.data} /> : null}
          </QueryState>
        ) : null}
      </CardContent>
    </Card>
  );
}

function AssignmentList({
  data,
  roadmap,
  manage,
}: {
  data: CohortData;
  roadmap: RoadmapData | undefined;
  manage: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const refresh = useRefreshCohort();
  const [notice, setNotice] = useState<Notice>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useMutation(
    trpc.cohorts.removeAssignment.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice({ tone: 'success', text: t('cohort.assignmentRemoved') });
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  const skillsById = new Map((roadmap?.skills ?? []).map((s) => [s.skillId, s]));
  const learners = new Map(data.members.map((m) => [m.userId, m.name]));

  if (data.assignments.length === 0) {
    return (
      <StateMessage
        kind="empty"
        title={t('cohort.noAssignments')}
        body={manage ? t('cohort.noAssignmentsBody') : undefined}
        data-testid="assignments-empty"
      />
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {notice ? (
        <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'assignments-error' : 'assignments-notice'}>
          {notice.text}
        </Alert>
      ) : null}
      <div className="overflow-hidden rounded-lg border border-slate-200">
        <Table data-testid="assignments-table">
          <THead>
            <tr>
              <TH>{t('cohort.what')}</TH>
              <TH>{t('cohort.who')}</TH>
              <TH>{t('cohort.due')}</TH>
              {manage ? (
                <TH className="text-end">
                  <span className="sr-only">{t('common.actions')}</span>
                </TH>
              ) : null}
            </tr>
          </THead>
          <TBody>
            {data.assignments.map((a) => {
              const skillNames = a.skillIds
                .map((id) => skillsById.get(id))
                .filter((s) => s !== undefined)
                .map((s) => text('skill', s).title);
              const learnerNames = a.learnerIds.map((id) => learners.get(id) ?? '?');
              return (
                <TR
                  key={a.id}
                  data-testid="assignment-row"
                  data-id={a.id}
                  data-stage-id={a.stageId ?? ''}
                  data-due={a.dueDate}
                >
                  <TD>
                    <div className="flex items-start gap-2">
                      <ClipboardList className="mt-0.5 size-4 shrink-0 text-brand-700" aria-hidden />
                      <div>
                        <p className="font-medium text-slate-900" title={skillNames.join(', ')}>
                          {a.stageId
                            ? text('stage', { builtinKey: a.stageBuiltinKey, title: a.stageTitle }).title
                            : t('cohort.nSkills', {
                                count: a.skillIds.length,
                                formatted: fmt.number(a.skillIds.length),
                              })}
                        </p>
                        {a.stageId ? (
                          <p className="text-xs text-slate-500">
                            {t('cohort.nSkills', {
                              count: a.skillIds.length,
                              formatted: fmt.number(a.skillIds.length),
                            })}
                          </p>
                        ) : (
                          <p className="line-clamp-2 max-w-md text-xs text-slate-500">{skillNames.join('، ')}</p>
                        )}
                        {a.note ? <p className="mt-1 text-xs italic text-slate-600">{a.note}</p> : null}
                      </div>
                    </div>
                  </TD>
                  <TD title={learnerNames.join(', ')}>
                    {a.learnerIds.length === 0
                      ? t('cohort.wholeCohort')
                      : t('cohort.nLearners', {
                          count: a.learnerIds.length,
                          formatted: fmt.number(a.learnerIds.length),
                        })}
                  </TD>
                  <TD>
                    {editing === a.id ? (
                      <DueDateEditor
                        assignment={a}
                        onDone={(message) => {
                          setEditing(null);
                          if (message) setNotice(message);
                        }}
                      />
                    ) : (
                      <div>
                        <p className="whitespace-nowrap font-medium" data-testid="assignment-due">
                          {fmt.day(a.dueDate)}
                        </p>
                        {a.dueOffsetMonths === null ? (
                          <p className="text-xs text-slate-500">{t('cohort.fixedDue')}</p>
                        ) : (
                          <DueRange
                            start={data.cohort.startDate}
                            endMonths={a.skillIds.map((id) => skillsById.get(id)?.endMonth)}
                          />
                        )}
                      </div>
                    )}
                  </TD>
                  {manage ? (
                    <TD className="text-end">
                      <div className="flex justify-end gap-1">
                        {editing === a.id ? null : (
                          <Button
                            variant="ghost"
                            size="sm"
                            onClick={() => setEditing(a.id)}
                            data-testid="edit-assignment"
                          >
                            <Pencil className="size-4" aria-hidden />
                            {t('cohort.editDue')}
                          </Button>
                        )}
                        <ConfirmButton
                          label={t('cohort.removeAssignment')}
                          pending={remove.isPending && remove.variables?.assignmentId === a.id}
                          testId="remove-assignment"
                          title={t('cohort.removeAssignmentTitle')}
                          description={t('cohort.removeAssignmentBody')}
                          onConfirm={() => remove.mutate({ orgSlug: slug, assignmentId: a.id })}
                        />
                      </div>
                    </TD>
                  ) : null}
                </TR>
              );
            })}
          </TBody>
        </Table>
      </div>
    </div>
  );
}
