-- Row-level security on every tenant table (defence in depth under the explicit org_id filters).
-- The app role is never a superuser (checked at start-up), and FORCE makes the policies bind the
-- table owner too. Settings are transaction-local (set_config(..., true)), see server/src/db/tenant.ts.
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "memberships_tenant_isolation" ON "memberships" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "invitations_tenant_isolation" ON "invitations" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "email_outbox" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "email_outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "email_outbox_tenant_isolation" ON "email_outbox" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "audit_events_tenant_isolation" ON "audit_events" USING ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));
--> statement-breakpoint
-- A signed-in user may list their own memberships across organisations (the org switcher).
CREATE POLICY "memberships_self_read" ON "memberships" FOR SELECT USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));
--> statement-breakpoint
-- Opening an invitation link: the holder of the token may read that one invitation.
CREATE POLICY "invitations_by_token" ON "invitations" FOR SELECT USING ("token_hash" = (select nullif(current_setting('app.invite_token_hash', true), '')));
--> statement-breakpoint
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_change" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
