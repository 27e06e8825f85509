-- Row-level security for portfolio links and consents (as 0001_rls).
ALTER TABLE "portfolio_links" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "portfolio_links" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "portfolio_links_tenant_isolation" ON "portfolio_links" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "learner_consents" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "learner_consents" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "learner_consents_tenant_isolation" ON "learner_consents" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
-- Opening a public portfolio link: the holder of the token may read that one link.
CREATE POLICY "portfolio_links_by_token" ON "portfolio_links" FOR SELECT USING ("token_hash" = (select nullif(current_setting('app.portfolio_token_hash', true), '')));
