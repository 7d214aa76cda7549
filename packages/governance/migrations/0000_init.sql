CREATE SCHEMA "governance";
--> statement-breakpoint
CREATE TABLE "governance"."rule_overrides" (
	"county_code" text NOT NULL,
	"division_code" text NOT NULL,
	"effective_from" date NOT NULL,
	"rules" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_overrides_county_code_division_code_effective_from_pk" PRIMARY KEY("county_code","division_code","effective_from")
);
