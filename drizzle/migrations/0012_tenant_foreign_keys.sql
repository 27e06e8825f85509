-- Tenant-composite foreign keys (decision 018): (org_id, x_id) → (org_id, id) between tenant tables,
-- so the database itself refuses a reference to a missing row or to another organisation's row.
-- ON DELETE NO ACTION everywhere: the app never hard-deletes a referenced row (it archives or
-- withdraws), and deleting an organisation still cascades through every table (the checks run
-- after the cascades of the same statement).
--
-- Orphan check first: if any child row points at a row that does not exist in its own organisation,
-- stop here with the table and constraint named, instead of failing on a bare constraint error.
-- It runs one organisation at a time with app.org_id set, so it sees the rows whether the migrating
-- role is bound by row-level security (the app role owns the tables; FORCE binds it) or bypasses it.
DO $$
DECLARE
  fk record;
  org uuid;
  q text;
  orphans bigint;
  previous text := current_setting('app.org_id', true);
BEGIN
  FOR org IN SELECT id FROM organizations ORDER BY id LOOP
    PERFORM set_config('app.org_id', org::text, true);
    FOR fk IN SELECT * FROM (VALUES
    ('cohort_members_cohort_fk', 'cohort_members', ARRAY['cohort_id'], 'cohorts', ARRAY['id']),
    ('cohorts_roadmap_fk', 'cohorts', ARRAY['roadmap_id'], 'roadmaps', ARRAY['id']),
    ('feedback_snippets_skill_fk', 'feedback_snippets', ARRAY['skill_id'], 'skills', ARRAY['id']),
    ('invitations_cohort_fk', 'invitations', ARRAY['cohort_id'], 'cohorts', ARRAY['id']),
    ('notifications_submission_fk', 'notifications', ARRAY['submission_id'], 'submissions', ARRAY['id']),
    ('project_briefs_roadmap_fk', 'project_briefs', ARRAY['roadmap_id'], 'roadmaps', ARRAY['id']),
    ('repo_analyses_submission_fk', 'repo_analyses', ARRAY['submission_id'], 'submissions', ARRAY['id']),
    ('resources_roadmap_fk', 'resources', ARRAY['roadmap_id'], 'roadmaps', ARRAY['id']),
    ('review_skill_ratings_review_fk', 'review_skill_ratings', ARRAY['review_id'], 'reviews', ARRAY['id']),
    ('review_skill_ratings_skill_fk', 'review_skill_ratings', ARRAY['skill_id'], 'skills', ARRAY['id']),
    ('reviews_revision_fk', 'reviews', ARRAY['submission_id', 'revision'], 'submission_revisions', ARRAY['submission_id', 'revision']),
    ('roadmap_skills_roadmap_fk', 'roadmap_skills', ARRAY['roadmap_id'], 'roadmaps', ARRAY['id']),
    ('roadmap_skills_skill_fk', 'roadmap_skills', ARRAY['skill_id'], 'skills', ARRAY['id']),
    ('roadmap_skills_stage_fk', 'roadmap_skills', ARRAY['stage_id'], 'roadmap_stages', ARRAY['id']),
    ('roadmap_stages_roadmap_fk', 'roadmap_stages', ARRAY['roadmap_id'], 'roadmaps', ARRAY['id']),
    ('skill_progress_skill_fk', 'skill_progress', ARRAY['skill_id'], 'skills', ARRAY['id']),
    ('stage_assignments_cohort_fk', 'stage_assignments', ARRAY['cohort_id'], 'cohorts', ARRAY['id']),
    ('stage_assignments_stage_fk', 'stage_assignments', ARRAY['stage_id'], 'roadmap_stages', ARRAY['id']),
    ('submission_revisions_submission_fk', 'submission_revisions', ARRAY['submission_id'], 'submissions', ARRAY['id']),
    ('submissions_cohort_fk', 'submissions', ARRAY['cohort_id'], 'cohorts', ARRAY['id']),
    ('submissions_brief_fk', 'submissions', ARRAY['brief_id'], 'project_briefs', ARRAY['id'])
    ) AS v(name, child, child_cols, parent, parent_cols) LOOP
      SELECT format(
        'SELECT count(*) FROM %I c WHERE c.org_id = $1 AND %s AND NOT EXISTS (SELECT 1 FROM %I p WHERE p.org_id = c.org_id AND %s)',
        fk.child,
        (SELECT string_agg(format('c.%I IS NOT NULL', col), ' AND ') FROM unnest(fk.child_cols) AS col),
        fk.parent,
        (SELECT string_agg(format('p.%I = c.%I', pcol, ccol), ' AND ')
           FROM unnest(fk.parent_cols, fk.child_cols) AS x(pcol, ccol))
      ) INTO q;
      EXECUTE q INTO orphans USING org;
      IF orphans > 0 THEN
        RAISE EXCEPTION 'migration 0012 (tenant foreign keys): % row(s) of table "%" in organisation % reference a missing row of "%" (constraint %)',
          orphans, fk.child, org, fk.parent, fk.name
          USING HINT = 'Repair or delete those rows, then start the server again; nothing of this migration was applied.';
      END IF;
    END LOOP;
  END LOOP;
  PERFORM set_config('app.org_id', coalesce(previous, ''), true);
