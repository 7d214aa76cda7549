import type { Database } from '@liancun/core'
import { newId } from '@liancun/core'
import type { CollectiveContext, GuardOptions } from '../context.js'
import { CollectiveError, notAfterToday, notFound } from '../errors.js'
import type { CreateHoldingInput, CreateShareKindInput, TransferHoldingInput } from '../inputs.js'
import { type HolderKind, type HoldingFacts, planTransfer } from '../rules/shares.js'
import { closeHolding, findHolding, type HoldingRow, holdingsOf, insertHoldings } from '../store/holdings.js'
import {
  type CollectiveRow,
  findShareKind,
  householdsOf,
  insertShareKind,
  membersOf,
  type ShareKindRow,
  shareKindsOf,
} from '../store/registers.js'
import { loadCollective, uniquely } from './load.js'

export const toShareKind = (row: ShareKindRow) => ({
  id: row.id,
  collectiveId: row.collectiveId,
  name: row.name,
  holder: row.holder as HolderKind,
})
export type ShareKind = ReturnType<typeof toShareKind>

export const toHolding = (row: HoldingRow) => ({
  id: row.id,
  kindId: row.kindId,
  holderKind: row.holderKind as HolderKind,
  holderId: row.holderId,
  units: row.units,
  validFrom: row.validFrom,
  validTo: row.validTo,
  reason: row.reason,
  previousId: row.previousId,
  note: row.note,
})
export type Holding = ReturnType<typeof toHolding>

const facts = (row: HoldingRow): HoldingFacts => ({ ...toHolding(row) })

/** The holder named is a member or household of this collective, or the collective itself. */
async function checkHolder(tx: Database, c: CollectiveRow, kind: HolderKind, id: string, field: string) {
  const found =
    kind === 'collective'
      ? id === c.id
      : kind === 'household'
        ? (await householdsOf(tx, c, [id])).length === 1
        : (await membersOf(tx, c, [id])).length === 1
  if (!found) {
    throw new CollectiveError(
      'collective.holder_not_in_collective',
      `${kind} ${id} is not in the registers of collective ${c.id}`,
      { field, context: { holderKind: kind } },
    )
  }
}

