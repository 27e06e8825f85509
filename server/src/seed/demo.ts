import { randomUUID } from 'node:crypto';
import {
  auditEvents,
  cohortMembers,
  cohorts,
  memberships,
  organizations,
  repoAnalyses,
  reviewSkillRatings,
  reviews,
  skillProgress,
  stageAssignments,
  submissionRevisions,
  submissions,
  users,
} from '@masar/drizzle';
import { type AnalysisSignal, addMonthsToDate, BUILTIN_ROADMAP, todayIn } from '@masar/shared';
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { applyRlsScope, inTransaction } from '../db/tenant';
import { getRoadmap, seedBuiltinRoadmap } from '../features/roadmaps/service';
import { hashPassword } from '../lib/passwords';

export const DEMO_ORG_SLUG = 'alex-demo';
export const DEMO_PASSWORD = 'masar-demo-2026';
export const DEMO_LOGINS = {
  admin: 'admin@demo.masar.test',
  mentor: 'mentor@demo.masar.test',
  learner: 'learner01@demo.masar.test',
  viewer: 'manager@demo.masar.test',
};

const LEARNER_NAMES = [
  'Salma Farouk',
  'Omar Khaled',
  'Nour El-Din Adel',
  'Mariam Hassan',
  'Youssef Tarek',
  'Habiba Mostafa',
  'Karim Samir',
  'Aya Ibrahim',
  'Mahmoud Gamal',
  'Farida Sherif',
  'Ziad Ashraf',
  'Laila Mahmoud',
  'Hassan Nabil',
  'Rana Wael',
  'Mostafa Yehia',
  'Jana Osama',
  'Ali Reda',
  'Malak Hesham',
  'Seif Amr',
  'Nada Fathy',
];

/** A small deterministic PRNG (mulberry32), so the demo looks the same on every fresh start. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function demoExists(database: Database): Promise<boolean> {
  const [row] = await database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, DEMO_ORG_SLUG))
    .limit(1);
  return Boolean(row);
}

/**
 * Seeds a clearly labelled demo organisation: an Alexandria bootcamp whose 20-learner cohort
 * started five months ago, with varied progress, submissions in every state, reviews and analyses.
 * Idempotent: does nothing when the demo organisation exists.
 */
