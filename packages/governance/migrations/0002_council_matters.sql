ALTER TABLE "governance"."council_resolutions" ADD COLUMN "amount" bigint;--> statement-breakpoint
ALTER TABLE "governance"."council_resolutions" ADD COLUMN "matter_id" text;