import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
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
 * The funds domain's tables, in Postgres schema `funds`; `county_code` leads every key (Citus
 * tenant). Money is bigint fen. Totals (allocated, disbursed, distributed) are never stored: they
 * are summed from the records, so they cannot drift from them.
 */
export const fundsSchema = pgSchema('funds')

const countyCode = () => text('county_code').notNull()
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/** 资金来源: money issued by a superior level, held by a county, township or alliance. */
export const fundSources = fundsSchema.table(
  'fund_sources',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    documentNo: text('document_no').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** county | township | alliance */
    holderKind: text('holder_kind').notNull(),
    /** The division code of a county or township holder, or the alliance id. */
    holderId: text('holder_id').notNull(),
    /** County or township code the source sits in (an alliance's township): scope and `within`. */
    divisionCode: text('division_code').notNull(),
    /** JSON array of project categories the money may fund. */
    allowedCategories: text('allowed_categories').notNull(),
    /** JSON array of uses the issuing document forbids (负面清单), as written there. */
    excludedUses: text('excluded_uses').notNull(),
    /** Required industry share in basis points (5500 = 55.00%), or null. */
    minIndustryShareBp: integer('min_industry_share_bp'),
    /** 直达资金: identifiable down to each payment. */
    directFund: boolean('direct_fund').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('fund_sources_division_idx').on(t.countyCode, t.divisionCode, t.fiscalYear),
    check('fund_sources_amount_positive', sql`${t.amount} > 0`),
  ],
)

/** 项目库 entry and its lifecycle state. */
export const projects = fundsSchema.table(
  'projects',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    allianceId: text('alliance_id'),
    townshipCode: text('township_code').notNull(),
    implementerVillageCode: text('implementer_village_code'),
    implementerPartnerId: text('implementer_partner_id'),
    budget: bigint('budget', { mode: 'bigint' }).notNull(),
    location: text('location').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    benefitMechanism: text('benefit_mechanism').notNull(),
    proposedBy: text('proposed_by').notNull(),
    status: text('status').notNull(),
    /** 验收 record as JSON (acceptedOn, asset class, value, note) once accepted. */
    acceptance: text('acceptance'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('projects_township_idx').on(t.countyCode, t.townshipCode, t.status),
  ],
)

/** Villages that benefit, with their units (人数, 户数, 亩 …) as the library records them. */
export const projectBeneficiaries = fundsSchema.table(
  'project_beneficiaries',
  {
    countyCode: countyCode(),
    projectId: text('project_id').notNull(),
    villageCode: text('village_code').notNull(),
    units: bigint('units', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.projectId, t.villageCode] }),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)

/** 绩效目标: one indicator of the target sheet. */
export const projectTargets = fundsSchema.table(
  'project_targets',
  {
    countyCode: countyCode(),
    projectId: text('project_id').notNull(),
    position: integer('position').notNull(),
    level1: text('level1').notNull(),
    indicator: text('indicator').notNull(),
    unit: text('unit').notNull(),
    target: text('target').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.projectId, t.position] }),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)

/** 绩效 readings: the actual value of an indicator for a period. */
export const projectResults = fundsSchema.table(
  'project_results',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    projectId: text('project_id').notNull(),
    indicator: text('indicator').notNull(),
    period: text('period').notNull(),
    actual: text('actual').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('project_results_project_idx').on(t.countyCode, t.projectId),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)

/** Every lifecycle step, refused ones never stored: who, when, why, on which decision. */
export const projectTransitions = fundsSchema.table(
  'project_transitions',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    projectId: text('project_id').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    decisionRef: text('decision_ref'),
    /** What the gate found (decision standing, notice, rule amount), as JSON. */
    gate: text('gate'),
    actor: text('actor').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('project_transitions_project_idx').on(t.countyCode, t.projectId),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)

/** 公告公示 of a project at approval or completion. */
export const projectNotices = fundsSchema.table(
  'project_notices',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    projectId: text('project_id').notNull(),
    stage: text('stage').notNull(),
    from: date('valid_from', { mode: 'string' }).notNull(),
    until: date('valid_until', { mode: 'string' }).notNull(),
    days: integer('days').notNull(),
    channels: text('channels').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('project_notices_project_idx').on(t.countyCode, t.projectId),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)

