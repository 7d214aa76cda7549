import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * The 三资 registers of village collectives (members and shares, assets, resources, contracts),
 * in Postgres schema `collective`; `county_code` leads every key (Citus tenant). Money is bigint
 * fen, areas (亩) exact numerics. History is kept by dated rows, never by overwriting: a share
 * holding that changes is closed (`valid_to`) and followed by new rows.
 */
export const collectiveSchema = pgSchema('collective')

const countyCode = () => text('county_code').notNull()
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
const day = (name: string) => date(name, { mode: 'string' })
const fen = (name: string) => bigint(name, { mode: 'bigint' })
/** 亩 with four decimals (0.0001 亩 ≈ 0.07 m²), up to 10¹⁰ 亩: exact, never a float. */
const mu = (name: string) => numeric(name, { precision: 14, scale: 4 })

/** A collective economic organisation whose registers these are, bound to its ledger (账套). */
export const collectives = collectiveSchema.table(
  'collectives',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    /** The ledger service's id of its books; one register set per ledger. */
    ledgerId: text('ledger_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('collectives_ledger_unique').on(t.countyCode, t.ledgerId),
    index('collectives_village_idx').on(t.countyCode, t.villageCode),
  ],
)

/** The foreign key of a register row to its collective, inside the county. */
const collectiveRef = (t: { countyCode: AnyPgColumn; collectiveId: AnyPgColumn }) =>
  foreignKey({
    columns: [t.countyCode, t.collectiveId],
    foreignColumns: [collectives.countyCode, collectives.id],
  })

/** 户: a household of the collective, with its number in the register (户号). */
export const households = collectiveSchema.table(
  'households',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    number: text('number').notNull(),
    headName: text('head_name').notNull(),
    /** The organisation package's person id of the head, where recorded. */
    headPersonId: text('head_person_id'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('households_number_unique').on(t.countyCode, t.collectiveId, t.number),
    collectiveRef(t),
  ],
)

/** 集体经济组织成员: one membership, from 取得 to 丧失, each with its reason. */
export const members = collectiveSchema.table(
  'members',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    householdId: text('household_id').notNull(),
    name: text('name').notNull(),
    personId: text('person_id'),
    joinedOn: day('joined_on').notNull(),
    joinReason: text('join_reason').notNull(),
    leftOn: day('left_on'),
    leaveReason: text('leave_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('members_collective_idx').on(t.countyCode, t.collectiveId, t.householdId),
    foreignKey({
      columns: [t.countyCode, t.householdId],
      foreignColumns: [households.countyCode, households.id],
    }),
    check('members_left_after_joined', sql`${t.leftOn} is null or ${t.leftOn} >= ${t.joinedOn}`),
  ],
)

/** 股种: a kind of share of the 折股量化 (人口股, 劳龄股, 集体股 …) and who holds it. */
export const shareKinds = collectiveSchema.table(
  'share_kinds',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    name: text('name').notNull(),
    /** member | household | collective */
    holder: text('holder').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('share_kinds_name_unique').on(t.countyCode, t.collectiveId, t.name),
    collectiveRef(t),
  ],
)

/**
 * A holding of shares of one kind by a member, a household or the collective, valid over
 * [valid_from, valid_to). A change closes it and opens its successors (`previous_id`).
 */
