CREATE TABLE "collective"."bookings" (
	"county_code" text NOT NULL,
	"id" text NOT NULL,
	"collective_id" text NOT NULL,
	"ledger_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"period" text NOT NULL,
	"voucher_date" date NOT NULL,
	"voucher_ids" text NOT NULL,
	"amount" bigint NOT NULL,
	"detail" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "bookings_amount_positive" CHECK ("collective"."bookings"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "collective"."bookings" ADD CONSTRAINT "bookings_county_code_collective_id_collectives_county_code_id_fk" FOREIGN KEY ("county_code","collective_id") REFERENCES "collective"."collectives"("county_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_subject_unique" ON "collective"."bookings" USING btree ("county_code","collective_id","kind","subject_id","period");