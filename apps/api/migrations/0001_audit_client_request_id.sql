ALTER TABLE "api"."audit_log" ADD COLUMN "client_request_id" text;--> statement-breakpoint
-- Scrub API-key secrets that earlier versions wrote into the audit images of key creations.
UPDATE "api"."audit_log" SET "after" = "after" - 'secret' WHERE "after" ? 'secret';--> statement-breakpoint
UPDATE "api"."audit_log" SET "before" = "before" - 'secret' WHERE "before" ? 'secret';--> statement-breakpoint
-- …and from stored idempotent responses (a replay of a key creation no longer repeats the secret).
DELETE FROM "api"."idempotency_records" WHERE "response_body" LIKE '%"secret"%';--> statement-breakpoint
-- Reservations left "in progress" by a crash: idempotency records are now written only inside the
-- write's own transaction, so a pending row can only be such a leftover.
DELETE FROM "api"."idempotency_records" WHERE "status_code" = 0;
