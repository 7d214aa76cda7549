ALTER TABLE "governance"."alliance_matters" ADD COLUMN "amount" bigint;--> statement-breakpoint
ALTER TABLE "governance"."alliance_matters" ADD COLUMN "subject_object" text;--> statement-breakpoint
ALTER TABLE "governance"."alliance_matters" ADD COLUMN "subject_projects" text;--> statement-breakpoint
ALTER TABLE "governance"."matters" ADD COLUMN "subject_object" text;--> statement-breakpoint
ALTER TABLE "governance"."matters" ADD COLUMN "subject_projects" text;