export const holdings = collectiveSchema.table(
  'holdings',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    kindId: text('kind_id').notNull(),
    /** member | household | collective */
    holderKind: text('holder_kind').notNull(),
    holderId: text('holder_id').notNull(),
    units: fen('units').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    /** initial | inheritance | transfer | adjustment */
    reason: text('reason').notNull(),
    previousId: text('previous_id'),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('holdings_collective_idx').on(t.countyCode, t.collectiveId, t.validFrom),
    foreignKey({ columns: [t.countyCode, t.kindId], foreignColumns: [shareKinds.countyCode, shareKinds.id] }),
    check('holdings_units_positive', sql`${t.units} > 0`),
    check('holdings_valid_range', sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
)

/** 分红: the members' part of a distribution, split to households on the record day. */
export const payouts = collectiveSchema.table(
  'payouts',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    ledgerId: text('ledger_id').notNull(),
    recordDate: day('record_date').notNull(),
    payDate: day('pay_date').notNull(),
    amount: fen('amount').notNull(),
    /** The part falling on shares the collective holds (集体股): stays in its books. */
    retained: fen('retained').notNull(),
    /** The funds service's distribution run this pays out, where there is one. */
    distributionRunId: text('distribution_run_id'),
    summary: text('summary').notNull(),
    /** JSON arrays of the ledger's draft voucher ids (应付 then 支付). */
    payableVoucherIds: text('payable_voucher_ids').notNull().default('[]'),
    paymentVoucherIds: text('payment_voucher_ids').notNull().default('[]'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('payouts_collective_idx').on(t.countyCode, t.collectiveId, t.recordDate),
    collectiveRef(t),
    check('payouts_amount_positive', sql`${t.amount} > 0`),
  ],
)

export const payoutLines = collectiveSchema.table(
  'payout_lines',
  {
    countyCode: countyCode(),
    payoutId: text('payout_id').notNull(),
    householdId: text('household_id').notNull(),
    units: fen('units').notNull(),
    amount: fen('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.payoutId, t.householdId] }),
    foreignKey({ columns: [t.countyCode, t.payoutId], foreignColumns: [payouts.countyCode, payouts.id] }),
  ],
)

/** 资产卡片: a fixed asset or long-term investment of the collective. */
export const assets = collectiveSchema.table(
  'assets',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    name: text('name').notNull(),
    /** fixed (151 固定资产) | investment (141 长期投资) */
    category: text('category').notNull(),
    /** operating 经营性 | public_welfare 公益性 | household 到户类 */
    assetClass: text('asset_class').notNull(),
    cost: fen('cost').notNull(),
    acquiredOn: day('acquired_on').notNull(),
    location: text('location').notNull(),
    manager: text('manager').notNull(),
    managerPersonId: text('manager_person_id'),
    /** JSON arrays of the funds service's source and project ids (资金来源, 项目). */
    fundSourceIds: text('fund_source_ids').notNull().default('[]'),
    projectIds: text('project_ids').notNull().default('[]'),
    /** straight_line | none */
    depreciationMethod: text('depreciation_method').notNull(),
    usefulLifeMonths: integer('useful_life_months'),
    residualValue: fen('residual_value').notNull().default(sql`0`),
    disposedOn: day('disposed_on'),
    /** The ledger entry the card was made from (voucher id, line number); null for other cards. */
    sourceVoucherId: text('source_voucher_id'),
    sourceLineNo: integer('source_line_no'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('assets_collective_idx').on(t.countyCode, t.collectiveId, t.category),
    // One entry makes one card (nulls are distinct: cards not made from an entry are unaffected).
    uniqueIndex('assets_source_entry_unique').on(t.countyCode, t.sourceVoucherId, t.sourceLineNo),
    collectiveRef(t),
    check('assets_cost_positive', sql`${t.cost} > 0`),
  ],
)

/** 所有权份额: who owns an asset and by how many units (确权). */
export const assetOwners = collectiveSchema.table(
  'asset_owners',
  {
    countyCode: countyCode(),
    assetId: text('asset_id').notNull(),
    /** collective | village | household | enterprise */
    holderKind: text('holder_kind').notNull(),
    holderId: text('holder_id').notNull(),
    holderName: text('holder_name').notNull(),
    units: fen('units').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.assetId, t.holderKind, t.holderId] }),
    foreignKey({ columns: [t.countyCode, t.assetId], foreignColumns: [assets.countyCode, assets.id] }),
  ],
)

/** 资产处置: one per asset; it ends the card (depreciation stops the month after). */
export const assetDisposals = collectiveSchema.table(
  'asset_disposals',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    assetId: text('asset_id').notNull(),
    disposedOn: day('disposed_on').notNull(),
    /** sale | scrap | transfer | donation | loss */
    kind: text('kind').notNull(),
    proceeds: fen('proceeds').notNull(),
    bookValue: fen('book_value').notNull(),
    /** The 四议两公开 matter that decided it (required at or above the major-matter amount). */
    matterId: text('matter_id'),
    majorMatterAmount: fen('major_matter_amount').notNull(),
    note: text('note').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('asset_disposals_asset_unique').on(t.countyCode, t.assetId),
    foreignKey({ columns: [t.countyCode, t.assetId], foreignColumns: [assets.countyCode, assets.id] }),
  ],
)

/** 资源: land, forest, water, buildings owned by the collective (seed 001's 闲置资源库). */
export const resources = collectiveSchema.table(
  'resources',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    areaMu: mu('area_mu').notNull(),
    location: text('location').notNull(),
    /** self_operated | contracted | leased | idle */
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('resources_collective_idx').on(t.countyCode, t.collectiveId, t.status),
    collectiveRef(t),
    check('resources_area_positive', sql`${t.areaMu} > 0`),
  ],
)

