CREATE TABLE "ledger"."voucher_approvals" (
	"county_code" text NOT NULL,
	"voucher_id" text NOT NULL,
	"step" text NOT NULL,
	"key_id" text NOT NULL,
	"role" text NOT NULL,
	"signer" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "voucher_approvals_county_code_voucher_id_step_pk" PRIMARY KEY("county_code","voucher_id","step")
);
--> statement-breakpoint
ALTER TABLE "ledger"."vouchers" ADD COLUMN "matter_id" text;--> statement-breakpoint
ALTER TABLE "ledger"."vouchers" ADD COLUMN "matter_rule" text;--> statement-breakpoint
ALTER TABLE "ledger"."voucher_approvals" ADD CONSTRAINT "voucher_approvals_county_code_voucher_id_vouchers_county_code_id_fk" FOREIGN KEY ("county_code","voucher_id") REFERENCES "ledger"."vouchers"("county_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_approvals_key_idx" ON "ledger"."voucher_approvals" USING btree ("county_code","voucher_id","key_id");