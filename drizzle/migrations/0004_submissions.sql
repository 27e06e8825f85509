CREATE TYPE "public"."analysis_status" AS ENUM('queued', 'running', 'done', 'not_found', 'rate_limited', 'failed');--> statement-breakpoint
CREATE TYPE "public"."review_decision" AS ENUM('changes_requested', 'approved');--> statement-breakpoint
CREATE TYPE "public"."skill_rating" AS ENUM('not_shown', 'partial', 'demonstrated');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('submitted', 'in_review', 'changes_requested', 'approved', 'withdrawn');--> statement-breakpoint
CREATE TABLE "repo_analyses" (
	"org_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"status" "analysis_status" DEFAULT 'queued' NOT NULL,
	"reason" text,
	"etag" text,
	"head_sha" text,
	"result" jsonb,
	"api_calls" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_retry_at" timestamp with time zone,
	"analysed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repo_analyses_org_id_submission_id_pk" PRIMARY KEY("org_id","submission_id")
);
--> statement-breakpoint
CREATE TABLE "review_skill_ratings" (
	"org_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"rating" "skill_rating" NOT NULL,
	CONSTRAINT "review_skill_ratings_org_id_review_id_skill_id_pk" PRIMARY KEY("org_id","review_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"reviewer_id" uuid,
	"decision" "review_decision" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "submission_revisions" (
	"org_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"claimed_skill_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_revisions_org_id_submission_id_revision_pk" PRIMARY KEY("org_id","submission_id","revision")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"brief_id" uuid,
	"repo_owner" text NOT NULL,
	"repo_name" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"title" text NOT NULL,
	"status" "submission_status" DEFAULT 'submitted' NOT NULL,
	"current_revision" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"approved_sha" text,
	"changed_since_approval" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "github_login" text;--> statement-breakpoint
ALTER TABLE "repo_analyses" ADD CONSTRAINT "repo_analyses_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_skill_ratings" ADD CONSTRAINT "review_skill_ratings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_revisions" ADD CONSTRAINT "submission_revisions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reviews_submission_idx" ON "reviews" USING btree ("org_id","submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_learner_dedupe_key" ON "submissions" USING btree ("org_id","learner_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "submissions_queue_idx" ON "submissions" USING btree ("org_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "submissions_cohort_idx" ON "submissions" USING btree ("org_id","cohort_id");