END
$$;
--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_cohort_fk" FOREIGN KEY ("org_id","cohort_id") REFERENCES "public"."cohorts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_roadmap_fk" FOREIGN KEY ("org_id","roadmap_id") REFERENCES "public"."roadmaps"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_snippets" ADD CONSTRAINT "feedback_snippets_skill_fk" FOREIGN KEY ("org_id","skill_id") REFERENCES "public"."skills"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_cohort_fk" FOREIGN KEY ("org_id","cohort_id") REFERENCES "public"."cohorts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_submission_fk" FOREIGN KEY ("org_id","submission_id") REFERENCES "public"."submissions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_briefs" ADD CONSTRAINT "project_briefs_roadmap_fk" FOREIGN KEY ("org_id","roadmap_id") REFERENCES "public"."roadmaps"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repo_analyses" ADD CONSTRAINT "repo_analyses_submission_fk" FOREIGN KEY ("org_id","submission_id") REFERENCES "public"."submissions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_roadmap_fk" FOREIGN KEY ("org_id","roadmap_id") REFERENCES "public"."roadmaps"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_skill_ratings" ADD CONSTRAINT "review_skill_ratings_review_fk" FOREIGN KEY ("org_id","review_id") REFERENCES "public"."reviews"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_skill_ratings" ADD CONSTRAINT "review_skill_ratings_skill_fk" FOREIGN KEY ("org_id","skill_id") REFERENCES "public"."skills"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_revision_fk" FOREIGN KEY ("org_id","submission_id","revision") REFERENCES "public"."submission_revisions"("org_id","submission_id","revision") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_skills" ADD CONSTRAINT "roadmap_skills_roadmap_fk" FOREIGN KEY ("org_id","roadmap_id") REFERENCES "public"."roadmaps"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_skills" ADD CONSTRAINT "roadmap_skills_skill_fk" FOREIGN KEY ("org_id","skill_id") REFERENCES "public"."skills"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_skills" ADD CONSTRAINT "roadmap_skills_stage_fk" FOREIGN KEY ("org_id","stage_id") REFERENCES "public"."roadmap_stages"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_stages" ADD CONSTRAINT "roadmap_stages_roadmap_fk" FOREIGN KEY ("org_id","roadmap_id") REFERENCES "public"."roadmaps"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_progress" ADD CONSTRAINT "skill_progress_skill_fk" FOREIGN KEY ("org_id","skill_id") REFERENCES "public"."skills"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_assignments" ADD CONSTRAINT "stage_assignments_cohort_fk" FOREIGN KEY ("org_id","cohort_id") REFERENCES "public"."cohorts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_assignments" ADD CONSTRAINT "stage_assignments_stage_fk" FOREIGN KEY ("org_id","stage_id") REFERENCES "public"."roadmap_stages"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_revisions" ADD CONSTRAINT "submission_revisions_submission_fk" FOREIGN KEY ("org_id","submission_id") REFERENCES "public"."submissions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_cohort_fk" FOREIGN KEY ("org_id","cohort_id") REFERENCES "public"."cohorts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_brief_fk" FOREIGN KEY ("org_id","brief_id") REFERENCES "public"."project_briefs"("org_id","id") ON DELETE no action ON UPDATE no action;