import { BusinessDate, type Fen, formatMoney, Id, MoneyOut } from '@liancun/core'
import {
  type DistributionRun,
  FUND_KINDS,
  FUND_LEVELS,
  type FundSource,
  formatPercent,
  PROJECT_CATEGORIES,
  PROJECT_STATUSES,
  type Project,
} from '@liancun/funds'
import { z } from 'zod'
import type { Target } from '../../auth/scope.js'

/** Response contracts of the funds routes; money leaves as the wire string, percentages as "55.00". */

const money = (fen: Fen) => formatMoney(fen)
const Percent = z.string().meta({ description: 'percentage (%)', example: '40.00' })

export const FundSourceOut = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(FUND_KINDS),
    level: z.enum(FUND_LEVELS),
    documentNo: z.string(),
    fiscalYear: z.number().int(),
    amount: MoneyOut,
    receivedOn: BusinessDate,
    holder: z.union([
      z.object({ kind: z.enum(['county', 'township']), code: z.string() }),
      z.object({ kind: z.literal('alliance'), id: Id }),
    ]),
    divisionCode: z.string().meta({ description: 'county or township the holder sits in' }),
    allowedCategories: z.array(z.enum(PROJECT_CATEGORIES)),
    excludedUses: z.array(z.string()),
    minIndustryShare: Percent.nullable(),
    directFund: z.boolean(),
    allocated: MoneyOut.meta({ description: '已安排' }),
    disbursed: MoneyOut.meta({ description: '已拨付' }),
    available: MoneyOut.meta({ description: 'amount − allocated: what may still be allocated' }),
    createdAt: z.string(),
  })
  .meta({ id: 'FundSource' })

export function sourceToWire(s: FundSource) {
  return {
    ...s,
    kind: s.kind as (typeof FUND_KINDS)[number],
    level: s.level as (typeof FUND_LEVELS)[number],
    amount: money(s.amount),
    minIndustryShare: s.minIndustryShareBp === null ? null : formatPercent(s.minIndustryShareBp),
    allocated: money(s.allocated),
    disbursed: money(s.disbursed),
    available: money(s.available),
  }
}

const Implementer = z.union([z.object({ villageCode: z.string() }), z.object({ partnerId: Id })])

export const TrancheOut = z
  .object({
    id: Id,
    label: z.string(),
    trigger: z.enum(['start', 'milestone', 'acceptance', 'date']),
    percent: Percent.nullable(),
    amount: MoneyOut,
    retention: z.boolean(),
    dueOn: BusinessDate.nullable(),
    milestoneMetOn: BusinessDate.nullable().optional(),
    disbursed: MoneyOut.optional(),
  })
  .meta({ id: 'Tranche' })

export function trancheToWire(t: {
  id: string
  label: string
  trigger: string
  percentBp: bigint | null
  amount: Fen
  retention: boolean
  dueOn: string | null
  milestoneMetOn?: string | null
  disbursed?: Fen
}) {
  return {
    id: t.id,
    label: t.label,
    trigger: t.trigger as 'start' | 'milestone' | 'acceptance' | 'date',
    percent: t.percentBp === null ? null : formatPercent(t.percentBp),
    amount: money(t.amount),
    retention: t.retention,
    dueOn: t.dueOn,
    ...(t.milestoneMetOn !== undefined ? { milestoneMetOn: t.milestoneMetOn } : {}),
    ...(t.disbursed !== undefined ? { disbursed: money(t.disbursed) } : {}),
  }
}

