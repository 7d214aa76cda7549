CREATE SCHEMA "organization";
--> statement-breakpoint
CREATE TABLE "organization"."alliance_members" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"alliance_id" text NOT NULL,
	"village_code" text,
	"partner_id" text,
	"role" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"leave_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_members_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."alliance_posts" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"alliance_id" text NOT NULL,
	"person_id" text NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_posts_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."alliances" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"township_code" text NOT NULL,
	"mode" text NOT NULL,
	"form" text,
	"level" text NOT NULL,
	"established_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliances_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."divisions" (
	"county_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_code" text,
	"population" integer,
	"households" integer,
	"adults" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "divisions_county_code_code_pk" PRIMARY KEY("county_code","code")
);
--> statement-breakpoint
CREATE TABLE "organization"."partners" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"uscc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."party_excusals" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"person_id" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_excusals_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."party_memberships" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"person_id" text NOT NULL,
	"status" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_memberships_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."people" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"phone" text,
	"id_number_hash" text,
	"id_number_last4" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."representatives" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"person_id" text NOT NULL,
	"households" integer,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "representatives_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "organization"."village_posts" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"village_code" text NOT NULL,
	"body" text NOT NULL,
	"title" text NOT NULL,
	"person_id" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "village_posts_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
ALTER TABLE "organization"."alliance_members" ADD CONSTRAINT "alliance_members_county_code_alliance_id_alliances_county_code_id_fk" FOREIGN KEY ("county_code","alliance_id") REFERENCES "organization"."alliances"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization"."alliance_posts" ADD CONSTRAINT "alliance_posts_county_code_alliance_id_alliances_county_code_id_fk" FOREIGN KEY ("county_code","alliance_id") REFERENCES "organization"."alliances"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization"."party_memberships" ADD CONSTRAINT "party_memberships_county_code_person_id_people_county_code_id_fk" FOREIGN KEY ("county_code","person_id") REFERENCES "organization"."people"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization"."people" ADD CONSTRAINT "people_county_code_village_code_divisions_county_code_code_fk" FOREIGN KEY ("county_code","village_code") REFERENCES "organization"."divisions"("county_code","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization"."representatives" ADD CONSTRAINT "representatives_county_code_person_id_people_county_code_id_fk" FOREIGN KEY ("county_code","person_id") REFERENCES "organization"."people"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization"."village_posts" ADD CONSTRAINT "village_posts_county_code_person_id_people_county_code_id_fk" FOREIGN KEY ("county_code","person_id") REFERENCES "organization"."people"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_members_alliance_idx" ON "organization"."alliance_members" USING btree ("county_code","alliance_id");--> statement-breakpoint
CREATE INDEX "alliance_members_village_idx" ON "organization"."alliance_members" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "alliance_posts_alliance_idx" ON "organization"."alliance_posts" USING btree ("county_code","alliance_id");--> statement-breakpoint
CREATE INDEX "alliances_township_idx" ON "organization"."alliances" USING btree ("county_code","township_code");--> statement-breakpoint
CREATE INDEX "divisions_parent_idx" ON "organization"."divisions" USING btree ("county_code","parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_uscc_idx" ON "organization"."partners" USING btree ("county_code","uscc");--> statement-breakpoint
CREATE INDEX "party_excusals_village_idx" ON "organization"."party_excusals" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "party_memberships_village_idx" ON "organization"."party_memberships" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE UNIQUE INDEX "people_id_number_idx" ON "organization"."people" USING btree ("county_code","id_number_hash");--> statement-breakpoint
CREATE INDEX "people_village_idx" ON "organization"."people" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "representatives_village_idx" ON "organization"."representatives" USING btree ("county_code","village_code");--> statement-breakpoint
CREATE INDEX "village_posts_village_idx" ON "organization"."village_posts" USING btree ("county_code","village_code");