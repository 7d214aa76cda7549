ALTER TABLE "ledger"."vouchers" ADD COLUMN "source_ref" text;--> statement-breakpoint
ALTER TABLE "ledger"."vouchers" ADD COLUMN "source_preparer" text;--> statement-breakpoint
ALTER TABLE "ledger"."vouchers" ADD COLUMN "source_reviewer" text;--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_source_ref_idx" ON "ledger"."vouchers" USING btree ("county_code","ledger_id","source_ref");