import { date, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/** The governance domain's tables, in Postgres schema `governance`; `county_code` leads every key. */
export const governanceSchema = pgSchema('governance')

/** A county's or township's rule override, in force from a day; the JSON is the wire form. */
export const ruleOverrides = governanceSchema.table(
  'rule_overrides',
  {
    countyCode: text('county_code').notNull(),
    divisionCode: text('division_code').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    rules: text('rules').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.divisionCode, t.effectiveFrom] })],
)
