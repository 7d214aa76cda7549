import { type Fen, splitByShares } from '@liancun/core'
import { CollectiveError } from '../errors.js'

export const HOLDER_KINDS = ['member', 'household', 'collective'] as const
export type HolderKind = (typeof HOLDER_KINDS)[number]
export const CHANGE_REASONS = ['inheritance', 'transfer', 'adjustment'] as const
export type ChangeReason = (typeof CHANGE_REASONS)[number]

/** A holding as the rules see it: valid over [validFrom, validTo). */
export interface HoldingFacts {
  id: string
  kindId: string
  holderKind: HolderKind
  holderId: string
  units: bigint
  validFrom: string
  validTo: string | null
}

/** True when the holding counts on `date` (a change on day D closes the old one on D). */
export const holdingActiveOn = (h: Pick<HoldingFacts, 'validFrom' | 'validTo'>, date: string): boolean =>
  h.validFrom <= date && (h.validTo === null || date < h.validTo)

/** The register as of a day: the holdings valid on it. */
export const registerAsOf = <H extends HoldingFacts>(holdings: readonly H[], date: string): H[] =>
  holdings.filter((h) => holdingActiveOn(h, date))

export interface ChangePlan {
  close: { id: string; validTo: string }[]
  open: {
    holderKind: HolderKind
    holderId: string
    units: bigint
    validFrom: string
    previousId: string
  }[]
}

/**
 * 股权变更 (inheritance, transfer inside the collective, adjustment of the same holder): the
 * source holding is closed on `on` and followed by what remains of it, and the units moved are
 * added to the receiver's holding of the same kind (closed and reopened with the sum) or open a
 * new one. History is never overwritten: the register as of any earlier day stays what it was.
 */
export function planTransfer(input: {
  from: HoldingFacts
  to: { holderKind: HolderKind; holderId: string }
  /** The receiver's holding of the same kind valid on `on`, if it has one. */
  receiving: HoldingFacts | null
  units: bigint
  on: string
}): ChangePlan {
  const { from, to, receiving, units, on } = input
  if (from.holderKind === to.holderKind && from.holderId === to.holderId) {
    throw new CollectiveError('collective.same_holder', 'a transfer goes to another holder', { field: 'to' })
  }
  if (from.holderKind !== to.holderKind) {
    throw new CollectiveError(
      'collective.holder_mismatch',
      `shares of this kind are held by a ${from.holderKind}; the receiver is a ${to.holderKind}`,
      { field: 'to.holderKind', context: { kindHolder: from.holderKind } },
    )
  }
  for (const h of receiving ? [from, receiving] : [from]) {
    if (!holdingActiveOn(h, on)) {
      throw new CollectiveError('collective.holding_not_active', `holding ${h.id} is not valid on ${on}`, {
        field: 'on',
        context: { holdingId: h.id, validFrom: h.validFrom, validTo: h.validTo },
      })
    }
    if (h.validFrom >= on) {
      throw new CollectiveError(
        'collective.change_before_holding',
        `holding ${h.id} began on ${h.validFrom}; a change to it is dated later`,
        { field: 'on', context: { holdingId: h.id, validFrom: h.validFrom } },
      )
    }
  }
  if (units > from.units) {
    throw new CollectiveError(
      'collective.insufficient_units',
      `holding ${from.id} has ${from.units} units; ${units} cannot be transferred`,
      { field: 'units', context: { held: from.units.toString(), requested: units.toString() } },
    )
  }
  const plan: ChangePlan = { close: [{ id: from.id, validTo: on }], open: [] }
  if (from.units > units) {
    plan.open.push({
      holderKind: from.holderKind,
      holderId: from.holderId,
      units: from.units - units,
      validFrom: on,
      previousId: from.id,
    })
  }
  if (receiving) plan.close.push({ id: receiving.id, validTo: on })
  plan.open.push({
    holderKind: to.holderKind,
    holderId: to.holderId,
    units: units + (receiving?.units ?? 0n),
    validFrom: on,
    previousId: receiving?.id ?? from.id,
  })
  return plan
}

/** The 分红 of one household: its units on the record day and its amount. */
export interface PayoutLine {
  householdId: string
  units: bigint
  amount: Fen
}

/** The key the collective's own shares (集体股) take in the split. */
const COLLECTIVE_KEY = '集体股'

/**
 * 按股分红到户: the members' part of a distribution split over the shares held on the record
 * day, by the exact largest-remainder method (`splitByShares`). A member's shares count to the
 * member's household (the 户 is paid; under 静态管理 a member's shares stay with the household
 * until a change is recorded); shares the collective itself holds (集体股) take their part too,
 * which stays in the collective's books (`retained`). Σ lines + retained = amount, always.
 */
export function splitPayout(
  amount: Fen,
  holdings: readonly Pick<HoldingFacts, 'holderKind' | 'holderId' | 'units'>[],
  householdOfMember: ReadonlyMap<string, string>,
): { lines: PayoutLine[]; retained: Fen; totalUnits: bigint } {
  const units = new Map<string, bigint>()
  let collectiveUnits = 0n
  for (const h of holdings) {
    if (h.holderKind === 'collective') {
      collectiveUnits += h.units
      continue
    }
    const household = h.holderKind === 'household' ? h.holderId : householdOfMember.get(h.holderId)
    if (household === undefined) throw new Error(`member ${h.holderId} has no household`)
    units.set(household, (units.get(household) ?? 0n) + h.units)
  }
  const totalUnits = [...units.values()].reduce((a, b) => a + b, collectiveUnits)
  if (totalUnits === 0n) {
    throw new CollectiveError('collective.no_holdings', 'no shares are held on the record day', {
      field: 'recordDate',
    })
  }
  const inputs = [...units].map(([key, u]) => ({ key, units: u }))
  if (collectiveUnits > 0n) inputs.push({ key: COLLECTIVE_KEY, units: collectiveUnits })
  const split = splitByShares(amount, inputs)
  const lines = split.shares
    .filter((s) => s.key !== COLLECTIVE_KEY)
    .map((s) => ({ householdId: s.key, units: s.units, amount: s.amount }))
    .sort((a, b) => (a.householdId < b.householdId ? -1 : 1))
  const retained = split.shares.find((s) => s.key === COLLECTIVE_KEY)?.amount ?? 0n
  return { lines, retained, totalUnits }
}
