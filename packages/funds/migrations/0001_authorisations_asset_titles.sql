CREATE TABLE "funds"."project_asset_owners" (
	"county_code" text NOT NULL,
	"project_id" text NOT NULL,
	"position" integer NOT NULL,
	"owner" text NOT NULL,
	"village_code" text NOT NULL,
	"household" text,
	"value" bigint NOT NULL,
	"ledger_id" text,
	CONSTRAINT "project_asset_owners_county_code_project_id_position_owner_pk" PRIMARY KEY("county_code","project_id","position","owner"),
	CONSTRAINT "project_asset_owners_value_positive" CHECK ("funds"."project_asset_owners"."value" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds"."project_assets" (
	"county_code" text NOT NULL,
	"project_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"asset_class" text NOT NULL,
	"cost" bigint NOT NULL,
	"titled_on" date NOT NULL,
	CONSTRAINT "project_assets_county_code_project_id_position_pk" PRIMARY KEY("county_code","project_id","position"),
	CONSTRAINT "project_assets_cost_positive" CHECK ("funds"."project_assets"."cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds"."project_authorisations" (
	"county_code" text NOT NULL,
	"project_id" text NOT NULL,
	"decision_ref" text NOT NULL,
	"decision_kind" text NOT NULL,
	"slot" text NOT NULL,
	"amount" bigint NOT NULL,
	"authorised_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_authorisations_county_code_project_id_pk" PRIMARY KEY("county_code","project_id")
);
--> statement-breakpoint
CREATE TABLE "funds"."project_title_entries" (
	"county_code" text NOT NULL,
	"project_id" text NOT NULL,
	"ledger_id" text NOT NULL,
	"owned" bigint NOT NULL,
	"received" bigint NOT NULL,
	"voucher_id" text,
	CONSTRAINT "project_title_entries_county_code_project_id_ledger_id_pk" PRIMARY KEY("county_code","project_id","ledger_id")
);
--> statement-breakpoint
ALTER TABLE "funds"."distribution_runs" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "funds"."project_asset_owners" ADD CONSTRAINT "project_asset_owners_asset_fk" FOREIGN KEY ("county_code","project_id","position") REFERENCES "funds"."project_assets"("county_code","project_id","position") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_assets" ADD CONSTRAINT "project_assets_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_authorisations" ADD CONSTRAINT "project_authorisations_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds"."project_title_entries" ADD CONSTRAINT "project_title_entries_county_code_project_id_projects_county_code_id_fk" FOREIGN KEY ("county_code","project_id") REFERENCES "funds"."projects"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_authorisations_slot_idx" ON "funds"."project_authorisations" USING btree ("county_code","decision_ref","slot");