export async function seedDemo(database: Database, now = new Date()): Promise<boolean> {
  if (await demoExists(database)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const random = rng(20261127);
  const today = todayIn('Africa/Cairo', now);
  const cohortStart = addMonthsToDate(today, -5);
  const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);

  await inTransaction(database.db, async (tx) => {
    const orgId = randomUUID();
    const person = (name: string, email: string) => ({
      id: randomUUID(),
      name,
      email,
      emailNormalized: email,
      passwordHash,
      githubLogin: null as string | null,
    });
    const admin = person('Demo Admin (Alexandria)', DEMO_LOGINS.admin);
    const mentor = person('Heba Mentor', DEMO_LOGINS.mentor);
    const mentor2 = person('Sherif Mentor', 'mentor2@demo.masar.test');
    const viewer = person('Company Manager', DEMO_LOGINS.viewer);
    const learners = LEARNER_NAMES.map((name, i) => ({
      ...person(name, `learner${String(i + 1).padStart(2, '0')}@demo.masar.test`),
      githubLogin: `demo-learner-${i + 1}`,
    }));
    await tx.insert(users).values([admin, mentor, mentor2, viewer, ...learners]);
    await tx.insert(organizations).values({
      id: orgId,
      slug: DEMO_ORG_SLUG,
      name: 'Alexandria Backend Bootcamp (demo)',
      kind: 'bootcamp',
      timeZone: 'Africa/Cairo',
    });
    await applyRlsScope(tx, database, { orgId, userId: admin.id });
    const tenant = { orgId, userId: admin.id };
    await tx
      .insert(memberships)
      .values([
        { orgId, userId: admin.id, role: 'owner' },
        { orgId, userId: mentor.id, role: 'mentor' },
        { orgId, userId: mentor2.id, role: 'mentor' },
        { orgId, userId: viewer.id, role: 'viewer' },
        ...learners.map((l) => ({ orgId, userId: l.id, role: 'learner' as const })),
      ]);
    const { roadmapId } = await seedBuiltinRoadmap(tx, tenant);
    const full = await getRoadmap(tx, tenant, { roadmapId });
    const skillOf = new Map(full.skills.map((s) => [s.key, s]));
    const cohortId = randomUUID();
    await tx.insert(cohorts).values({
      orgId,
      id: cohortId,
      roadmapId,
      name: 'Alexandria Winter Cohort (demo)',
      startDate: cohortStart,
      createdBy: admin.id,
    });
    await tx.insert(cohortMembers).values([
      { orgId, cohortId, userId: mentor.id, role: 'mentor' },
      { orgId, cohortId, userId: mentor2.id, role: 'mentor' },
      ...learners.map((l, i) => ({
        orgId,
        cohortId,
        userId: l.id,
        role: 'learner' as const,
        // two hires who joined a month later
        personalStartDate: i >= 18 ? addMonthsToDate(cohortStart, 1) : null,
      })),
    ]);
    const stage = (key: string) => full.stages.find((s) => s.key === key)!;
    const inStage = (key: string) => full.skills.filter((s) => s.stageId === stage(key).id);
    await tx.insert(stageAssignments).values([
      {
        orgId,
        cohortId,
        stageId: stage('beginner-to-junior').id,
        skillIds: inStage('beginner-to-junior').map((s) => s.skillId),
        dueDate: addMonthsToDate(cohortStart, 6),
        dueOffsetMonths: 6,
        note: 'The first six months: fundamentals, one backend language, SQL, HTTP, auth, REST, Git and a first deployment.',
        createdBy: mentor.id,
      },
      {
        orgId,
        cohortId,
        stageId: null,
        skillIds: ['testing', 'docker'].map((k) => skillOf.get(k)!.skillId),
        dueDate: addMonthsToDate(cohortStart, 8),
        dueOffsetMonths: null,
        note: 'Early start on tests and containers.',
        createdBy: mentor.id,
      },
    ]);

    // Progress: a spread from well ahead to well behind. Each learner verifies skills in roadmap
    // order, each at a date within (or a little after) its window.
    const ordered = [...full.skills].sort((a, b) => a.endMonth - b.endMonth || a.position - b.position);
    const progressRows: (typeof skillProgress.$inferInsert)[] = [];
    learners.forEach((l, i) => {
      const start = i >= 18 ? addMonthsToDate(cohortStart, 1) : cohortStart;
      const pace = [2.6, 2.2, 1.8, 1.5, 1.25, 1.1, 1, 1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.45, 0.35, 1, 0.6][
        i
      ]!;
      for (const s of ordered) {
        const month = (s.startMonth + (s.endMonth - s.startMonth) * (0.25 + random() * 0.55)) / pace;
        const date = addMonthsToDate(start, Math.floor(month));
        if (date > today) {
          if (random() < 0.35 && s.startMonth <= 6) {
            progressRows.push({
              orgId,
              learnerId: l.id,
              skillId: s.skillId,
              status: 'learning',
              learningAt: at(today, 8),
              selfMarked: true,
              updatedAt: at(today, 8),
            });
          }
          continue;
        }
        const evidencedOnly = random() < 0.08;
        progressRows.push({
          orgId,
          learnerId: l.id,
          skillId: s.skillId,
          status: evidencedOnly ? 'evidenced' : 'verified',
          evidencedAt: at(date),
          verifiedAt: evidencedOnly ? null : at(date, 15),
          updatedAt: at(date, 15),
        });
      }
    });
    if (progressRows.length) await tx.insert(skillProgress).values(progressRows);

    // Submissions in every state, with revisions, reviews and stored analyses.
    const brief = (key: string) => full.briefs.find((b) => b.key === key)!;
    const plan: {
      learner: number;
      repo: string;
      brief: string;
      status: 'submitted' | 'in_review' | 'changes_requested' | 'approved' | 'withdrawn';
      daysAgo: number;
      track: string;
    }[] = [
      { learner: 0, repo: 'salma-farouk/auth-api', brief: 'auth-api', status: 'approved', daysAgo: 40, track: 'node' },
      {
        learner: 0,
        repo: 'salma-farouk/shop-backend',
        brief: 'ecommerce-backend',
        status: 'submitted',
        daysAgo: 2,
        track: 'node',
      },
      {
        learner: 1,
        repo: 'omar-khaled/django-auth',
        brief: 'auth-api',
        status: 'approved',
        daysAgo: 35,
        track: 'python',
      },
      {
        learner: 2,
        repo: 'nour-adel/laravel-store',
        brief: 'ecommerce-backend',
        status: 'changes_requested',
        daysAgo: 9,
        track: 'php',
      },
      {
        learner: 3,
        repo: 'mariam-hassan/notes-api',
        brief: 'auth-api',
        status: 'in_review',
        daysAgo: 4,
        track: 'node',
      },
      {
        learner: 5,
        repo: 'habiba-m/chat-service',
        brief: 'realtime-service',
        status: 'submitted',
        daysAgo: 6,
        track: 'node',
      },
      {
        learner: 7,
        repo: 'aya-ibrahim/spring-auth',
        brief: 'auth-api',
        status: 'submitted',
        daysAgo: 1,
        track: 'java',
      },
      {
        learner: 9,
        repo: 'farida-sherif/flask-api',
        brief: 'auth-api',
        status: 'withdrawn',
        daysAgo: 20,
        track: 'python',
      },
      {
        learner: 12,
        repo: 'hassan-nabil/go-orders',
        brief: 'ecommerce-backend',
        status: 'changes_requested',
        daysAgo: 15,
        track: 'go',
      },
    ];
    for (const p of plan) {
      const learner = learners[p.learner]!;
      const [owner, name] = p.repo.split('/') as [string, string];
      const submittedAt = new Date(now.getTime() - p.daysAgo * 86_400_000);
      const b = brief(p.brief);
      const claimed = b.skillIds;
      const revisions = p.status === 'approved' || p.status === 'changes_requested' ? 2 : 1;
      const id = randomUUID();
      await tx.insert(submissions).values({
        orgId,
        id,
        learnerId: learner.id,
        cohortId,
        briefId: b.id,
        repoOwner: owner,
        repoName: name,
        dedupeKey: `${p.repo}#${b.id}`,
        title: b.title,
        status: p.status,
        currentRevision: revisions,
        version: revisions + (p.status === 'submitted' ? 0 : 1),
        approvedSha: p.status === 'approved' ? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' : null,
        submittedAt,
      });
      for (let r = 1; r <= revisions; r++) {
        await tx.insert(submissionRevisions).values({
          orgId,
          submissionId: id,
          revision: r,
          title: b.title,
          note: r === 1 ? 'First version, feedback welcome.' : 'Added tests and a Dockerfile as suggested.',
          claimedSkillIds: claimed,
          createdAt: new Date(submittedAt.getTime() - (revisions - r) * 5 * 86_400_000),
        });
      }
      if (revisions === 2) {
        await tx.insert(reviews).values({
          orgId,
          submissionId: id,
          revision: 1,
          reviewerId: mentor.id,
          decision: 'changes_requested',
          comment: 'Good start. Please add **integration tests** for the login flow and a `Dockerfile`.',
          createdAt: new Date(submittedAt.getTime() - 4 * 86_400_000),
        });
      }
      if (p.status === 'approved' || p.status === 'changes_requested') {
        const reviewId = randomUUID();
        const approved = p.status === 'approved';
        await tx.insert(reviews).values({
          orgId,
          id: reviewId,
          submissionId: id,
          revision: revisions,
          reviewerId: mentor.id,
          decision: p.status,
          comment: approved
            ? 'Clean structure and good tests. Approved — well done!'
            : 'Closer. The order totals are still computed in the controller; move them into a service and test them.',
          createdAt: new Date(submittedAt.getTime() + 86_400_000),
        });
        await tx.insert(reviewSkillRatings).values(
          claimed.map((skillId, k) => ({
            orgId,
            reviewId,
            skillId,
            rating: (approved
              ? k % 4 === 3
                ? 'partial'
                : 'demonstrated'
              : k % 2
                ? 'partial'
                : 'not_shown') as 'partial',
          })),
        );
      }
      const signals = demoSignals(p.track);
      await tx.insert(repoAnalyses).values({
        orgId,
        submissionId: id,
        status: p.learner === 7 ? 'queued' : 'done',
        headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        etag: 'W/"demo"',
        apiCalls: 6,
        analysedAt: submittedAt,
        result:
          p.learner === 7
            ? null
            : {
                repo: {
                  fullName: p.repo,
                  htmlUrl: `https://github.com/${p.repo}`,
                  description: `${b.title} — demo repository`,
                  defaultBranch: 'main',
                  headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
                  pushedAt: submittedAt.toISOString(),
                  stars: Math.floor(random() * 12),
                  license: 'MIT',
                  topics: ['backend', 'portfolio'],
                  archived: false,
                  fork: false,
                },
                languages: signals.languages,
                primaryLanguage: Object.keys(signals.languages)[0] ?? null,
                track: p.track,
                tree: { fileCount: 40 + Math.floor(random() * 80), truncated: false },
                manifests: [{ path: signals.manifest, status: 'read' }],
                signals: signals.signals,
                suggestedSkills: [...new Set(signals.signals.flatMap((s) => s.skillKeys))].sort(),
                authorship: { login: learner.githubLogin, authored: 18, total: 20, share: 0.9 },
                notes: [],
              },
      });
    }
    await tx.insert(auditEvents).values({
      orgId,
      actorUserId: admin.id,
      action: 'org.created',
      targetType: 'organization',
      targetId: orgId,
      details: { demo: true },
    });
  });
  return true;
}