/** 合同: 发包, 租赁 or 流转 of resources or assets, with its payment schedule. */
export const contracts = collectiveSchema.table(
  'contracts',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    number: text('number').notNull(),
    /** contracting 发包 | lease 租赁 | transfer 流转 */
    kind: text('kind').notNull(),
    /**
     * outbound: the collective lets its resources or assets and is paid (应收); inbound: it takes
     * land in from the party (村集体统一流转入, e.g. households' 承包地) and pays (应付).
     */
    direction: text('direction').notNull().default('outbound'),
    /** household | enterprise | collective | person */
    partyKind: text('party_kind').notNull(),
    partyId: text('party_id'),
    partyName: text('party_name').notNull(),
    signedOn: day('signed_on').notNull(),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
    amount: fen('amount').notNull(),
    matterId: text('matter_id'),
    majorMatterAmount: fen('major_matter_amount').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('contracts_number_unique').on(t.countyCode, t.collectiveId, t.number),
    index('contracts_ends_idx').on(t.countyCode, t.collectiveId, t.endsOn),
    collectiveRef(t),
    check('contracts_amount_positive', sql`${t.amount} > 0`),
    check('contracts_term', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
)

/** What a contract covers: resources (with the area let) or assets. */
export const contractItems = collectiveSchema.table(
  'contract_items',
  {
    countyCode: countyCode(),
    contractId: text('contract_id').notNull(),
    /** resource | asset */
    itemKind: text('item_kind').notNull(),
    itemId: text('item_id').notNull(),
    areaMu: mu('area_mu'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.contractId, t.itemKind, t.itemId] }),
    foreignKey({
      columns: [t.countyCode, t.contractId],
      foreignColumns: [contracts.countyCode, contracts.id],
    }),
  ],
)

/** The payment schedule: each instalment, the period it pays for, and its vouchers once drafted. */
export const contractPayments = collectiveSchema.table(
  'contract_payments',
  {
    countyCode: countyCode(),
    contractId: text('contract_id').notNull(),
    seq: integer('seq').notNull(),
    dueOn: day('due_on').notNull(),
    amount: fen('amount').notNull(),
    coversFrom: day('covers_from').notNull(),
    coversTo: day('covers_to').notNull(),
    receivableVoucherId: text('receivable_voucher_id'),
    receiptVoucherId: text('receipt_voucher_id'),
    receivedOn: day('received_on'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.contractId, t.seq] }),
    foreignKey({
      columns: [t.countyCode, t.contractId],
      foreignColumns: [contracts.countyCode, contracts.id],
    }),
    check('contract_payments_amount_positive', sql`${t.amount} > 0`),
  ],
)

/**
 * 记账 of the registers: a voucher drafted in the collective's ledger from its registers, once
 * per subject and period — a contract's year of 预收 moved to income (rent_transfer: Dr 211 /
 * Cr 501) or of 长期待摊费用 amortised (amortisation: Dr 511 / Cr 171), a ledger's month of
 * depreciation (depreciation: Dr expense / Cr 152), a distribution run's monitored households
 * paid (monitored_payout: Dr 211 / Cr 102). The unique key makes every step idempotent; `detail`
 * keeps what the voucher was built from (instalments, cards, households) as the payout list.
 */
export const bookings = collectiveSchema.table(
  'bookings',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    collectiveId: text('collective_id').notNull(),
    ledgerId: text('ledger_id').notNull(),
    /** rent_transfer | amortisation | depreciation | monitored_payout */
    kind: text('kind').notNull(),
    /** The contract, the ledger or the distribution run booked. */
    subjectId: text('subject_id').notNull(),
    /** `YYYY` (a contract's year), `YYYY-MM` (a month's depreciation) or '' (a payout, once). */
    period: text('period').notNull(),
    voucherDate: day('voucher_date').notNull(),
    /** JSON array of the ledger's draft voucher ids. */
    voucherIds: text('voucher_ids').notNull(),
    amount: fen('amount').notNull(),
    /** JSON: the lines the voucher was built from (fen as strings). */
    detail: text('detail').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('bookings_subject_unique').on(t.countyCode, t.collectiveId, t.kind, t.subjectId, t.period),
    collectiveRef(t),
    check('bookings_amount_positive', sql`${t.amount} > 0`),
  ],
)
