CREATE SCHEMA "collective";
--> statement-breakpoint
CREATE TABLE "collective"."asset_disposals" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"asset_id" text NOT NULL,
	"disposed_on" date NOT NULL,
	"kind" text NOT NULL,
	"proceeds" bigint NOT NULL,
	"book_value" bigint NOT NULL,
	"matter_id" text,
	"major_matter_amount" bigint NOT NULL,
	"note" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_disposals_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "collective"."asset_owners" (
	"county_code" text NOT NULL,
	"asset_id" text NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_id" text NOT NULL,
	"holder_name" text NOT NULL,
	"units" bigint NOT NULL,
	CONSTRAINT "asset_owners_county_code_asset_id_holder_kind_holder_id_pk" PRIMARY KEY("county_code","asset_id","holder_kind","holder_id")
);
--> statement-breakpoint
CREATE TABLE "collective"."assets" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"asset_class" text NOT NULL,
	"cost" bigint NOT NULL,
	"acquired_on" date NOT NULL,
	"location" text NOT NULL,
	"manager" text NOT NULL,
	"manager_person_id" text,
	"fund_source_ids" text DEFAULT '[]' NOT NULL,
	"project_ids" text DEFAULT '[]' NOT NULL,
	"depreciation_method" text NOT NULL,
	"useful_life_months" integer,
	"residual_value" bigint DEFAULT 0 NOT NULL,
	"disposed_on" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "assets_cost_positive" CHECK ("collective"."assets"."cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "collective"."collectives" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"name" text NOT NULL,
	"uscc" text NOT NULL,
	"ledger_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collectives_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "collective"."contract_items" (
	"county_code" text NOT NULL,
	"contract_id" text NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text NOT NULL,
	"area_mu" numeric(14, 4),
	CONSTRAINT "contract_items_county_code_contract_id_item_kind_item_id_pk" PRIMARY KEY("county_code","contract_id","item_kind","item_id")
);
--> statement-breakpoint
CREATE TABLE "collective"."contract_payments" (
	"county_code" text NOT NULL,
	"contract_id" text NOT NULL,
	"seq" integer NOT NULL,
	"due_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"covers_from" date NOT NULL,
	"covers_to" date NOT NULL,
	"receivable_voucher_id" text,
	"receipt_voucher_id" text,
	"received_on" date,
	CONSTRAINT "contract_payments_county_code_contract_id_seq_pk" PRIMARY KEY("county_code","contract_id","seq"),
	CONSTRAINT "contract_payments_amount_positive" CHECK ("collective"."contract_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "collective"."contracts" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"direction" text DEFAULT 'outbound' NOT NULL,
	"party_kind" text NOT NULL,
	"party_id" text,
	"party_name" text NOT NULL,
	"signed_on" date NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"matter_id" text,
	"major_matter_amount" bigint NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "contracts_amount_positive" CHECK ("collective"."contracts"."amount" > 0),
	CONSTRAINT "contracts_term" CHECK ("collective"."contracts"."ends_on" >= "collective"."contracts"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "collective"."holdings" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"kind_id" text NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_id" text NOT NULL,
	"units" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"reason" text NOT NULL,
	"previous_id" text,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holdings_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "holdings_units_positive" CHECK ("collective"."holdings"."units" > 0),
	CONSTRAINT "holdings_valid_range" CHECK ("collective"."holdings"."valid_to" is null or "collective"."holdings"."valid_to" > "collective"."holdings"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "collective"."households" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"number" text NOT NULL,
	"head_name" text NOT NULL,
	"head_person_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "collective"."members" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"household_id" text NOT NULL,
	"name" text NOT NULL,
	"person_id" text,
	"joined_on" date NOT NULL,
	"join_reason" text NOT NULL,
	"left_on" date,
	"leave_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "members_left_after_joined" CHECK ("collective"."members"."left_on" is null or "collective"."members"."left_on" >= "collective"."members"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "collective"."payout_lines" (
	"county_code" text NOT NULL,
	"payout_id" text NOT NULL,
	"household_id" text NOT NULL,
	"units" bigint NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "payout_lines_county_code_payout_id_household_id_pk" PRIMARY KEY("county_code","payout_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "collective"."payouts" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"ledger_id" text NOT NULL,
	"record_date" date NOT NULL,
	"pay_date" date NOT NULL,
	"amount" bigint NOT NULL,
	"retained" bigint NOT NULL,
	"distribution_run_id" text,
	"summary" text NOT NULL,
	"payable_voucher_ids" text DEFAULT '[]' NOT NULL,
	"payment_voucher_ids" text DEFAULT '[]' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "payouts_amount_positive" CHECK ("collective"."payouts"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "collective"."resources" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"area_mu" numeric(14, 4) NOT NULL,
	"location" text NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "resources_area_positive" CHECK ("collective"."resources"."area_mu" > 0)
);
--> statement-breakpoint
CREATE TABLE "collective"."share_kinds" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"name" text NOT NULL,
	"holder" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "share_kinds_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
ALTER TABLE "collective"."asset_disposals" ADD CONSTRAINT "asset_disposals_county_code_asset_id_assets_county_code_id_fk" FOREIGN KEY ("county_code","asset_id") REFERENCES "collective"."assets"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."asset_owners" ADD CONSTRAINT "asset_owners_county_code_asset_id_assets_county_code_id_fk" FOREIGN KEY ("county_code","asset_id") REFERENCES "collective"."assets"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."assets" ADD CONSTRAINT "assets_county_code_collective_id_collectives_county_code_id_fk" FOREIGN KEY ("county_code","collective_id") REFERENCES "collective"."collectives"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."contract_items" ADD CONSTRAINT "contract_items_county_code_contract_id_contracts_county_code_id_fk" FOREIGN KEY ("county_code","contract_id") REFERENCES "collective"."contracts"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."contract_payments" ADD CONSTRAINT "contract_payments_county_code_contract_id_contracts_county_code_id_fk" FOREIGN KEY ("county_code","contract_id") REFERENCES "collective"."contracts"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."contracts" ADD CONSTRAINT "contracts_county_code_collective_id_collectives_county_code_id_fk" FOREIGN KEY ("county_code","collective_id") REFERENCES "collective"."collectives"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."holdings" ADD CONSTRAINT "holdings_county_code_kind_id_share_kinds_county_code_id_fk" FOREIGN KEY ("county_code","kind_id") REFERENCES "collective"."share_kinds"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."households" ADD CONSTRAINT "households_county_code_collective_id_collectives_county_code_id_fk" FOREIGN KEY ("county_code","collective_id") REFERENCES "collective"."collectives"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."members" ADD CONSTRAINT "members_county_code_household_id_households_county_code_id_fk" FOREIGN KEY ("county_code","household_id") REFERENCES "collective"."households"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."payout_lines" ADD CONSTRAINT "payout_lines_county_code_payout_id_payouts_county_code_id_fk" FOREIGN KEY ("county_code","payout_id") REFERENCES "collective"."payouts"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."payouts" ADD CONSTRAINT "payouts_county_code_collective_id_collectives_county_code_id_fk" FOREIGN KEY ("county_code","collective_id") REFERENCES "collective"."collectives"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."resources" ADD CONSTRAINT "resources_county_code_collective_id_collectives_county_code_id_fk" FOREIGN KEY ("county_code","collective_id") REFERENCES "collective"."collectives"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective"."share_kinds" ADD CONSTRAINT "share_kinds_county_code_collective_id_collectives_county_code_id_fk" FOREIGN KEY ("county_code","collective_id") REFERENCES "collective"."collectives"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_disposals_asset_unique" ON "collective"."asset_disposals" USING btree ("county_code","asset_id");--> statement-breakpoint
CREATE INDEX "assets_collective_idx" ON "collective"."assets" USING btree ("county_code","collective_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "collectives_ledger_unique" ON "collective"."collectives" USING btree ("county_code","ledger_id");--> statement-breakpoint
CREATE INDEX "collectives_village_idx" ON "collective"."collectives" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_number_unique" ON "collective"."contracts" USING btree ("county_code","collective_id","number");--> statement-breakpoint
CREATE INDEX "contracts_ends_idx" ON "collective"."contracts" USING btree ("county_code","collective_id","ends_on");--> statement-breakpoint
CREATE INDEX "holdings_collective_idx" ON "collective"."holdings" USING btree ("county_code","collective_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "households_number_unique" ON "collective"."households" USING btree ("county_code","collective_id","number");--> statement-breakpoint
CREATE INDEX "members_collective_idx" ON "collective"."members" USING btree ("county_code","collective_id","household_id");--> statement-breakpoint
CREATE INDEX "payouts_collective_idx" ON "collective"."payouts" USING btree ("county_code","collective_id","record_date");--> statement-breakpoint
CREATE INDEX "resources_collective_idx" ON "collective"."resources" USING btree ("county_code","collective_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "share_kinds_name_unique" ON "collective"."share_kinds" USING btree ("county_code","collective_id","name");