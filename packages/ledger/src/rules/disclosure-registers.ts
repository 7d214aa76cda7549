import { type Fen, formatMoney } from '@liancun/core'

/**
 * 三资公开 in a 财务公开 (农村集体经济组织财务公开规定, 2011, reference/accounting.md §1.3: 资产、资源
 * and 合同 are disclosed with the finances). The ledger keeps no register of them and imports no
 * other domain: the app reads the 三资 registers and hands the disclosure these plain records, as
 * of the disclosure period's end; this file turns them into the published section — amounts as
 * "123.45" strings, areas as exact 亩 decimals, totals to the fen and the ten-thousandth 亩. Pure.
 */

/** An asset card as the app reads it from the register, figures at the end of `asOf`. */
export interface RegisterAsset {
  id: string
  name: string
  /** 经营性 / 公益性 / 到户类, as the board prints it. */
  assetClass: string
  /** 固定资产 / 长期投资. */
  category: string
  acquiredOn: string
  disposedOn: string | null
  cost: Fen
  accumulatedDepreciation: Fen
  netBookValue: Fen
  owners: readonly { name: string; units: bigint }[]
}

export interface RegisterResource {
  id: string
  name: string
  /** 耕地, 林地 … */
  kind: string
  /** Exact decimal 亩, e.g. "80.5". */
  areaMu: string
  location: string
  /** 自营 / 发包 / 出租 / 闲置. */
  status: string
}

export interface RegisterContract {
  id: string
  number: string
  /** 发包 / 租赁 / 流转. */
  kind: string
  party: string
  /** What it covers: resource or asset names, with the area let. */
  object: string
  signedOn: string
  startsOn: string
  endsOn: string
  amount: Fen
  payments: readonly { dueOn: string; amount: Fen; receivedOn: string | null }[]
}

/** What the app hands the disclosure; null when the ledger's collective has no registers. */
export interface RegistersInput {
  assets: readonly RegisterAsset[]
  resources: readonly RegisterResource[]
  contracts: readonly RegisterContract[]
  /** When resource statuses are current rather than dated (the register keeps no status history). */
  statusNote?: string
}

/**
 * The app's reader of the registers, called inside the disclosure's transaction after the
 * period is known to be closed: `from` and `to` are the first and last days of the period.
 */
export type RegistersReader = (query: {
  ledgerId: string
  villageCode: string
  from: string
  to: string
}) => Promise<RegistersInput | null>

export const NO_REGISTERS_NOTE = '本村尚未建立三资台账（资产、资源、合同），本期无三资公开内容'
export const EMPTY_PART_NOTE = '本期无'

/** 亩 as integer ten-thousandths (numeric(14,4) text or "80.5"): exact, never a float. */
export function muUnits(value: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,4})\d*)?$/.exec(value.trim())
  if (!match) throw new Error(`not an area in 亩: ${value}`)
  return BigInt(match[1]!) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'))
}

/** Ten-thousandths of a 亩 as the shortest exact decimal ("80", "80.5", "0.0001"). */
export function formatMu(units: bigint): string {
  const whole = units / 10_000n
  const fraction = (units % 10_000n).toString().padStart(4, '0').replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : `${whole}`
}

/** An asset is held on `asOf`: acquired on or before it, not disposed of on or before it. */
export const heldOn = (a: Pick<RegisterAsset, 'acquiredOn' | 'disposedOn'>, asOf: string) =>
  a.acquiredOn <= asOf && (a.disposedOn === null || a.disposedOn > asOf)

/**
 * A contract's money as of `asOf`: received (receipts on or before it), due (instalments due on
 * or before it), overdue (due before it and not received by it — the register's 逾期 rule with
 * the period end for today) and outstanding (the amount not yet received).
 */
export function contractMoney(contract: Pick<RegisterContract, 'amount' | 'payments'>, asOf: string) {
  let received = 0n
  let due = 0n
  let overdue = 0n
  for (const p of contract.payments) {
    const paid = p.receivedOn !== null && p.receivedOn <= asOf
    if (paid) received += p.amount
    if (p.dueOn <= asOf) due += p.amount
    if (p.dueOn < asOf && !paid) overdue += p.amount
  }
  return { received, due, overdue, outstanding: contract.amount - received }
}