/** 确权: ownership shares of the assets formed, set at acceptance from actual contributions. */
export const projectShares = fundsSchema.table(
  'project_shares',
  {
    countyCode: countyCode(),
    projectId: text('project_id').notNull(),
    /** `village:<code>` or `partner:<id>` */
    holder: text('holder').notNull(),
    contribution: text('contribution').notNull(),
    /** Valuation of the contribution in fen: the share units. */
    units: bigint('units', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.projectId, t.holder] }),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)

/** 资金安排: part of a source committed to a project. */
export const allocations = fundsSchema.table(
  'allocations',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    /** County of the source (a project and its source may sit in one county only). */
    fundSourceId: text('fund_source_id').notNull(),
    projectId: text('project_id').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('allocations_source_idx').on(t.countyCode, t.fundSourceId),
    index('allocations_project_idx').on(t.countyCode, t.projectId),
    foreignKey({
      columns: [t.countyCode, t.fundSourceId],
      foreignColumns: [fundSources.countyCode, fundSources.id],
    }),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
    check('allocations_amount_positive', sql`${t.amount} > 0`),
  ],
)

/** One tranche of a project's payment plan (a plan is its tranches, in position order). */
export const tranches = fundsSchema.table(
  'tranches',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    projectId: text('project_id').notNull(),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    trigger: text('trigger').notNull(),
    /** Basis points of the allocated total when the plan was given in percent, else null. */
    percentBp: integer('percent_bp'),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    retention: boolean('retention').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    milestoneMetOn: date('milestone_met_on', { mode: 'string' }),
    milestoneEvidence: text('milestone_evidence'),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('tranches_project_idx').on(t.countyCode, t.projectId, t.position),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)

/** 拨付: money paid from a source into a village ledger under a tranche. */
export const disbursements = fundsSchema.table(
  'disbursements',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    projectId: text('project_id').notNull(),
    trancheId: text('tranche_id').notNull(),
    fundSourceId: text('fund_source_id').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    ledgerId: text('ledger_id').notNull(),
    /** The draft voucher created in the same transaction (Dr 102 / Cr 241). */
    voucherId: text('voucher_id'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('disbursements_project_idx').on(t.countyCode, t.projectId),
    index('disbursements_source_idx').on(t.countyCode, t.fundSourceId),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
    foreignKey({ columns: [t.countyCode, t.trancheId], foreignColumns: [tranches.countyCode, tranches.id] }),
    foreignKey({
      columns: [t.countyCode, t.fundSourceId],
      foreignColumns: [fundSources.countyCode, fundSources.id],
    }),
    check('disbursements_amount_positive', sql`${t.amount} > 0`),
  ],
)

/** 收益: income a project earned in a period. */
export const revenues = fundsSchema.table(
  'revenues',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    projectId: text('project_id').notNull(),
    period: text('period').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('revenues_project_idx').on(t.countyCode, t.projectId),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
    check('revenues_amount_positive', sql`${t.amount} > 0`),
  ],
)

/** 收益分配 run: inputs, policy, every stage's split with its tie-break trace. One per revenue. */
export const distributionRuns = fundsSchema.table(
  'distribution_runs',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    projectId: text('project_id').notNull(),
    revenueId: text('revenue_id').notNull(),
    policyVersion: text('policy_version').notNull(),
    /** JSON: revenue amount, policy, share holders (bigints as strings). */
    inputs: text('inputs').notNull(),
    /** JSON: the stages with quotas, outputs and ranks (bigints as strings). */
    result: text('result').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /**
     * The resolved matter adopting the distribution plan and its public notice, as JSON the app
     * found (matter id, body, disclosure); null on runs recorded before decisions were required.
     */
    decision: text('decision'),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('distribution_runs_project_idx').on(t.countyCode, t.projectId),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
    foreignKey({ columns: [t.countyCode, t.revenueId], foreignColumns: [revenues.countyCode, revenues.id] }),
    uniqueIndex('distribution_runs_one_per_revenue').on(t.countyCode, t.revenueId),
  ],
)