export const ProjectOut = z
  .object({
    id: Id,
    name: z.string(),
    category: z.enum(PROJECT_CATEGORIES),
    allianceId: Id.nullable(),
    townshipCode: z.string(),
    implementer: Implementer,
    budget: MoneyOut,
    location: z.string(),
    startOn: BusinessDate,
    endOn: BusinessDate,
    benefitMechanism: z.string().meta({ description: '利益联结机制' }),
    proposedBy: z.enum(['village', 'alliance', 'township']),
    status: z.enum(PROJECT_STATUSES),
    beneficiaries: z.array(z.object({ villageCode: z.string(), units: z.number().int() })),
    targets: z.array(
      z.object({
        level1: z.enum(['output', 'benefit', 'satisfaction']),
        indicator: z.string(),
        unit: z.string(),
        target: z.string(),
        actuals: z.array(z.object({ period: z.string(), actual: z.string() })),
      }),
    ),
    acceptance: z
      .object({
        acceptedOn: BusinessDate,
        assetClass: z.string(),
        note: z.string().nullable(),
        shares: z.array(
          z.object({
            holder: z.string().meta({ description: 'village:<code> or partner:<id>' }),
            contribution: z.string(),
            valuation: MoneyOut.meta({ description: '折股 value: the share units' }),
          }),
        ),
      })
      .nullable()
      .meta({ description: '验收 record with the ownership shares (确权)' }),
    notices: z.array(
      z.object({
        id: Id,
        stage: z.enum(['approval', 'completion']),
        from: BusinessDate,
        // Derived (from + days − 1), so it may pass the last day a client can send (2099-12-31).
        until: z.string().meta({ description: 'last day of the notice, YYYY-MM-DD' }),
        days: z.number().int(),
        channels: z.array(z.string()),
      }),
    ),
    funding: z.array(z.object({ fundSourceId: Id, allocated: MoneyOut, disbursed: MoneyOut })),
    allocated: MoneyOut,
    disbursed: MoneyOut,
    paymentPlan: z.array(TrancheOut),
    createdAt: z.string(),
  })
  .meta({ id: 'Project' })

export function projectToWire(p: Project) {
  return {
    ...p,
    budget: money(p.budget),
    beneficiaries: p.beneficiaries.map((b) => ({ villageCode: b.villageCode, units: Number(b.units) })),
    acceptance: p.acceptance
      ? {
          ...p.acceptance,
          shares: p.acceptance.shares.map((s) => ({
            holder: s.holder,
            contribution: s.contribution,
            valuation: money(s.units),
          })),
        }
      : null,
    funding: p.funding.map((f) => ({
      fundSourceId: f.fundSourceId,
      allocated: money(f.allocated),
      disbursed: money(f.disbursed),
    })),
    allocated: money(p.allocated),
    disbursed: money(p.disbursed),
    paymentPlan: p.paymentPlan.map(trancheToWire),
  }
}

export const TransitionOut = z
  .object({
    id: Id,
    from: z.string(),
    to: z.string(),
    on: BusinessDate,
    note: z.string(),
    decisionRef: Id.nullable(),
    gate: z.record(z.string(), z.unknown()).nullable().meta({
      description: 'what the step was checked against: the 四议两公开 decision, the rule amount, the notice',
    }),
    actor: z.string(),
    at: z.string(),
  })
  .meta({ id: 'ProjectTransition' })

export const VoucherRef = z
  .object({
    voucherId: Id.nullable(),
    ledgerId: Id.nullable(),
    voucherStatus: z
      .enum(['draft', 'posted', 'reversed', 'missing'])
      .nullable()
      .meta({ description: 'state of the voucher in the village ledger, read live' }),
    voucherLabel: z.string().nullable(),
  })
  .meta({ id: 'VoucherRef' })

export const DisbursementOut = z
  .object({
    id: Id,
    projectId: Id,
    trancheId: Id,
    fundSourceId: Id,
    amount: MoneyOut,
    date: BusinessDate,
    status: z.enum(['drafted', 'booked', 'reversed']).meta({
      description:
        'drafted: the voucher awaits the village reviewer; booked: it is posted in the village ledger; reversed: posted, then reversed (红字冲销)',
    }),
    voucher: VoucherRef,
  })
  .meta({ id: 'Disbursement' })

