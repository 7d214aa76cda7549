-- A 飞地抱团 link between two counties is kept in each side's county (the same row under both
-- county codes), so either side's books and posting read it from their own county: on Citus,
-- their own shard. The from side's county gets a column of its own, since the copy's
-- county_code is the to side's. Links written before this kept one row, in the from side's county.
ALTER TABLE "ledger"."ledger_links" ADD COLUMN IF NOT EXISTS "from_county_code" text;--> statement-breakpoint
UPDATE "ledger"."ledger_links" SET "from_county_code" = "county_code" WHERE "from_county_code" IS NULL;--> statement-breakpoint
ALTER TABLE "ledger"."ledger_links" ALTER COLUMN "from_county_code" SET NOT NULL;--> statement-breakpoint
INSERT INTO "ledger"."ledger_links" ("county_code", "id", "date", "summary", "amount", "purpose", "from_county_code", "from_ledger_id", "from_voucher_id", "to_county_code", "to_ledger_id", "to_voucher_id", "created_by", "created_at")
SELECT "to_county_code", "id", "date", "summary", "amount", "purpose", "from_county_code", "from_ledger_id", "from_voucher_id", "to_county_code", "to_ledger_id", "to_voucher_id", "created_by", "created_at"
FROM "ledger"."ledger_links" WHERE "to_county_code" <> "county_code"
ON CONFLICT DO NOTHING;
