import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * The ledger domain's tables, in Postgres schema `ledger`. One ledger (账套) per collective;
 * every primary key starts with `county_code` (Citus tenant). Money is bigint fen. Posted
 * vouchers are never updated except to link their reversal; balances per ledger, period and
 * account are maintained at posting so reports read balances, not every line.
 */
export const ledgerSchema = pgSchema('ledger')

const countyCode = () => text('county_code').notNull()
const fen = (name: string) => bigint(name, { mode: 'bigint' }).notNull().default(sql`0`)
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

export const ledgers = ledgerSchema.table(
  'ledgers',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    collectiveName: text('collective_name').notNull(),
    collectiveUscc: text('collective_uscc').notNull(),
    chart: text('chart').notNull(),
    firstPeriod: text('first_period').notNull(),
    /** Head of the hash chain over posted vouchers, and its length. */
    lastHash: text('last_hash'),
    postedCount: integer('posted_count').notNull().default(0),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('ledgers_uscc_idx').on(t.countyCode, t.collectiveUscc),
    index('ledgers_village_idx').on(t.countyCode, t.villageCode),
  ],
)

export const accounts = ledgerSchema.table(
  'accounts',
  {
    countyCode: countyCode(),
    ledgerId: text('ledger_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    class: text('class').notNull(),
    normalSide: text('normal_side').notNull(),
    parentCode: text('parent_code'),
    isLeaf: boolean('is_leaf').notNull().default(true),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.ledgerId, t.code] }),
    foreignKey({ columns: [t.countyCode, t.ledgerId], foreignColumns: [ledgers.countyCode, ledgers.id] }),
  ],
)

export const vouchers = ledgerSchema.table(
  'vouchers',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    ledgerId: text('ledger_id').notNull(),
    status: text('status').notNull(),
    /** `regular`, or `closing` for the year-end vouchers that carry profit and loss into 321/322. */
    kind: text('kind').notNull().default('regular'),
    date: date('date', { mode: 'string' }).notNull(),
    /** YYYY-MM of `date`: the numbering and closing unit. */
    period: text('period').notNull(),
    /** 记字第 n 号 within the ledger and month; assigned at posting, gapless. */
    number: integer('number'),
    summary: text('summary').notNull(),
    attachments: integer('attachments').notNull().default(0),
    preparedBy: text('prepared_by').notNull(),
    postedBy: text('posted_by'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    reversesId: text('reverses_id'),
    reversedById: text('reversed_by_id'),
    /** Set on both sides of an inter-village link (飞地抱团); posting one posts both. */
    linkId: text('link_id'),
    /** Position in the ledger's hash chain: the order vouchers were posted in. */
    chainSeq: integer('chain_seq'),
    hash: text('hash'),
    /**
     * JSON `{ kind, refs }` of the record in another domain that created this draft (e.g. a fund
     * disbursement); null for vouchers keyed in by a bookkeeper. See `VoucherOrigin`.
     */
    origin: text('origin'),
    /**
     * For vouchers imported already posted from another system (a county's legacy software): its
     * reference for the voucher and the 记账 / 审核 names it recorded. Null for vouchers booked here.
     */
    sourceRef: text('source_ref'),
    sourcePreparer: text('source_preparer'),
    sourceReviewer: text('source_reviewer'),
    /**
     * The resolved 四议两公开 matter that authorises a major payment, loan, asset disposal or
     * borrowing, and JSON of the rule applied at posting (threshold, amount, basis). Null below it.
     */
    matterId: text('matter_id'),
    matterRule: text('matter_rule'),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('vouchers_source_ref_idx').on(t.countyCode, t.ledgerId, t.sourceRef),
    uniqueIndex('vouchers_chain_idx').on(t.countyCode, t.ledgerId, t.chainSeq),
    uniqueIndex('vouchers_number_idx').on(t.countyCode, t.ledgerId, t.period, t.number),
    uniqueIndex('vouchers_reverses_idx').on(t.countyCode, t.reversesId),
    index('vouchers_ledger_idx').on(t.countyCode, t.ledgerId, t.status, t.period),
    // Pages of a ledger's vouchers go in id order (cursor `after`): without it a page walked the
    // primary key over every voucher of the county until it had found enough of this ledger's.
    index('vouchers_ledger_page_idx').on(t.countyCode, t.ledgerId, t.id),
    foreignKey({ columns: [t.countyCode, t.ledgerId], foreignColumns: [ledgers.countyCode, ledgers.id] }),
  ],
)

