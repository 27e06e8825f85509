import { randomBytes, randomUUID } from 'node:crypto';
import { type Database, withScope } from '@masar/server';
import { sql } from 'drizzle-orm';

/** A predicate (SQL) that finds exactly the seeded row of one tenant table. */
export type SeededRows = Record<string, string>;

const q = (v: string) => `'${v.replaceAll("'", "''")}'`;

/**
 * One row of every tenant table for `orgId`, inserted parents first (so every tenant-composite
 * foreign key of decision 018 is satisfied) in one transaction scoped to that organisation.
 * `userId` must be a member of the org (memberships' row is the one org.create made). Returns, per
 * table, a predicate that matches the seeded row and nothing else.
 */
export async function seedEveryTenantTable(database: Database, orgId: string, userId: string): Promise<SeededRows> {
  const id = () => randomUUID();
  const hex = () => randomBytes(32).toString('hex');
  const skill = id();
  const roadmap = id();
  const stage = id();
  const brief = id();
  const resource = id();
  const cohort = id();
  const assignment = id();
  const submission = id();
  const review = id();
  const invitation = id();
  const outbox = id();
  const audit = id();
  const notification = id();
  const snippet = id();
  const link = id();
  const kid = hex();
  const key = `k-${randomBytes(4).toString('hex')}`;
  const u = q(userId);
  const o = q(orgId);
  const statements: [table: string, insert: string, row: string][] = [
    ['memberships', '', `user_id = ${u}`],
    [
      'skills',
      `insert into skills (org_id, id, key, title, category) values (${o}, '${skill}', '${key}', 'Seeded skill', 'backend')`,
      `id = '${skill}'`,
    ],
    ['roadmaps', `insert into roadmaps (org_id, id, title) values (${o}, '${roadmap}', 'Seeded')`, `id = '${roadmap}'`],
    [
      'roadmap_stages',
      `insert into roadmap_stages (org_id, id, roadmap_id, key, title, position, start_month, end_month)
       values (${o}, '${stage}', '${roadmap}', 's1', 'Stage', 0, 0, 2)`,
      `id = '${stage}'`,
    ],
    [
      'roadmap_skills',
      `insert into roadmap_skills (org_id, roadmap_id, skill_id, stage_id, start_month, end_month, position)
       values (${o}, '${roadmap}', '${skill}', '${stage}', 0, 2, 0)`,
      `roadmap_id = '${roadmap}' and skill_id = '${skill}'`,
    ],
    [
      'project_briefs',
      `insert into project_briefs (org_id, id, roadmap_id, key, title, skill_ids)
       values (${o}, '${brief}', '${roadmap}', 'b1', 'Brief', array['${skill}']::uuid[])`,
      `id = '${brief}'`,
    ],
    [
      'resources',
      `insert into resources (org_id, id, roadmap_id, title, kind, url)
       values (${o}, '${resource}', '${roadmap}', 'Docs', 'docs', 'https://example.com/docs')`,
      `id = '${resource}'`,
    ],
    [
      'cohorts',
      `insert into cohorts (org_id, id, roadmap_id, name, start_date) values (${o}, '${cohort}', '${roadmap}', 'C', '2026-09-01')`,
      `id = '${cohort}'`,
    ],
    [
      'cohort_members',
      `insert into cohort_members (org_id, cohort_id, user_id, role) values (${o}, '${cohort}', ${u}, 'learner')`,
      `cohort_id = '${cohort}'`,
    ],
    [
      'invitations',
      `insert into invitations (org_id, id, email, email_normalized, role, token_hash, expires_at, cohort_id, cohort_role)
       values (${o}, '${invitation}', 'x@example.test', 'x@example.test', 'learner', '${hex()}', now() + interval '1 day', '${cohort}', 'learner')`,
      `id = '${invitation}'`,
    ],
    [
      'stage_assignments',
      `insert into stage_assignments (org_id, id, cohort_id, stage_id, skill_ids, due_date)
       values (${o}, '${assignment}', '${cohort}', '${stage}', array['${skill}']::uuid[], '2026-12-01')`,
      `id = '${assignment}'`,
    ],
    [
      'skill_progress',
      `insert into skill_progress (org_id, learner_id, skill_id, status) values (${o}, ${u}, '${skill}', 'learning')`,
      `skill_id = '${skill}'`,
    ],
    [
      'submissions',
      `insert into submissions (org_id, id, learner_id, cohort_id, brief_id, repo_owner, repo_name, dedupe_key, title)
       values (${o}, '${submission}', ${u}, '${cohort}', '${brief}', 'acme', 'api', 'acme/api#${brief}', 'API')`,
      `id = '${submission}'`,
    ],
    [
      'submission_revisions',
      `insert into submission_revisions (org_id, submission_id, revision, title, claimed_skill_ids)
       values (${o}, '${submission}', 1, 'API', array['${skill}']::uuid[])`,
      `submission_id = '${submission}'`,
    ],
    [
      'reviews',
      `insert into reviews (org_id, id, submission_id, revision, reviewer_id, decision)
       values (${o}, '${review}', '${submission}', 1, ${u}, 'approved')`,
      `id = '${review}'`,
    ],
    [
      'review_skill_ratings',
      `insert into review_skill_ratings (org_id, review_id, skill_id, rating) values (${o}, '${review}', '${skill}', 'demonstrated')`,
      `review_id = '${review}'`,
    ],
    [
      'repo_analyses',
      `insert into repo_analyses (org_id, submission_id, status) values (${o}, '${submission}', 'failed')`,
      `submission_id = '${submission}'`,
    ],
    [
      'notifications',
      `insert into notifications (org_id, id, user_id, kind, submission_id, title)
       values (${o}, '${notification}', ${u}, 'submission.new', '${submission}', 'API')`,
      `id = '${notification}'`,
    ],
    [
      'feedback_snippets',
      `insert into feedback_snippets (org_id, id, owner_id, skill_id, title, body)
       values (${o}, '${snippet}', ${u}, '${skill}', 'Tests', 'Cover the error paths.')`,
      `id = '${snippet}'`,
    ],
    [
      'portfolio_links',
      `insert into portfolio_links (org_id, id, learner_id, token_hash) values (${o}, '${link}', ${u}, '${hex()}')`,
      `id = '${link}'`,
    ],
    [
      'learner_consents',
      `insert into learner_consents (org_id, learner_id, share_comments) values (${o}, ${u}, true)`,
      `learner_id = ${u}`,
    ],
    [
      'credential_keys',
      `insert into credential_keys (org_id, kid, public_jwk, encrypted_private_key)
       values (${o}, '${kid}', '{"kty":"OKP"}', 'v1.x.y.z')`,
      `kid = '${kid}'`,
    ],
    [
      'email_outbox',
      `insert into email_outbox (org_id, id, to_email, subject, body_text, transport)
       values (${o}, '${outbox}', 'x@example.test', 'Hello', 'Body', 'log')`,
      `id = '${outbox}'`,
    ],
    [
      'audit_events',
      `insert into audit_events (org_id, id, action, target_type) values (${o}, '${audit}', 'seeded', 'test')`,
      `id = '${audit}'`,
    ],
  ];
  await withScope(database, { orgId }, async (tx) => {
    for (const [, insert] of statements) if (insert) await tx.execute(sql.raw(insert));
  });
  return Object.fromEntries(statements.map(([table, , row]) => [table, `org_id = ${o} and ${row}`]));
}
