-- Row-level security for credential signing keys (as 0001_rls).
ALTER TABLE "credential_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "credential_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "credential_keys_tenant_isolation" ON "credential_keys" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