function demoSignals(track: string): {
  languages: Record<string, number>;
  manifest: string;
  signals: AnalysisSignal[];
} {
  const byTrack: Record<string, { languages: Record<string, number>; manifest: string; framework: string }> = {
    node: {
      languages: { TypeScript: 84_000, JavaScript: 6_000, Dockerfile: 400 },
      manifest: 'package.json',
      framework: 'express',
    },
    python: { languages: { Python: 61_000, HTML: 4_000 }, manifest: 'requirements.txt', framework: 'django' },
    php: { languages: { PHP: 72_000, Blade: 9_000 }, manifest: 'composer.json', framework: 'laravel/framework' },
    java: { languages: { Java: 95_000 }, manifest: 'pom.xml', framework: 'spring-boot' },
    go: { languages: { Go: 48_000, Makefile: 900 }, manifest: 'go.mod', framework: 'gin-gonic/gin' },
  };
  const t = byTrack[track] ?? byTrack.node!;
  const [top, topBytes] = Object.entries(t.languages)[0]!;
  const totalBytes = Object.values(t.languages).reduce((a, b) => a + b, 0);
  return {
    languages: t.languages,
    manifest: t.manifest,
    signals: [
      {
        key: 'language',
        skillKeys: ['backend-language'],
        evidence: [
          { kind: 'language', name: top, percent: Math.round((topBytes / totalBytes) * 100) },
          { kind: 'file', path: t.manifest },
        ],
      },
      {
        key: 'framework',
        skillKeys: ['backend-language', 'first-api'],
        evidence:
          t.manifest === 'pom.xml'
            ? [{ kind: 'mention', manifest: t.manifest, text: t.framework }]
            : [{ kind: 'dependency', manifest: t.manifest, name: t.framework }],
      },
      {
        key: 'tests',
        skillKeys: ['testing'],
        evidence: [
          { kind: 'file', path: 'tests/' },
          { kind: 'more', count: 6 },
        ],
      },
      { key: 'ci', skillKeys: ['ci-cd'], evidence: [{ kind: 'file', path: '.github/workflows/ci.yml' }] },
      { key: 'docker', skillKeys: ['docker'], evidence: [{ kind: 'file', path: 'Dockerfile' }] },
    ],
  };
}

export const DEMO_SKILL_COUNT = BUILTIN_ROADMAP.skills.length;
