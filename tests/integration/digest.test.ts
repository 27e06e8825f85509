import { emailOutbox } from '@masar/drizzle';
import { withRls } from '@masar/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addMember, createOrg, createUser } from '../helpers/factories';

let database: TestDatabase;
let deps: TestDeps;
const NOW = new Date('2026-11-27T04:00:00Z'); // 06:00 in Cairo

beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database);
  deps.now = () => NOW;
});
afterAll(async () => {
  await database?.destroy();
});

describe('daily digest (on a fixed clock)', () => {
  it('tells learners what is due within 7 days or overdue, and mentors what waits over 3 days; opt-out respected', async () => {
    const owner = await createUser(deps);
    const org = await createOrg(owner);
    const s = org.slug;
    const orgId = (await owner.caller.org.get({ orgSlug: s })).id;
    const mentor = await addMember(deps, owner, s, 'mentor', 'Mentor M');
    const late = await addMember(deps, owner, s, 'learner', 'Late Learner');
    const quiet = await addMember(deps, owner, s, 'learner', 'Quiet Learner');
    const [roadmap] = await owner.caller.roadmap.list({ orgSlug: s });
    const full = await owner.caller.roadmap.get({ orgSlug: s, roadmapId: roadmap!.id });
    // started 1 Aug: the 0–3 month skills were due 1 Nov (overdue); 3–6 due 1 Feb
    const cohort = await mentor.caller.cohort.create({
      orgSlug: s,
      name: 'Digest cohort',
      roadmapId: roadmap!.id,
      startDate: '2026-08-01',
    });
    await mentor.caller.cohort.addMembers({
      orgSlug: s,
      cohortId: cohort.id,
      members: [
        { userId: late.user.id, role: 'learner' },
        { userId: quiet.user.id, role: 'learner' },
      ],
    });
    await mentor.caller.cohort.assign({ orgSlug: s, cohortId: cohort.id, stageId: full.stages[0]!.id });
    // docker due in 3 days for everyone
    await mentor.caller.cohort.assign({
      orgSlug: s,
      cohortId: cohort.id,
      skillIds: [full.skills.find((x) => x.key === 'docker')!.skillId],
      dueDate: '2026-11-30',
    });
    await quiet.caller.auth.updateProfile({ digestOptOut: true });
    // a submission waiting 5 days
    const sub = await late.caller.submission.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/late/api',
      claimedSkillIds: [full.skills[0]!.skillId],
      title: 'Waiting API',
    });
    await withRls(database, { orgId }, (tx) =>
      tx.execute(
        sql`update submissions set submitted_at = ${'2026-11-22T10:00:00Z'}::timestamptz where id = ${sub.submissionId}`,
      ),
    );
    await withRls(database, { orgId }, (tx) => tx.execute(sql`delete from email_outbox`));

    await deps.jobs.runDigest();

    const mails = await withRls(database, { orgId }, (tx) => tx.select().from(emailOutbox));
    const to = (email: string) => mails.filter((m) => m.toEmail === email);
    const learnerMail = to(late.user.email);
    expect(learnerMail).toHaveLength(1);
    expect(learnerMail[0]!.subject).toBe('Masar digest: 5 overdue, 1 due soon');
    expect(learnerMail[0]!.bodyText).toContain('due 2026-11-01, 26 days ago');
    expect(learnerMail[0]!.bodyText).toContain('(due 2026-11-30)');
    expect(to(quiet.user.email)).toHaveLength(0);
    const mentorMail = to(mentor.user.email);
    expect(mentorMail).toHaveLength(1);
    expect(mentorMail[0]!.bodyText).toContain('Waiting API (waiting 5 days)');
  });
});
