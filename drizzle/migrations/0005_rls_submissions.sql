-- Row-level security for submissions and reviews (as 0001_rls); reviews and their ratings are append-only.
ALTER TABLE "submissions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "submissions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "submissions_tenant_isolation" ON "submissions" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "submission_revisions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "submission_revisions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "submission_revisions_tenant_isolation" ON "submission_revisions" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "reviews" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "reviews" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "reviews_tenant_isolation" ON "reviews" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "review_skill_ratings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "review_skill_ratings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "review_skill_ratings_tenant_isolation" ON "review_skill_ratings" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "repo_analyses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "repo_analyses" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "repo_analyses_tenant_isolation" ON "repo_analyses" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
CREATE FUNCTION "reviews_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reviews are append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "reviews_no_change" BEFORE UPDATE OR DELETE ON "reviews" FOR EACH ROW EXECUTE FUNCTION "reviews_append_only"();
--> statement-breakpoint
CREATE TRIGGER "review_skill_ratings_no_change" BEFORE UPDATE OR DELETE ON "review_skill_ratings" FOR EACH ROW EXECUTE FUNCTION "reviews_append_only"();