export const voucherLines = ledgerSchema.table(
  'voucher_lines',
  {
    countyCode: countyCode(),
    voucherId: text('voucher_id').notNull(),
    lineNo: integer('line_no').notNull(),
    ledgerId: text('ledger_id').notNull(),
    accountCode: text('account_code').notNull(),
    summary: text('summary'),
    debit: fen('debit'),
    credit: fen('credit'),
    counterparty: text('counterparty'),
    reference: text('reference'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.voucherId, t.lineNo] }),
    foreignKey({
      columns: [t.countyCode, t.voucherId],
      foreignColumns: [vouchers.countyCode, vouchers.id],
    }).onDelete('cascade'),
    index('voucher_lines_account_idx').on(t.countyCode, t.ledgerId, t.accountCode),
  ],
)

/**
 * 村账乡代管 approval chain on a voucher: prepared (报账员), reviewed (民主理财小组 / 村务监督委员会),
 * signed (村委会主任), audited (乡镇经管站). One row per step; a key takes at most one step.
 */
export const voucherApprovals = ledgerSchema.table(
  'voucher_approvals',
  {
    countyCode: countyCode(),
    voucherId: text('voucher_id').notNull(),
    step: text('step').notNull(),
    keyId: text('key_id').notNull(),
    role: text('role').notNull(),
    /** Who signed, as written on the voucher (name and body), for the record. */
    signer: text('signer').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.voucherId, t.step] }),
    uniqueIndex('voucher_approvals_key_idx').on(t.countyCode, t.voucherId, t.keyId),
    foreignKey({
      columns: [t.countyCode, t.voucherId],
      foreignColumns: [vouchers.countyCode, vouchers.id],
    }).onDelete('cascade'),
  ],
)

/** Posted totals per ledger, month and leaf account; period `0000-00` holds opening balances. */
export const balances = ledgerSchema.table(
  'balances',
  {
    countyCode: countyCode(),
    ledgerId: text('ledger_id').notNull(),
    period: text('period').notNull(),
    accountCode: text('account_code').notNull(),
    debit: fen('debit'),
    credit: fen('credit'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.ledgerId, t.period, t.accountCode] })],
)

/** Last voucher number per ledger and month; its row lock serialises numbering. */
export const voucherCounters = ledgerSchema.table(
  'voucher_counters',
  {
    countyCode: countyCode(),
    ledgerId: text('ledger_id').notNull(),
    period: text('period').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.ledgerId, t.period] })],
)

/** Closed months; a month without a row is open. */
export const closedPeriods = ledgerSchema.table(
  'closed_periods',
  {
    countyCode: countyCode(),
    ledgerId: text('ledger_id').notNull(),
    period: text('period').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
    closedBy: text('closed_by').notNull(),
    /** sha256 over the month's posted vouchers, sealed at closing. */
    seal: text('seal').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.ledgerId, t.period] })],
)

/** Reopenings, kept for the record (admin only, with a reason). */
export const periodReopenings = ledgerSchema.table(
  'period_reopenings',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    ledgerId: text('ledger_id').notNull(),
    period: text('period').notNull(),
    reason: text('reason').notNull(),
    reopenedBy: text('reopened_by').notNull(),
    seal: text('seal').notNull(),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
)

/** 余额核对: a balance someone saw (a bank statement, a cash count), checked against the books. */
export const balanceAssertions = ledgerSchema.table(
  'balance_assertions',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    ledgerId: text('ledger_id').notNull(),
    accountCode: text('account_code').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    period: text('period').notNull(),
    balance: bigint('balance', { mode: 'bigint' }).notNull(),
    source: text('source'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('balance_assertions_period_idx').on(t.countyCode, t.ledgerId, t.period),
  ],
)

/**
 * 飞地抱团 and other money between two collectives: one voucher in each ledger, created and
 * posted together, never one voucher touching two ledgers.
 */
export const ledgerLinks = ledgerSchema.table(
  'ledger_links',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    summary: text('summary').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    purpose: text('purpose').notNull(),
    /** The from side's county: `county_code` too, except on the copy kept in the to side's county. */
    fromCountyCode: text('from_county_code').notNull(),
    fromLedgerId: text('from_ledger_id').notNull(),
    fromVoucherId: text('from_voucher_id').notNull(),
    toCountyCode: text('to_county_code').notNull(),
    toLedgerId: text('to_ledger_id').notNull(),
    toVoucherId: text('to_voucher_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('ledger_links_from_idx').on(t.countyCode, t.fromLedgerId),
    index('ledger_links_to_idx').on(t.toCountyCode, t.toLedgerId),
  ],
)

/** 晒财务: a frozen financial disclosure for a month or quarter, with the sha256 of its content. */
export const disclosures = ledgerSchema.table(
  'disclosures',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    ledgerId: text('ledger_id').notNull(),
    villageCode: text('village_code').notNull(),
    period: text('period').notNull(),
    /** The exact JSON text that was published; the hash is over these bytes. */
    content: text('content').notNull(),
    sha256: text('sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('disclosures_period_idx').on(t.countyCode, t.ledgerId, t.period),
    index('disclosures_village_idx').on(t.countyCode, t.villageCode),
  ],
)
