CREATE SCHEMA "governance";
--> statement-breakpoint
CREATE TABLE "governance"."alliance_matters" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"alliance_id" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_matters_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."council_members" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"council_id" text NOT NULL,
	"person_id" text NOT NULL,
	"category" text NOT NULL,
	"post" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "council_members_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."council_resolutions" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"council_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"session_id" text NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"closed_session_id" text,
	"closure" text,
	CONSTRAINT "council_resolutions_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."council_sessions" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"council_id" text NOT NULL,
	"scheduled_on" date NOT NULL,
	"venue" text NOT NULL,
	"topic_ids" text NOT NULL,
	"notice_sent_on" date NOT NULL,
	"invitees" text NOT NULL,
	"status" text NOT NULL,
	"minutes" text,
	CONSTRAINT "council_sessions_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."councils" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"name" text NOT NULL,
	"established_on" date NOT NULL,
	CONSTRAINT "councils_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."matter_disclosures" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"matter_id" text NOT NULL,
	"kind" text NOT NULL,
	"channels" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_disclosures_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."matter_meetings" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"matter_id" text NOT NULL,
	"stage" text NOT NULL,
	"held_on" date NOT NULL,
	"record" text NOT NULL,
	"judgement" text NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_meetings_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."matters" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"amount" bigint,
	"description" text NOT NULL,
	"state" text NOT NULL,
	"implementation" text DEFAULT 'none' NOT NULL,
	"alliance_matter_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matters_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."objections" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"matter_id" text NOT NULL,
	"submitted_on" date NOT NULL,
	"content" text NOT NULL,
	"due_on" date NOT NULL,
	"outcome" text,
	"responded_on" date,
	"response" text,
	CONSTRAINT "objections_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "governance"."rule_overrides" (
	"county_code" text NOT NULL,
	"division_code" text NOT NULL,
	"effective_from" date NOT NULL,
	"rules" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_overrides_county_code_division_code_effective_from_pk" PRIMARY KEY("county_code","division_code","effective_from")
);
--> statement-breakpoint
CREATE TABLE "governance"."topics" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"council_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"proposed_by" text NOT NULL,
	"status" text NOT NULL,
	"review" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topics_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE INDEX "council_members_council_idx" ON "governance"."council_members" USING btree ("county_code","council_id");--> statement-breakpoint
CREATE INDEX "council_resolutions_council_idx" ON "governance"."council_resolutions" USING btree ("county_code","council_id");--> statement-breakpoint
CREATE INDEX "council_sessions_council_idx" ON "governance"."council_sessions" USING btree ("county_code","council_id");--> statement-breakpoint
CREATE INDEX "matter_disclosures_matter_idx" ON "governance"."matter_disclosures" USING btree ("county_code","matter_id");--> statement-breakpoint
CREATE INDEX "matter_meetings_matter_idx" ON "governance"."matter_meetings" USING btree ("county_code","matter_id");--> statement-breakpoint
CREATE INDEX "matters_village_idx" ON "governance"."matters" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "objections_matter_idx" ON "governance"."objections" USING btree ("county_code","matter_id");--> statement-breakpoint
CREATE INDEX "topics_council_idx" ON "governance"."topics" USING btree ("county_code","council_id");