/** What a run gives each holder; village lines carry the draft voucher in that village's ledger. */
export const distributionLines = fundsSchema.table(
  'distribution_lines',
  {
    countyCode: countyCode(),
    runId: text('run_id').notNull(),
    /** `village:<code>`, `partner:<id>`, `reserve` or `monitored_households` */
    recipient: text('recipient').notNull(),
    villageCode: text('village_code'),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    ledgerId: text('ledger_id'),
    voucherId: text('voucher_id'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.runId, t.recipient] }),
    foreignKey({
      columns: [t.countyCode, t.runId],
      foreignColumns: [distributionRuns.countyCode, distributionRuns.id],
    }),
  ],
)

/** A county's or township's funds settings from a day (公示 days). */
export const fundRules = fundsSchema.table(
  'fund_rules',
  {
    countyCode: countyCode(),
    divisionCode: text('division_code').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    noticeDays: integer('notice_days').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.divisionCode, t.effectiveFrom] })],
)

/**
 * Which 四议两公开 decision authorised which project at 县审定. One row per project; `slot` is
 * `single` for a matter that lists no projects, so a second project under it collides.
 */
export const projectAuthorisations = fundsSchema.table(
  'project_authorisations',
  {
    countyCode: countyCode(),
    projectId: text('project_id').notNull(),
    decisionRef: text('decision_ref').notNull(),
    decisionKind: text('decision_kind').notNull(),
    slot: text('slot').notNull(),
    /** The project's budget when authorised (fen): what counts against the matter's cap. */
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    authorisedOn: date('authorised_on', { mode: 'string' }).notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.projectId] }),
    uniqueIndex('project_authorisations_slot_idx').on(t.countyCode, t.decisionRef, t.slot),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)

/** 资产确权 at acceptance (国办函〔2021〕51号): an asset the project formed, its class and cost. */
export const projectAssets = fundsSchema.table(
  'project_assets',
  {
    countyCode: countyCode(),
    projectId: text('project_id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** operating 经营性 · public_welfare 公益性 · household 到户类 */
    assetClass: text('asset_class').notNull(),
    cost: bigint('cost', { mode: 'bigint' }).notNull(),
    titledOn: date('titled_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.projectId, t.position] }),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
    check('project_assets_cost_positive', sql`${t.cost} > 0`),
  ],
)

/** An owner's share of a 确权 asset: a village collective (with its ledger) or a household. */
export const projectAssetOwners = fundsSchema.table(
  'project_asset_owners',
  {
    countyCode: countyCode(),
    projectId: text('project_id').notNull(),
    position: integer('position').notNull(),
    /** `village:<code>` or `household:<village code>:<户号 or 户主>` */
    owner: text('owner').notNull(),
    villageCode: text('village_code').notNull(),
    household: text('household'),
    value: bigint('value', { mode: 'bigint' }).notNull(),
    /** The village owner's ledger (账套); null for households, whose assets no collective books. */
    ledgerId: text('ledger_id'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.projectId, t.position, t.owner] }),
    foreignKey({
      name: 'project_asset_owners_asset_fk',
      columns: [t.countyCode, t.projectId, t.position],
      foreignColumns: [projectAssets.countyCode, projectAssets.projectId, projectAssets.position],
    }),
    check('project_asset_owners_value_positive', sql`${t.value} > 0`),
  ],
)

/**
 * The 确权 entries drafted in one ledger: the assets it owns (Dr 151 / Cr 311) and the special
 * money it received that leaves 241 (Dr 241 / Cr 153), with the draft voucher carrying them.
 */
export const projectTitleEntries = fundsSchema.table(
  'project_title_entries',
  {
    countyCode: countyCode(),
    projectId: text('project_id').notNull(),
    ledgerId: text('ledger_id').notNull(),
    owned: bigint('owned', { mode: 'bigint' }).notNull(),
    received: bigint('received', { mode: 'bigint' }).notNull(),
    voucherId: text('voucher_id'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.projectId, t.ledgerId] }),
    foreignKey({ columns: [t.countyCode, t.projectId], foreignColumns: [projects.countyCode, projects.id] }),
  ],
)
