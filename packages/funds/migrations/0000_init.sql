CREATE SCHEMA "funds";
--> statement-breakpoint
CREATE TABLE "funds"."allocations" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"fund_source_id" text NOT NULL,
	"project_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocations_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "allocations_amount_positive" CHECK ("funds"."allocations"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds"."disbursements" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"tranche_id" text NOT NULL,
	"fund_source_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"date" date NOT NULL,
	"ledger_id" text NOT NULL,
	"voucher_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursements_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "disbursements_amount_positive" CHECK ("funds"."disbursements"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds"."distribution_lines" (
	"county_code" text NOT NULL,
	"run_id" text NOT NULL,
	"recipient" text NOT NULL,
	"village_code" text,
	"amount" bigint NOT NULL,
	"ledger_id" text,
	"voucher_id" text,
	CONSTRAINT "distribution_lines_county_code_run_id_recipient_pk" PRIMARY KEY("county_code","run_id","recipient")
);
--> statement-breakpoint
CREATE TABLE "funds"."distribution_runs" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"revenue_id" text NOT NULL,
	"policy_version" text NOT NULL,
	"inputs" text NOT NULL,
	"result" text NOT NULL,
	"date" date NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "distribution_runs_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "funds"."fund_rules" (
	"county_code" text NOT NULL,
	"division_code" text NOT NULL,
	"effective_from" date NOT NULL,
	"notice_days" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_rules_county_code_division_code_effective_from_pk" PRIMARY KEY("county_code","division_code","effective_from")
);
--> statement-breakpoint
CREATE TABLE "funds"."fund_sources" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"document_no" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"received_on" date NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_id" text NOT NULL,
	"division_code" text NOT NULL,
	"allowed_categories" text NOT NULL,
	"excluded_uses" text NOT NULL,
	"min_industry_share_bp" integer,
	"direct_fund" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_sources_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "fund_sources_amount_positive" CHECK ("funds"."fund_sources"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds"."project_beneficiaries" (
	"county_code" text NOT NULL,
	"project_id" text NOT NULL,
	"village_code" text NOT NULL,
	"units" bigint NOT NULL,
	CONSTRAINT "project_beneficiaries_county_code_project_id_village_code_pk" PRIMARY KEY("county_code","project_id","village_code")
);
--> statement-breakpoint
CREATE TABLE "funds"."project_notices" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"stage" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"days" integer NOT NULL,
	"channels" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_notices_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "funds"."project_results" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"indicator" text NOT NULL,
	"period" text NOT NULL,
	"actual" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_results_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "funds"."project_shares" (
	"county_code" text NOT NULL,
	"project_id" text NOT NULL,
	"holder" text NOT NULL,
	"contribution" text NOT NULL,
	"units" bigint NOT NULL,
	CONSTRAINT "project_shares_county_code_project_id_holder_pk" PRIMARY KEY("county_code","project_id","holder")
);
--> statement-breakpoint
CREATE TABLE "funds"."project_targets" (
	"county_code" text NOT NULL,
	"project_id" text NOT NULL,
	"position" integer NOT NULL,
	"level1" text NOT NULL,
	"indicator" text NOT NULL,
	"unit" text NOT NULL,
	"target" text NOT NULL,
	CONSTRAINT "project_targets_county_code_project_id_position_pk" PRIMARY KEY("county_code","project_id","position")
);
--> statement-breakpoint
CREATE TABLE "funds"."project_transitions" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"on" date NOT NULL,
	"note" text NOT NULL,
	"decision_ref" text,
	"gate" text,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_transitions_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "funds"."projects" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"alliance_id" text,
	"township_code" text NOT NULL,
	"implementer_village_code" text,
	"implementer_partner_id" text,
	"budget" bigint NOT NULL,
	"location" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"benefit_mechanism" text NOT NULL,
	"proposed_by" text NOT NULL,
	"status" text NOT NULL,
	"acceptance" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "funds"."revenues" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"period" text NOT NULL,
	"amount" bigint NOT NULL,
	"received_on" date NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revenues_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "revenues_amount_positive" CHECK ("funds"."revenues"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds"."tranches" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"trigger" text NOT NULL,
	"percent_bp" integer,
	"amount" bigint NOT NULL,
	"retention" boolean NOT NULL,
	"due_on" date,
	"milestone_met_on" date,
	"milestone_evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tranches_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
ALTER TABLE "funds"."allocations" ADD CONSTRAINT "allocations_county_code_fund_source_id_fund_sources_county_code_id_fk" FOREIGN KEY ("county_code","fund_source_id") REFERENCES "funds"."fund_sources"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."allocations" ADD CONSTRAINT "allocations_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."disbursements" ADD CONSTRAINT "disbursements_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."disbursements" ADD CONSTRAINT "disbursements_county_code_tranche_id_tranches_county_code_id_fk" FOREIGN KEY ("county_code","tranche_id") REFERENCES "funds"."tranches"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."disbursements" ADD CONSTRAINT "disbursements_county_code_fund_source_id_fund_sources_county_code_id_fk" FOREIGN KEY ("county_code","fund_source_id") REFERENCES "funds"."fund_sources"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."distribution_lines" ADD CONSTRAINT "distribution_lines_county_code_run_id_distribution_runs_county_code_id_fk" FOREIGN KEY ("county_code","run_id") REFERENCES "funds"."distribution_runs"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."distribution_runs" ADD CONSTRAINT "distribution_runs_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."distribution_runs" ADD CONSTRAINT "distribution_runs_county_code_revenue_id_revenues_county_code_id_fk" FOREIGN KEY ("county_code","revenue_id") REFERENCES "funds"."revenues"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_beneficiaries" ADD CONSTRAINT "project_beneficiaries_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_notices" ADD CONSTRAINT "project_notices_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_results" ADD CONSTRAINT "project_results_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_shares" ADD CONSTRAINT "project_shares_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_targets" ADD CONSTRAINT "project_targets_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_transitions" ADD CONSTRAINT "project_transitions_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."revenues" ADD CONSTRAINT "revenues_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."tranches" ADD CONSTRAINT "tranches_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocations_source_idx" ON "funds"."allocations" USING btree ("county_code","fund_source_id");--> statement-breakpoint
CREATE INDEX "allocations_project_idx" ON "funds"."allocations" USING btree ("county_code","project_id");--> statement-breakpoint
CREATE INDEX "disbursements_project_idx" ON "funds"."disbursements" USING btree ("county_code","project_id");--> statement-breakpoint
CREATE INDEX "disbursements_source_idx" ON "funds"."disbursements" USING btree ("county_code","fund_source_id");--> statement-breakpoint
CREATE INDEX "distribution_runs_project_idx" ON "funds"."distribution_runs" USING btree ("county_code","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "distribution_runs_one_per_revenue" ON "funds"."distribution_runs" USING btree ("county_code","revenue_id");--> statement-breakpoint
CREATE INDEX "fund_sources_division_idx" ON "funds"."fund_sources" USING btree ("county_code","division_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "project_notices_project_idx" ON "funds"."project_notices" USING btree ("county_code","project_id");--> statement-breakpoint
CREATE INDEX "project_results_project_idx" ON "funds"."project_results" USING btree ("county_code","project_id");--> statement-breakpoint
CREATE INDEX "project_transitions_project_idx" ON "funds"."project_transitions" USING btree ("county_code","project_id");--> statement-breakpoint
CREATE INDEX "projects_township_idx" ON "funds"."projects" USING btree ("county_code","township_code","status");--> statement-breakpoint
CREATE INDEX "revenues_project_idx" ON "funds"."revenues" USING btree ("county_code","project_id");--> statement-breakpoint
CREATE INDEX "tranches_project_idx" ON "funds"."tranches" USING btree ("county_code","project_id","position");