CREATE SCHEMA "api";
--> statement-breakpoint
CREATE TABLE "api"."api_keys" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"role" text NOT NULL,
	"scope" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	CONSTRAINT "api_keys_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "api"."audit_log" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"api_key_id" text,
	"request_id" text NOT NULL,
	"operation" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "audit_log_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "api"."idempotency_records" (
	"county_code" text NOT NULL,
	"api_key_id" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" smallint NOT NULL,
	"response_body" text NOT NULL,
	"content_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_records_county_code_api_key_id_key_pk" PRIMARY KEY("county_code","api_key_id","key")
);
--> statement-breakpoint
CREATE TABLE "api"."settings" (
	"county_code" text NOT NULL,
	"name" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "settings_county_code_name_pk" PRIMARY KEY("county_code","name")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_hash_idx" ON "api"."api_keys" USING btree ("county_code","secret_hash");--> statement-breakpoint
CREATE INDEX "api_keys_hash_lookup_idx" ON "api"."api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "api"."audit_log" USING btree ("county_code","target_type","target_id");