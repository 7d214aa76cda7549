CREATE TABLE "api"."import_jobs" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"target" text NOT NULL,
	"scope" text NOT NULL,
	"village_code" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"status" text NOT NULL,
	"rows_total" integer,
	"rows_checked" integer DEFAULT 0 NOT NULL,
	"rows_written" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" jsonb,
	"failure" text,
	"created_by" text NOT NULL,
	"request_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_jobs_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "import_jobs_file_idx" ON "api"."import_jobs" USING btree ("county_code","target","scope","file_sha256") WHERE status not in ('rejected', 'failed');--> statement-breakpoint
CREATE INDEX "import_jobs_unfinished_idx" ON "api"."import_jobs" USING btree ("status") WHERE status in ('queued', 'checking', 'writing');