import type {
  Asset,
  Collective,
  Contract,
  Holding,
  Household,
  Member,
  Payout,
  Resource,
  ShareKind,
} from '@liancun/collective'
import { BusinessDate, formatMoney, Id, MoneyOut } from '@liancun/core'
import { z } from 'zod'

/** Response contracts of the 三资 routes: money leaves as "123.45", share units and 亩 as strings. */

const Units = z.string().meta({ description: '股数 (whole units)', example: '10' })
const Mu = z.string().meta({ description: '面积 (亩), exact decimal', example: '80.5' })
const units = (u: bigint) => u.toString()

export const CollectiveOut = z
  .object({
    id: Id,
    villageCode: z.string(),
    name: z.string(),
    uscc: z.string(),
    ledgerId: Id,
    createdAt: z.string(),
  })
  .meta({ id: 'CollectiveRegisters' })

export const collectiveToWire = (c: Collective) => c

export const HouseholdOut = z
  .object({
    id: Id,
    collectiveId: Id,
    number: z.string().meta({ description: '户号' }),
    headName: z.string().meta({ description: '户主' }),
    headPersonId: Id.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Household' })
export const householdToWire = (h: Household) => h

export const MemberOut = z
  .object({
    id: Id,
    collectiveId: Id,
    householdId: Id,
    name: z.string(),
    personId: Id.nullable(),
    joinedOn: BusinessDate.meta({ description: '取得成员身份之日' }),
    joinReason: z.string(),
    leftOn: BusinessDate.nullable().meta({ description: '丧失成员身份之日 (not a member from this day)' }),
    leaveReason: z.string().nullable(),
  })
  .meta({ id: 'CollectiveMember' })
export const memberToWire = (m: Member) => m

export const ShareKindOut = z
  .object({
    id: Id,
    collectiveId: Id,
    name: z.string(),
    holder: z.enum(['member', 'household', 'collective']),
  })
  .meta({ id: 'ShareKind' })
export const shareKindToWire = (k: ShareKind) => k

export const HoldingOut = z
  .object({
    id: Id,
    kindId: Id,
    holderKind: z.enum(['member', 'household', 'collective']),
    holderId: Id,
    units: Units,
    validFrom: BusinessDate,
    validTo: BusinessDate.nullable().meta({ description: 'the day a change closed it (exclusive)' }),
    reason: z.string().meta({ description: 'initial, inheritance, transfer or adjustment' }),
    previousId: Id.nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Holding' })
export const holdingToWire = (h: Holding) => ({ ...h, units: units(h.units) })

export const ShareRegisterOut = z
  .object({
    collectiveId: Id,
    asOf: BusinessDate,
    kinds: z.array(ShareKindOut.extend({ units: Units })),
    totalUnits: Units,
    collectiveUnits: Units.meta({ description: '集体股' }),
    households: z.array(
      z.object({ householdId: Id, number: z.string(), headName: z.string(), units: Units }),
    ),
    holdings: z.array(HoldingOut),
  })
  .meta({ id: 'ShareRegister' })

export function registerToWire(r: {
  collectiveId: string
  asOf: string
  kinds: (ShareKind & { units: bigint })[]
  totalUnits: bigint
  collectiveUnits: bigint
  households: { householdId: string; number: string; headName: string; units: bigint }[]
  holdings: Holding[]
}) {
  return {
    ...r,
    kinds: r.kinds.map((k) => ({ ...k, units: units(k.units) })),
    totalUnits: units(r.totalUnits),
    collectiveUnits: units(r.collectiveUnits),
    households: r.households.map((h) => ({ ...h, units: units(h.units) })),
    holdings: r.holdings.map(holdingToWire),
  }
}

const payoutFields = {
  id: Id,
  collectiveId: Id,
  ledgerId: Id,
  recordDate: BusinessDate.meta({ description: '股权登记日' }),
  payDate: BusinessDate,
  amount: MoneyOut.meta({ description: 'the members’ part split' }),
  retained: MoneyOut.meta({ description: 'the 集体股 part: stays in the collective’s books' }),
  paid: MoneyOut.meta({ description: 'paid to households' }),
  distributionRunId: Id.nullable(),
  summary: z.string(),
  payableVoucherIds: z.array(Id).meta({ description: 'draft vouchers Dr 322 / Cr 211 per household' }),
  paymentVoucherIds: z.array(Id).meta({ description: 'draft vouchers Dr 211 per household / Cr 102' }),
  createdAt: z.string(),
}
export const PayoutSummaryOut = z.object(payoutFields).meta({ id: 'PayoutSummary' })
export const PayoutOut = z
  .object({
    ...payoutFields,
    lines: z.array(
      z.object({ householdId: Id, number: z.string(), headName: z.string(), units: Units, amount: MoneyOut }),
    ),
  })
  .meta({ id: 'Payout', description: '分红到户 list' })

export function payoutSummaryToWire(p: Omit<Payout, 'lines'>) {
  return {
    ...p,
    amount: formatMoney(p.amount),
    retained: formatMoney(p.retained),
    paid: formatMoney(p.paid),
  }
}

export function payoutToWire(p: Payout) {
  return {
    ...payoutSummaryToWire(p),
    lines: p.lines.map((l) => ({ ...l, units: units(l.units), amount: formatMoney(l.amount) })),
  }
}

export const AssetOut = z
  .object({
    id: Id,
    collectiveId: Id,
    name: z.string(),
    category: z.enum(['fixed', 'investment']),
    assetClass: z.string(),
    acquiredOn: BusinessDate,
    location: z.string(),
    manager: z.string(),
    managerPersonId: Id.nullable(),
    fundSourceIds: z.array(Id),
    projectIds: z.array(Id),
    owners: z.array(
      z.object({ holderKind: z.string(), holderId: z.string(), holderName: z.string(), units: Units }),
    ),
    depreciation: z.object({
      method: z.string(),
      usefulLifeMonths: z.number().int().nullable(),
      residualValue: MoneyOut,
      basis: z.string(),
    }),
    asOf: BusinessDate,
    cost: MoneyOut.meta({ description: '原值' }),
    accumulatedDepreciation: MoneyOut.meta({ description: '累计折旧 at the end of asOf' }),
    netBookValue: MoneyOut.meta({ description: '净值' }),
    monthsDepreciated: z.number().int(),
    disposal: z
      .object({
        id: Id,
        disposedOn: BusinessDate,
        kind: z.string(),
        proceeds: MoneyOut,
        bookValue: MoneyOut,
        matterId: Id.nullable(),
        majorMatterAmount: MoneyOut,
        note: z.string(),
      })
      .nullable(),
    source: z
      .object({ voucherId: Id, lineNo: z.number().int() })
      .nullable()
      .meta({ description: 'the ledger entry (voucher, line) the card was made from; null for other cards' }),
  })
  .meta({ id: 'AssetCard' })

export function assetToWire(a: Asset) {
  return {
    ...a,
    owners: a.owners.map((o) => ({ ...o, units: units(o.units) })),
    depreciation: { ...a.depreciation, residualValue: formatMoney(a.depreciation.residualValue) },
    cost: formatMoney(a.cost),
    accumulatedDepreciation: formatMoney(a.accumulatedDepreciation),
    netBookValue: formatMoney(a.netBookValue),
    disposal: a.disposal && {
      ...a.disposal,
      proceeds: formatMoney(a.disposal.proceeds),
      bookValue: formatMoney(a.disposal.bookValue),
      majorMatterAmount: formatMoney(a.disposal.majorMatterAmount),
    },
  }
}

export const ReconciliationOut = z
  .object({
    collectiveId: Id,
    ledgerId: Id,
    period: z.string(),
    agrees: z.boolean(),
    rows: z.array(
      z.object({
        account: z.string(),
        name: z.string(),
        register: MoneyOut,
        ledger: MoneyOut,
        difference: MoneyOut.meta({ description: 'register − ledger' }),
        cardIds: z.array(Id),
      }),
    ),
  })
  .meta({ id: 'AssetReconciliation' })

export function reconciliationToWire(r: {
  collectiveId: string
  ledgerId: string
  period: string
  agrees: boolean
  rows: {
    account: string
    name: string
    register: bigint
    ledger: bigint
    difference: bigint
    cardIds: string[]
  }[]
}) {
  return {
    ...r,
    rows: r.rows.map((row) => ({
      ...row,
      register: formatMoney(row.register),
      ledger: formatMoney(row.ledger),
      difference: formatMoney(row.difference),
    })),
  }
}

export const ResourceOut = z
  .object({
    id: Id,
    collectiveId: Id,
    name: z.string(),
    kind: z.string(),
    areaMu: Mu,
    location: z.string(),
    status: z.string(),
    note: z.string(),
  })
  .meta({ id: 'Resource' })
export const resourceToWire = (r: Resource) => r

const YearShare = z.object({ year: z.number().int(), units: z.number().int(), amount: MoneyOut })
export const InstalmentOut = z
  .object({
    seq: z.number().int(),
    dueOn: BusinessDate,
    amount: MoneyOut,
    coversFrom: BusinessDate,
    coversTo: BusinessDate,
    receivableVoucherId: Id.nullable(),
    receiptVoucherId: Id.nullable(),
    receivedOn: BusinessDate.nullable(),
    overdue: z.boolean(),
    spread: z.array(YearShare).meta({ description: '分摊到各收益年度' }),
  })
  .meta({ id: 'ContractInstalment' })

type Instalment = Contract['schedule'][number]
export function instalmentToWire(p: Instalment) {
  return {
    ...p,
    amount: formatMoney(p.amount),
    spread: p.spread.map((y) => ({ ...y, amount: formatMoney(y.amount) })),
  }
}

export const ContractOut = z
  .object({
    id: Id,
    collectiveId: Id,
    number: z.string(),
    kind: z.enum(['contracting', 'lease', 'transfer']),
    direction: z
      .enum(['outbound', 'inbound'])
      .meta({ description: 'outbound: the collective lets; inbound: it takes land in' }),
    party: z.object({ kind: z.string(), id: Id.nullable(), name: z.string() }),
    signedOn: BusinessDate,
    startsOn: BusinessDate,
    endsOn: BusinessDate,
    amount: MoneyOut,
    matterId: Id.nullable(),
    majorMatterAmount: MoneyOut,
    items: z.array(z.object({ kind: z.string(), id: Id, areaMu: Mu.nullable() })),
    schedule: z.array(InstalmentOut),
    spreadBasis: z.string(),
  })
  .meta({ id: 'Contract' })

export function contractToWire(c: Contract) {
  return {
    ...c,
    amount: formatMoney(c.amount),
    majorMatterAmount: formatMoney(c.majorMatterAmount),
    schedule: c.schedule.map(instalmentToWire),
  }
}
