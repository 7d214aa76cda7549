CREATE SCHEMA "ledger";
--> statement-breakpoint
CREATE TABLE "ledger"."accounts" (
	"county_code" text NOT NULL,
	"ledger_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"class" text NOT NULL,
	"normal_side" text NOT NULL,
	"parent_code" text,
	"is_leaf" boolean DEFAULT true NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "accounts_county_code_ledger_id_code_pk" PRIMARY KEY("county_code","ledger_id","code")
);
--> statement-breakpoint
CREATE TABLE "ledger"."balance_assertions" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"ledger_id" text NOT NULL,
	"account_code" text NOT NULL,
	"date" date NOT NULL,
	"period" text NOT NULL,
	"balance" bigint NOT NULL,
	"source" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balance_assertions_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "ledger"."balances" (
	"county_code" text NOT NULL,
	"ledger_id" text NOT NULL,
	"period" text NOT NULL,
	"account_code" text NOT NULL,
	"debit" bigint DEFAULT 0 NOT NULL,
	"credit" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "balances_county_code_ledger_id_period_account_code_pk" PRIMARY KEY("county_code","ledger_id","period","account_code")
);
--> statement-breakpoint
CREATE TABLE "ledger"."closed_periods" (
	"county_code" text NOT NULL,
	"ledger_id" text NOT NULL,
	"period" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by" text NOT NULL,
	"seal" text NOT NULL,
	CONSTRAINT "closed_periods_county_code_ledger_id_period_pk" PRIMARY KEY("county_code","ledger_id","period")
);
--> statement-breakpoint
CREATE TABLE "ledger"."disclosures" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"ledger_id" text NOT NULL,
	"village_code" text NOT NULL,
	"period" text NOT NULL,
	"content" text NOT NULL,
	"sha256" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosures_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "ledger"."ledger_links" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"date" date NOT NULL,
	"summary" text NOT NULL,
	"amount" bigint NOT NULL,
	"purpose" text NOT NULL,
	"from_ledger_id" text NOT NULL,
	"from_voucher_id" text NOT NULL,
	"to_county_code" text NOT NULL,
	"to_ledger_id" text NOT NULL,
	"to_voucher_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_links_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "ledger"."ledgers" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"collective_name" text NOT NULL,
	"collective_uscc" text NOT NULL,
	"chart" text NOT NULL,
	"first_period" text NOT NULL,
	"last_hash" text,
	"posted_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledgers_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "ledger"."period_reopenings" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"ledger_id" text NOT NULL,
	"period" text NOT NULL,
	"reason" text NOT NULL,
	"reopened_by" text NOT NULL,
	"seal" text NOT NULL,
	"reopened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "period_reopenings_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "ledger"."voucher_counters" (
	"county_code" text NOT NULL,
	"ledger_id" text NOT NULL,
	"period" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "voucher_counters_county_code_ledger_id_period_pk" PRIMARY KEY("county_code","ledger_id","period")
);
--> statement-breakpoint
CREATE TABLE "ledger"."voucher_lines" (
	"county_code" text NOT NULL,
	"voucher_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"ledger_id" text NOT NULL,
	"account_code" text NOT NULL,
	"summary" text,
	"debit" bigint DEFAULT 0 NOT NULL,
	"credit" bigint DEFAULT 0 NOT NULL,
	"counterparty" text,
	"reference" text,
	CONSTRAINT "voucher_lines_county_code_voucher_id_line_no_pk" PRIMARY KEY("county_code","voucher_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "ledger"."vouchers" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"ledger_id" text NOT NULL,
	"status" text NOT NULL,
	"kind" text DEFAULT 'regular' NOT NULL,
	"date" date NOT NULL,
	"period" text NOT NULL,
	"number" integer,
	"summary" text NOT NULL,
	"attachments" integer DEFAULT 0 NOT NULL,
	"prepared_by" text NOT NULL,
	"posted_by" text,
	"posted_at" timestamp with time zone,
	"reverses_id" text,
	"reversed_by_id" text,
	"link_id" text,
	"chain_seq" integer,
	"hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
ALTER TABLE "ledger"."accounts" ADD CONSTRAINT "accounts_county_code_ledger_id_ledgers_county_code_id_fk" FOREIGN KEY ("county_code","ledger_id") REFERENCES "ledger"."ledgers"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."voucher_lines" ADD CONSTRAINT "voucher_lines_county_code_voucher_id_vouchers_county_code_id_fk" FOREIGN KEY ("county_code","voucher_id") REFERENCES "ledger"."vouchers"("county_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."vouchers" ADD CONSTRAINT "vouchers_county_code_ledger_id_ledgers_county_code_id_fk" FOREIGN KEY ("county_code","ledger_id") REFERENCES "ledger"."ledgers"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "balance_assertions_period_idx" ON "ledger"."balance_assertions" USING btree ("county_code","ledger_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosures_period_idx" ON "ledger"."disclosures" USING btree ("county_code","ledger_id","period");--> statement-breakpoint
CREATE INDEX "disclosures_village_idx" ON "ledger"."disclosures" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "ledger_links_from_idx" ON "ledger"."ledger_links" USING btree ("county_code","from_ledger_id");--> statement-breakpoint
CREATE INDEX "ledger_links_to_idx" ON "ledger"."ledger_links" USING btree ("to_county_code","to_ledger_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledgers_uscc_idx" ON "ledger"."ledgers" USING btree ("county_code","collective_uscc");--> statement-breakpoint
CREATE INDEX "ledgers_village_idx" ON "ledger"."ledgers" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "voucher_lines_account_idx" ON "ledger"."voucher_lines" USING btree ("county_code","ledger_id","account_code");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_chain_idx" ON "ledger"."vouchers" USING btree ("county_code","ledger_id","chain_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_number_idx" ON "ledger"."vouchers" USING btree ("county_code","ledger_id","period","number");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_reverses_idx" ON "ledger"."vouchers" USING btree ("county_code","reverses_id");--> statement-breakpoint
CREATE INDEX "vouchers_ledger_idx" ON "ledger"."vouchers" USING btree ("county_code","ledger_id","status","period");