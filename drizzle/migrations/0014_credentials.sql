CREATE TABLE "credential_keys" (
	"org_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"encrypted_private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "credential_keys_org_id_kid_pk" PRIMARY KEY("org_id","kid")
);
--> statement-breakpoint
ALTER TABLE "credential_keys" ADD CONSTRAINT "credential_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;