import {
  cohortMembers,
  cohorts,
  memberships,
  organizations,
  roadmapSkills,
  skillProgress,
  skills,
  stageAssignments,
  submissions,
  users,
} from '@masar/drizzle';
import { addDaysToDate, daysBetween, MENTOR_ROLES, todayIn } from '@masar/shared';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db';
import { withScope } from '../../db/tenant';
import { formatDay, resolveLocale, skillTitle, t } from '../../i18n';
import type { EmailSender } from '../../lib/email';
import type { Logger } from '../../logger';
import { overdueFor } from '../dashboards/service';

export const DIGEST_DUE_WITHIN_DAYS = 7;
export const DIGEST_WAITING_DAYS = 3;

/**
 * The daily digest (a pg-boss schedule runs it once a day): learners get what is due within
 * 7 days or overdue; mentors get the submissions of their cohorts waiting more than 3 days.
 * Sent through the email sender (so it lands in the outbox too); users can turn digests off.
 */
export async function runDailyDigest(
  deps: { database: Database; email: EmailSender; publicUrl: string; logger: Logger },
  now: Date,
) {
  const orgs = await deps.database.db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      timeZone: organizations.timeZone,
      defaultLocale: organizations.defaultLocale,
    })
    .from(organizations);
  let sent = 0;
  for (const org of orgs) {
    const today = todayIn(org.timeZone, now);
    sent += await withScope(deps.database, { orgId: org.id }, async (tx) => {
      let count = 0;
      const learners = await tx
        .select({
          userId: cohortMembers.userId,
          cohortId: cohorts.id,
          cohortName: cohorts.name,
          roadmapId: cohorts.roadmapId,
          start: sql<string>`coalesce(${cohortMembers.personalStartDate}, ${cohorts.startDate})::text`,
          email: users.email,
          name: users.name,
          locale: users.locale,
        })
        .from(cohortMembers)
        .innerJoin(cohorts, and(eq(cohorts.orgId, cohortMembers.orgId), eq(cohorts.id, cohortMembers.cohortId)))
        // still a member of the organisation (scope.ts: removal takes effect everywhere)
        .innerJoin(
          memberships,
          and(eq(memberships.orgId, cohortMembers.orgId), eq(memberships.userId, cohortMembers.userId)),
        )
        .innerJoin(users, eq(users.id, cohortMembers.userId))
        .where(
          and(
            eq(cohortMembers.orgId, org.id),
            eq(cohortMembers.role, 'learner'),
            isNull(cohorts.archivedAt),
            eq(users.digestOptOut, false),
          ),
        );
      if (learners.length) {
        const cohortIds = [...new Set(learners.map((l) => l.cohortId))];
        const roadmapIds = [...new Set(learners.map((l) => l.roadmapId))];
        const [assignments, placed, verified] = await Promise.all([
          tx
            .select()
            .from(stageAssignments)
            .where(
              and(
                eq(stageAssignments.orgId, org.id),
                inArray(stageAssignments.cohortId, cohortIds),
                isNull(stageAssignments.archivedAt),
              ),
            ),
          tx
            .select({
              roadmapId: roadmapSkills.roadmapId,
              skillId: roadmapSkills.skillId,
              endMonth: roadmapSkills.endMonth,
              title: skills.title,
              builtinKey: skills.builtinKey,
            })
            .from(roadmapSkills)
            .innerJoin(skills, and(eq(skills.orgId, roadmapSkills.orgId), eq(skills.id, roadmapSkills.skillId)))
            .where(
              and(
                eq(roadmapSkills.orgId, org.id),
                inArray(roadmapSkills.roadmapId, roadmapIds),
                isNull(roadmapSkills.archivedAt),
              ),
            ),
          tx
            .select({ learnerId: skillProgress.learnerId, skillId: skillProgress.skillId })
            .from(skillProgress)
            .where(
              and(
                eq(skillProgress.orgId, org.id),
                eq(skillProgress.status, 'verified'),
                inArray(
                  skillProgress.learnerId,
                  learners.map((l) => l.userId),
                ),
              ),
            ),
        ]);
        const horizon = addDaysToDate(today, DIGEST_DUE_WITHIN_DAYS);
        for (const l of learners) {
          const mine = placed.filter((p) => p.roadmapId === l.roadmapId);
          const endMonth = new Map(mine.map((p) => [p.skillId, p.endMonth]));
          const skill = new Map(mine.map((p) => [p.skillId, p]));
          const done = new Set(verified.filter((v) => v.learnerId === l.userId).map((v) => v.skillId));
          const { overdue, upcoming } = overdueFor(
            l.userId,
            l.start,
            today,
            assignments.filter((a) => a.cohortId === l.cohortId),
            endMonth,
            done,
          );
          const soon = upcoming.filter((u) => u.dueDate <= horizon);
          if (overdue.length === 0 && soon.length === 0) continue;
          const locale = resolveLocale(l.locale, org.defaultLocale);
          const titleOf = (skillId: string) => {
            const row = skill.get(skillId);
            return row ? skillTitle(locale, row) : '';
          };
          const link = `${deps.publicUrl}/o/${org.slug}/my-roadmap`;
          const lines = [
            t(locale, 'common.greeting', { name: l.name }),
            '',
            t(locale, 'digest.learner.intro', { org: org.name, cohort: l.cohortName }),
            ...(overdue.length
              ? [
                  '',
                  t(locale, 'digest.learner.overdue'),
                  ...overdue.map((o) =>
                    t(locale, 'digest.learner.overdueItem', {
                      skill: titleOf(o.skillId),
                      date: formatDay(locale, o.dueDate),
                      ago: t(locale, 'common.daysAgo', { count: o.days }),
                    }),
                  ),
                ]
              : []),
            ...(soon.length
              ? [
                  '',
                  t(locale, 'digest.learner.soon', { count: DIGEST_DUE_WITHIN_DAYS }),
                  ...soon.map((u) =>
                    t(locale, 'digest.learner.soonItem', {
                      skill: titleOf(u.skillId),
                      date: formatDay(locale, u.dueDate),
                    }),
                  ),
                ]
              : []),
            '',
            link,
            '',
            t(locale, 'digest.optOut'),
          ];
          const summary = t(locale, 'digest.learner.summary', {
            overdue: t(locale, 'digest.learner.overdueCount', { count: overdue.length }),
            soon: t(locale, 'digest.learner.soonCount', { count: soon.length }),
          });
          await deps.email.send(tx, {
            orgId: org.id,
            to: l.email,
            subject: t(locale, 'digest.subject', { summary }),
            text: lines.join('\n'),
            link,
          });
          count++;
        }
      }
      // mentors: submissions of their cohorts waiting more than 3 days
      const waitingSince = new Date(now.getTime() - DIGEST_WAITING_DAYS * 86_400_000);
      const waiting = await tx
        .select({
          mentorId: cohortMembers.userId,
          email: users.email,
          name: users.name,
          locale: users.locale,
          title: submissions.title,
          submissionId: submissions.id,
          submittedAt: submissions.submittedAt,
        })
        .from(submissions)
        .innerJoin(
          cohortMembers,
          and(
            eq(cohortMembers.orgId, submissions.orgId),
            eq(cohortMembers.cohortId, submissions.cohortId),
            eq(cohortMembers.role, 'mentor'),
          ),
        )
        // mentors who still hold a role that may mentor (shared/src/access.ts MENTOR_ROLES)
        .innerJoin(
          memberships,
          and(
            eq(memberships.orgId, cohortMembers.orgId),
            eq(memberships.userId, cohortMembers.userId),
            inArray(memberships.role, [...MENTOR_ROLES]),
          ),
        )
        .innerJoin(users, eq(users.id, cohortMembers.userId))
        .where(
          and(
            eq(submissions.orgId, org.id),
            inArray(submissions.status, ['submitted', 'in_review']),
            lt(submissions.submittedAt, waitingSince),
            eq(users.digestOptOut, false),
          ),
        );
      const byMentor = new Map<string, typeof waiting>();
      for (const w of waiting) byMentor.set(w.mentorId, [...(byMentor.get(w.mentorId) ?? []), w]);
      for (const items of byMentor.values()) {
        const m = items[0]!;
        const locale = resolveLocale(m.locale, org.defaultLocale);
        const link = `${deps.publicUrl}/o/${org.slug}/review-queue`;
        const lines = [
          t(locale, 'common.greeting', { name: m.name }),
          '',
          t(locale, 'digest.mentor.intro', {
            count: items.length,
            org: org.name,
            days: t(locale, 'common.days', { count: DIGEST_WAITING_DAYS }),
          }),
          ...items.map((i) =>
            t(locale, 'digest.mentor.item', {
              title: i.title,
              days: t(locale, 'common.days', { count: daysBetween(i.submittedAt.toISOString().slice(0, 10), today) }),
              link: `${deps.publicUrl}/o/${org.slug}/submissions/${i.submissionId}`,
            }),
          ),
          '',
          link,
          '',
          t(locale, 'digest.optOut'),
        ];
        await deps.email.send(tx, {
          orgId: org.id,
          to: m.email,
          subject: t(locale, 'digest.subject', {
            summary: t(locale, 'digest.mentor.summary', { count: items.length }),
          }),
          text: lines.join('\n'),
          link,
        });
        count++;
      }
      return count;
    });
  }
  deps.logger.info({ sent }, 'daily digest sent');
  return { sent };
}
