-- A 飞地抱团 link between two counties is kept in each side's county (the same row under both
-- county codes), so either side's books and posting read it from their own county: on Citus,
-- their own shard. Links written before this kept one row, in the from side's county.
INSERT INTO "ledger"."ledger_links" ("county_code", "id", "date", "summary", "amount", "purpose", "from_ledger_id", "from_voucher_id", "to_county_code", "to_ledger_id", "to_voucher_id", "created_by", "created_at")
SELECT "to_county_code", "id", "date", "summary", "amount", "purpose", "from_ledger_id", "from_voucher_id", "to_county_code", "to_ledger_id", "to_voucher_id", "created_by", "created_at"
FROM "ledger"."ledger_links" WHERE "to_county_code" <> "county_code"
ON CONFLICT DO NOTHING;
