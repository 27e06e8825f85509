import { emailOutbox } from '@masar/drizzle';
import { withScope } from '@masar/server';
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
    // Arabic readers: by their own locale (the organisation's default stays English)
    const laila = await addMember(deps, owner, s, 'learner', 'ليلى حسن');
    await laila.caller.auth.updateProfile({ locale: 'ar' });
    const arMentor = await addMember(deps, owner, s, 'mentor', 'Arabic Mentor');
    await arMentor.caller.auth.updateProfile({ locale: 'ar' });
    const [roadmap] = await owner.caller.roadmaps.list({ orgSlug: s });
    const full = await owner.caller.roadmaps.get({ orgSlug: s, roadmapId: roadmap!.id });
    // started 1 Aug: the 0–3 month skills were due 1 Nov (overdue); 3–6 due 1 Feb
    const cohort = await mentor.caller.cohorts.create({
      orgSlug: s,
      name: 'Digest cohort',
      roadmapId: roadmap!.id,
      startDate: '2026-08-01',
    });
    await mentor.caller.cohorts.addMembers({
      orgSlug: s,
      cohortId: cohort.id,
      members: [
        { userId: late.user.id, role: 'learner' },
        { userId: quiet.user.id, role: 'learner' },
        { userId: laila.user.id, role: 'learner' },
        { userId: arMentor.user.id, role: 'mentor' },
      ],
    });
    await mentor.caller.cohorts.assign({ orgSlug: s, cohortId: cohort.id, stageId: full.stages[0]!.id });
    // docker due in 3 days for everyone
    await mentor.caller.cohorts.assign({
      orgSlug: s,
      cohortId: cohort.id,
      skillIds: [full.skills.find((x) => x.key === 'docker')!.skillId],
      dueDate: '2026-11-30',
    });
    await quiet.caller.auth.updateProfile({ digestOptOut: true });
    // a submission waiting 5 days
    const sub = await late.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/late/api',
      claimedSkillIds: [full.skills[0]!.skillId],
      title: 'Waiting API',
    });
    await withScope(database, { orgId }, (tx) =>
      tx.execute(
        sql`update submissions set submitted_at = ${'2026-11-22T10:00:00Z'}::timestamptz where id = ${sub.submissionId}`,
      ),
    );
    await withScope(database, { orgId }, (tx) => tx.execute(sql`delete from email_outbox`));

    await deps.jobs.runDigest();

    const mails = await withScope(database, { orgId }, (tx) => tx.select().from(emailOutbox));
    const to = (email: string) => mails.filter((m) => m.toEmail === email);
    const learnerMail = to(late.user.email);
    expect(learnerMail).toHaveLength(1);
    expect(learnerMail[0]!.subject).toBe('Masar digest: 5 overdue, 1 due soon');
    expect(learnerMail[0]!.bodyText).toContain('Hello Late Learner,');
    expect(learnerMail[0]!.bodyText).toContain('- SQL and relational basics (due Nov 1, 2026, 26 days ago)');
    expect(learnerMail[0]!.bodyText).toContain('Due in the next 7 days:\n- Containers with Docker (due Nov 30, 2026)');
    expect(learnerMail[0]!.bodyText).toContain('You can turn these digests off on your account page.');
    expect(to(quiet.user.email)).toHaveLength(0);
    const mentorMail = to(mentor.user.email);
    expect(mentorMail).toHaveLength(1);
    expect(mentorMail[0]!.subject).toBe('Masar digest: 1 submission waiting for review');
    expect(mentorMail[0]!.bodyText).toContain('1 submission in Org');
    expect(mentorMail[0]!.bodyText).toContain('has waited more than 3 days for a review:');
    expect(mentorMail[0]!.bodyText).toContain('Waiting API (waiting 5 days)');

    // the Arabic learner's digest: Arabic sentences, plural forms, built-in skill titles in Arabic,
    // dates by Intl in Arabic; names wrapped in Unicode isolates
    const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');
    const arMail = to(laila.user.email);
    expect(arMail).toHaveLength(1);
    expect(arMail[0]!.subject).toBe('ملخص مسار: 5 مهارات متأخرة، مهارة واحدة يقترب موعدها');
    const arBody = arMail[0]!.bodyText;
    expect(arBody).toContain('مرحبًا \u2068ليلى حسن\u2069،');
    expect(plain(arBody)).toContain('مسارك في Org');
    expect(plain(arBody)).toContain('\nمتأخرة:\n');
    const day = (iso: string) =>
      new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    expect(plain(arBody)).toContain(
      `- أساسيات SQL وقواعد البيانات العلائقية (موعدها ${day('2026-11-01')}، منذ 26 يومًا)`,
    );
    expect(plain(arBody)).toContain(`المستحقة خلال 7 أيام:\n- الحاويات باستخدام Docker (موعدها ${day('2026-11-30')})`);
    expect(arBody).toContain('يمكنك إيقاف هذه الملخصات من صفحة حسابك.');
    expect(arBody).not.toMatch(/Hello|Overdue|due soon|digests off/);
    // the Arabic mentor's digest
    const arMentorMail = to(arMentor.user.email);
    expect(arMentorMail).toHaveLength(1);
    expect(arMentorMail[0]!.subject).toBe('ملخص مسار: تسليم واحد بانتظار المراجعة');
    expect(plain(arMentorMail[0]!.bodyText)).toContain('ينتظر المراجعة منذ أكثر من 3 أيام:');
    expect(plain(arMentorMail[0]!.bodyText)).toContain('- Waiting API (بانتظار المراجعة منذ 5 أيام) http://');
  });
});
