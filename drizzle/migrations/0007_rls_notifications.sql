-- Row-level security for notifications and feedback snippets (as 0001_rls).
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "notifications_tenant_isolation" ON "notifications" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "feedback_snippets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "feedback_snippets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "feedback_snippets_tenant_isolation" ON "feedback_snippets" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
