CREATE TABLE "organization"."household_members" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"household_id" text NOT NULL,
	"village_code" text NOT NULL,
	"person_id" text NOT NULL,
	"relation" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_members_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."households" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"number" text,
	"head_person_id" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."party_sanctions" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"person_id" text NOT NULL,
	"measure" text NOT NULL,
	"reference" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_sanctions_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
ALTER TABLE "organization"."household_members" ADD CONSTRAINT "household_members_county_code_household_id_households_county_code_id_fk" FOREIGN KEY ("county_code","household_id") REFERENCES "organization"."households"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization"."household_members" ADD CONSTRAINT "household_members_county_code_person_id_people_county_code_id_fk" FOREIGN KEY ("county_code","person_id") REFERENCES "organization"."people"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization"."households" ADD CONSTRAINT "households_county_code_village_code_divisions_county_code_code_fk" FOREIGN KEY ("county_code","village_code") REFERENCES "organization"."divisions"("county_code","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization"."party_sanctions" ADD CONSTRAINT "party_sanctions_county_code_person_id_people_county_code_id_fk" FOREIGN KEY ("county_code","person_id") REFERENCES "organization"."people"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_members_household_idx" ON "organization"."household_members" USING btree ("county_code","household_id");--> statement-breakpoint
CREATE INDEX "household_members_village_idx" ON "organization"."household_members" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "households_village_idx" ON "organization"."households" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "party_sanctions_village_idx" ON "organization"."party_sanctions" USING btree ("county_code","village_code");