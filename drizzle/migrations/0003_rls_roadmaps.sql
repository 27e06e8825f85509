-- Row-level security for the roadmap and cohort tables (same policy as 0001_rls).
ALTER TABLE "skills" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "skills" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "skills_tenant_isolation" ON "skills" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "roadmaps" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "roadmaps" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "roadmaps_tenant_isolation" ON "roadmaps" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "roadmap_stages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "roadmap_stages" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "roadmap_stages_tenant_isolation" ON "roadmap_stages" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "roadmap_skills" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "roadmap_skills" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "roadmap_skills_tenant_isolation" ON "roadmap_skills" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "project_briefs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "project_briefs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "project_briefs_tenant_isolation" ON "project_briefs" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "resources" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "resources" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "resources_tenant_isolation" ON "resources" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "cohorts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "cohorts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "cohorts_tenant_isolation" ON "cohorts" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "cohort_members" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "cohort_members" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "cohort_members_tenant_isolation" ON "cohort_members" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "stage_assignments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "stage_assignments" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "stage_assignments_tenant_isolation" ON "stage_assignments" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "skill_progress" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "skill_progress" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "skill_progress_tenant_isolation" ON "skill_progress" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