/**
 * A contract is disclosed for the period when it was signed by its end and either runs into the
 * period (ends on or after its first day) or still has money overdue at its end.
 */
export const contractDisclosed = (c: RegisterContract, from: string, to: string) =>
  c.signedOn <= to && (c.endsOn >= from || contractMoney(c, to).overdue > 0n)

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0

/**
 * The 三资公开 section of a disclosure of [from, to]: asset cards held at `to` with their cost,
 * accumulated depreciation, net value and owners' shares; resources with area and status;
 * contracts with party, object, term, amount and what was received, due and overdue at `to`.
 * No registers (null): every part empty, with a note saying so — never an error.
 */
export function registersSection(input: RegistersInput | null, from: string, to: string) {
  const assets = (input?.assets ?? [])
    .filter((a) => heldOn(a, to))
    .sort(byKey((a) => `${a.acquiredOn}|${a.id}`))
  const resources = [...(input?.resources ?? [])].sort(byKey((r) => `${r.name}|${r.id}`))
  const contracts = (input?.contracts ?? [])
    .filter((c) => contractDisclosed(c, from, to))
    .sort(byKey((c) => `${c.number}|${c.id}`))
  const sum = <T>(items: readonly T[], of: (t: T) => Fen) => items.reduce((s, i) => s + of(i), 0n)
  const money = contracts.map((c) => contractMoney(c, to))
  const note = (n: number) => (input === null ? NO_REGISTERS_NOTE : n === 0 ? EMPTY_PART_NOTE : null)
  return {
    asOf: to,
    assets: {
      items: assets.map((a) => {
        const units = a.owners.reduce((s, o) => s + o.units, 0n)
        return {
          name: a.name,
          assetClass: a.assetClass,
          category: a.category,
          acquiredOn: a.acquiredOn,
          cost: formatMoney(a.cost),
          accumulatedDepreciation: formatMoney(a.accumulatedDepreciation),
          netBookValue: formatMoney(a.netBookValue),
          owners: a.owners.map((o) => ({ name: o.name, units: o.units.toString(), of: units.toString() })),
        }
      }),
      totals: {
        cost: formatMoney(sum(assets, (a) => a.cost)),
        accumulatedDepreciation: formatMoney(sum(assets, (a) => a.accumulatedDepreciation)),
        netBookValue: formatMoney(sum(assets, (a) => a.netBookValue)),
      },
      note: note(assets.length),
    },
    resources: {
      items: resources.map((r) => ({
        name: r.name,
        kind: r.kind,
        areaMu: formatMu(muUnits(r.areaMu)),
        location: r.location,
        status: r.status,
      })),
      totalAreaMu: formatMu(resources.reduce((s, r) => s + muUnits(r.areaMu), 0n)),
      note: note(resources.length) ?? input?.statusNote ?? null,
    },
    contracts: {
      items: contracts.map((c, i) => ({
        number: c.number,
        kind: c.kind,
        party: c.party,
        object: c.object,
        signedOn: c.signedOn,
        term: { from: c.startsOn, to: c.endsOn },
        amount: formatMoney(c.amount),
        received: formatMoney(money[i]!.received),
        due: formatMoney(money[i]!.due),
        overdue: formatMoney(money[i]!.overdue),
        outstanding: formatMoney(money[i]!.outstanding),
      })),
      totals: {
        amount: formatMoney(sum(contracts, (c) => c.amount)),
        received: formatMoney(sum(money, (m) => m.received)),
        due: formatMoney(sum(money, (m) => m.due)),
        overdue: formatMoney(sum(money, (m) => m.overdue)),
        outstanding: formatMoney(sum(money, (m) => m.outstanding)),
      },
      note: note(contracts.length),
    },
  }
}
export type RegistersSection = ReturnType<typeof registersSection>
