ALTER TABLE "collective"."assets" ADD COLUMN "source_voucher_id" text;--> statement-breakpoint
ALTER TABLE "collective"."assets" ADD COLUMN "source_line_no" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "assets_source_entry_unique" ON "collective"."assets" USING btree ("county_code","source_voucher_id","source_line_no");