/** 折股量化: share kinds and dated holdings; every change keeps the history. */
export function sharePart({ db, clock }: CollectiveContext) {
  return {
    async addShareKind(
      collectiveId: string,
      input: CreateShareKindInput,
      options?: GuardOptions,
    ): Promise<ShareKind> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        const row = await uniquely(
          () =>
            insertShareKind(tx, {
              countyCode: c.countyCode,
              id: newId(c.countyCode),
              collectiveId: c.id,
              name: input.name,
              holder: input.holder,
              createdAt: clock.now(),
            }),
          'share_kinds_name_unique',
          'collective.share_kind_taken',
          `share kind ${input.name} already exists`,
          'name',
        )
        return toShareKind(row)
      })
    },

    async listShareKinds(collectiveId: string, options?: GuardOptions): Promise<ShareKind[]> {
      const c = await loadCollective(db, collectiveId, options)
      return (await shareKindsOf(db, c)).map(toShareKind)
    },

    /** A holding as quantified (折股量化): of a kind, by a holder of the kind's sort, from a day. */
    async addHolding(
      collectiveId: string,
      input: CreateHoldingInput,
      createdBy: string,
      options?: GuardOptions,
    ): Promise<Holding> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        const kind = await findShareKind(tx, c, input.kindId)
        if (!kind) throw notFound('share_kind', input.kindId, 'kindId')
        if (kind.holder !== input.holderKind) {
          throw new CollectiveError(
            'collective.holder_mismatch',
            `${kind.name} is held by a ${kind.holder}, not a ${input.holderKind}`,
            { field: 'holderKind', context: { kindHolder: kind.holder } },
          )
        }
        notAfterToday(input.validFrom, clock.today(), 'validFrom')
        await checkHolder(tx, c, input.holderKind, input.holderId, 'holderId')
        const open = (await holdingsOf(tx, c, { kindId: kind.id, holderId: input.holderId })).filter(
          (h) => h.validTo === null,
        )
        if (open.length > 0) {
          throw new CollectiveError(
            'collective.holding_exists',
            `${input.holderKind} ${input.holderId} already holds ${kind.name} (holding ${open[0]!.id}); change it by a transfer or adjustment`,
            { field: 'holderId', context: { holdingId: open[0]!.id } },
          )
        }
        const [row] = await insertHoldings(tx, [
          {
            countyCode: c.countyCode,
            id: newId(c.countyCode),
            collectiveId: c.id,
            kindId: kind.id,
            holderKind: input.holderKind,
            holderId: input.holderId,
            units: input.units,
            validFrom: input.validFrom,
            reason: 'initial',
            note: input.note ?? null,
            createdBy,
            createdAt: clock.now(),
          },
        ])
        return toHolding(row!)
      })
    },

    /**
     * 股权变更: inheritance (继承), transfer inside the collective (内部转让) or adjustment. The
     * holding is closed on `on` and followed by new rows (`planTransfer`); returns the rows
     * closed and opened.
     */
    async transferHolding(
      collectiveId: string,
      holdingId: string,
      input: TransferHoldingInput,
      createdBy: string,
      options?: GuardOptions,
    ): Promise<{ closed: Holding[]; opened: Holding[] }> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        const from = await findHolding(tx, c, holdingId, true)
        if (!from) throw notFound('holding', holdingId)
        notAfterToday(input.on, clock.today(), 'on')
        await checkHolder(tx, c, input.to.holderKind, input.to.holderId, 'to.holderId')
        const [receiving] = (
          await holdingsOf(tx, c, { kindId: from.kindId, holderId: input.to.holderId })
        ).filter((h) => h.validTo === null && h.holderKind === input.to.holderKind)
        const plan = planTransfer({
          from: facts(from),
          to: input.to,
          receiving: receiving ? facts(receiving) : null,
          units: input.units,
          on: input.on,
        })
        for (const close of plan.close) await closeHolding(tx, c, close.id, close.validTo)
        const opened = await insertHoldings(
          tx,
          plan.open.map((o) => ({
            countyCode: c.countyCode,
            id: newId(c.countyCode),
            collectiveId: c.id,
            kindId: from.kindId,
            ...o,
            reason: input.reason,
            note: input.note ?? null,
            createdBy,
            createdAt: clock.now(),
          })),
        )
        const closed = [
          { ...from, validTo: input.on },
          ...(receiving ? [{ ...receiving, validTo: input.on }] : []),
        ]
        return { closed: closed.map(toHolding), opened: opened.map(toHolding) }
      })
    },

    /**
     * 股权登记簿 as of a day: the holdings valid on it, the totals per kind and the units of
     * each household (its own shares and its members'), in four statements.
     */
    async shareRegister(collectiveId: string, asOf: string, options?: GuardOptions) {
      const c = await loadCollective(db, collectiveId, options)
      const [kinds, rows, households, members] = [
        await shareKindsOf(db, c),
        await holdingsOf(db, c, { asOf }),
        await householdsOf(db, c),
        await membersOf(db, c),
      ]
      const householdOf = new Map(members.map((m) => [m.id, m.householdId]))
      const perHousehold = new Map<string, bigint>()
      let collectiveUnits = 0n
      for (const h of rows) {
        const household = h.holderKind === 'household' ? h.holderId : householdOf.get(h.holderId)
        if (h.holderKind === 'collective' || household === undefined) collectiveUnits += h.units
        else perHousehold.set(household, (perHousehold.get(household) ?? 0n) + h.units)
      }
      return {
        collectiveId: c.id,
        asOf,
        kinds: kinds.map((k) => ({
          ...toShareKind(k),
          units: rows.filter((h) => h.kindId === k.id).reduce((sum, h) => sum + h.units, 0n),
        })),
        totalUnits: rows.reduce((sum, h) => sum + h.units, 0n),
        collectiveUnits,
        households: households
          .filter((h) => perHousehold.has(h.id))
          .map((h) => ({
            householdId: h.id,
            number: h.number,
            headName: h.headName,
            units: perHousehold.get(h.id)!,
          })),
        holdings: rows.map(toHolding),
      }
    },

    /** Every holding row ever recorded (of one holder, if named): the change history. */
    async holdingHistory(collectiveId: string, query: { holderId?: string }, options?: GuardOptions) {
      const c = await loadCollective(db, collectiveId, options)
      return (await holdingsOf(db, c, query.holderId ? { holderId: query.holderId } : {})).map(toHolding)
    },
  }
}