export const DistributionRunOut = z
  .object({
    id: Id,
    projectId: Id,
    revenueId: Id,
    policyVersion: z.string(),
    date: BusinessDate,
    revenue: MoneyOut,
    policy: z.object({
      version: z.string(),
      guaranteed: z.array(z.object({ villageCode: z.string(), amount: MoneyOut })),
      reservePercent: Percent,
      monitoredHouseholdsPercent: Percent,
      shortfall: z.enum(['pro_rata', 'operator_owes']),
    }),
    holders: z.array(
      z.object({
        key: z.string(),
        units: z.string().meta({ description: 'share units (fen of valuation)' }),
      }),
    ),
    stages: z.array(
      z.object({
        name: z.enum(['guaranteed', 'reserve', 'monitored_households', 'by_shares']),
        available: MoneyOut,
        amount: MoneyOut,
        split: z
          .object({
            total: MoneyOut,
            totalUnits: z.string(),
            leftover: z.string().meta({ description: 'fen handed out one by one after the floors' }),
            shares: z.array(
              z.object({
                key: z.string(),
                units: z.string(),
                floor: MoneyOut,
                remainder: z
                  .string()
                  .meta({ description: 'numerator of the fractional quota over totalUnits' }),
                extra: z.string().meta({ description: '1 if this share received a leftover fen (分)' }),
                amount: MoneyOut,
                rank: z.number().int().meta({ description: 'position in the tie-break order' }),
              }),
            ),
          })
          .nullable()
          .meta({ description: 'the exact largest-remainder split with its tie-break trace' }),
      }),
    ),
    operatorOwes: MoneyOut,
    lines: z.array(
      z.object({
        recipient: z.string(),
        villageCode: z.string().nullable(),
        amount: MoneyOut,
        voucher: VoucherRef,
      }),
    ),
    monitoredHouseholds: z
      .array(z.object({ ref: z.string(), amount: MoneyOut }))
      .meta({ description: 'the monitored households’ part, payable to each named household (211 应付款)' }),
    decision: z.record(z.string(), z.unknown()).nullable().meta({
      description: 'the 四议两公开 matter adopting the plan, as found at the run; null on older runs',
    }),
    reproduced: z
      .boolean()
      .optional()
      .meta({ description: 're-running the stored inputs gave the stored result' }),
    createdAt: z.string(),
  })
  .meta({ id: 'DistributionRun' })

export type VoucherRefWire = z.infer<typeof VoucherRef>

export function runToWire(
  run: DistributionRun & { reproduced?: boolean },
  vouchers: (id: string | null, ledgerId: string | null) => VoucherRefWire,
) {
  return {
    id: run.id,
    projectId: run.projectId,
    revenueId: run.revenueId,
    policyVersion: run.policyVersion,
    date: run.date,
    revenue: money(run.revenue),
    policy: {
      version: run.policy.version,
      guaranteed: run.policy.guaranteed.map((g) => ({ villageCode: g.villageCode, amount: money(g.amount) })),
      reservePercent: formatPercent(run.policy.reserveBp),
      monitoredHouseholdsPercent: formatPercent(run.policy.monitoredHouseholdsBp),
      shortfall: run.policy.shortfall,
    },
    holders: run.holders.map((h) => ({ key: h.key, units: h.units.toString() })),
    stages: run.outcome.stages.map((s) => ({
      name: s.name,
      available: money(s.available),
      amount: money(s.amount),
      split: s.split
        ? {
            total: money(s.split.total),
            totalUnits: s.split.totalUnits.toString(),
            leftover: s.split.leftover.toString(),
            shares: s.split.shares.map((share) => ({
              key: share.key,
              units: share.units.toString(),
              floor: money(share.floor),
              remainder: share.remainder.toString(),
              extra: share.extra.toString(),
              amount: money(share.amount),
              rank: share.rank,
            })),
          }
        : null,
    })),
    operatorOwes: money(run.outcome.operatorOwes),
    lines: run.lines.map((l) => ({
      recipient: l.recipient,
      villageCode: l.villageCode,
      amount: money(l.amount),
      voucher: vouchers(l.voucherId, l.ledgerId),
    })),
    monitoredHouseholds: run.monitoredHouseholds.map((h) => ({ ref: h.ref, amount: money(h.amount) })),
    decision: run.decision,
    ...(run.reproduced !== undefined ? { reproduced: run.reproduced } : {}),
    createdAt: run.createdAt,
  }
}

/** Scope of a source: its holder's division, or its alliance. */
export function sourceTarget(source: {
  holder: { kind: string; id?: string }
  divisionCode: string
}): Target {
  return source.holder.kind === 'alliance'
    ? { kind: 'alliance', id: source.holder.id!, townshipCode: source.divisionCode }
    : { kind: 'division', code: source.divisionCode }
}
