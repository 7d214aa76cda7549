import { addDays, type Database, newId, type Page, toPage } from '@liancun/core'
import type { CollectiveContext, GuardOptions } from '../context.js'
import { CollectiveError, notAfterToday, notFound } from '../errors.js'
import type { CreateContractInput } from '../inputs.js'
import { formatMu, muUnits } from '../rules/area.js'
import {
  areaProblem,
  type ContractKind,
  checkSchedule,
  isOverdue,
  RESOURCE_STATUS_OF,
  SPREAD_BASIS,
  spreadByYear,
} from '../rules/contracts.js'
import { requireMatter } from '../rules/matters.js'
import { assetsOf } from '../store/assets.js'
import {
  type ContractRecord,
  contractsOf,
  insertContract,
  itemsLetOn,
  overduePayments,
  type PaymentRow,
  resourcesOf,
  setResourceStatus,
  updatePayment,
} from '../store/contracts.js'
import type { CollectiveRow } from '../store/registers.js'
import { DEFAULT_MAJOR_MATTER_FEN, type MatterGate } from './assets.js'
import { loadCollective, refOf, uniquely } from './load.js'

const toPayment = (p: PaymentRow, today: string) => ({
  seq: p.seq,
  dueOn: p.dueOn,
  amount: p.amount,
  coversFrom: p.coversFrom,
  coversTo: p.coversTo,
  receivableVoucherId: p.receivableVoucherId,
  receiptVoucherId: p.receiptVoucherId,
  receivedOn: p.receivedOn,
  overdue: isOverdue(p, today),
  /** 分摊到各收益年度 of what this instalment pays for. */
  spread: spreadByYear(p.amount, p.coversFrom, p.coversTo).years,
})

export function toContract({ row, items, payments }: ContractRecord, today: string) {
  return {
    id: row.id,
    collectiveId: row.collectiveId,
    number: row.number,
    kind: row.kind as ContractKind,
    direction: row.direction as 'outbound' | 'inbound',
    party: { kind: row.partyKind, id: row.partyId, name: row.partyName },
    signedOn: row.signedOn,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    amount: row.amount,
    matterId: row.matterId,
    majorMatterAmount: row.majorMatterAmount,
    items: items.map((i) => ({
      kind: i.itemKind,
      id: i.itemId,
      areaMu: i.areaMu === null ? null : formatMu(muUnits(i.areaMu)),
    })),
    schedule: payments.map((p) => toPayment(p, today)),
    spreadBasis: SPREAD_BASIS,
  }
}
export type Contract = ReturnType<typeof toContract>

async function loadContract(tx: Database, c: CollectiveRow, id: string, lock = false) {
  const [record] = await contractsOf(tx, c, { ids: [id], lock })
  if (!record) throw notFound('contract', id)
  return record
}

/** 合同: 发包 / 租赁 / 流转 with their schedules, overdue and expiring lists, and their vouchers. */
export function contractPart({ db, clock }: CollectiveContext) {
  return {
    async createContract(
      collectiveId: string,
      input: CreateContractInput,
      createdBy: string,
      options: GuardOptions & MatterGate = {},
    ): Promise<Contract> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        notAfterToday(input.signedOn, clock.today(), 'signedOn')
        checkSchedule(input, input.schedule)
        if (input.items.length === 0) {
          throw new CollectiveError(
            'collective.nothing_covered',
            'a contract covers at least one resource or asset',
            {
              field: 'items',
            },
          )
        }
        const keys = input.items.map((i) => `${i.kind}:${i.id}`)
        const twice = keys.findIndex((k, i) => keys.indexOf(k) !== i)
        if (twice >= 0) {
          throw new CollectiveError('collective.duplicate_item', `${keys[twice]} is listed twice`, {
            field: `items.${twice}.id`,
          })
        }
        const resourceItems = input.items.filter((i) => i.kind === 'resource')
        const assetItems = input.items.filter((i) => i.kind === 'asset')
        const resources = await resourcesOf(tx, c, { ids: resourceItems.map((i) => i.id), lock: true })
        const assets = assetItems.length ? await assetsOf(tx, c, { ids: assetItems.map((i) => i.id) }) : []
        input.items.forEach((item, i) => {
          const found =
            item.kind === 'resource'
              ? resources.some((r) => r.id === item.id)
              : assets.some((a) => a.row.id === item.id && a.disposal === null)
          if (!found) {
            throw new CollectiveError(
              'collective.item_not_found',
              `${item.kind} ${item.id} is not a ${item.kind === 'asset' ? 'held asset' : 'resource'} of this collective`,
              { field: `items.${i}.id` },
            )
          }
        })
        const let_ = await itemsLetOn(
          tx,
          c,
          resources.map((r) => r.id),
          [input.startsOn, input.endsOn],
        )
        resourceItems.forEach((item) => {
          const resource = resources.find((r) => r.id === item.id)!
          const already = let_
            .filter((l) => l.item.itemId === item.id)
            .reduce((sum, l) => sum + muUnits(l.item.areaMu ?? resource.areaMu), 0n)
          const problem = areaProblem(
            { id: resource.id, areaMu: muUnits(resource.areaMu) },
            already,
            muUnits(item.areaMu ?? resource.areaMu),
          )
          if (problem) {
            throw new CollectiveError(
              'collective.area_exceeds',
              `${resource.name} has ${formatMu(problem.area)} 亩; ${formatMu(problem.alreadyLet)} are let over these years, ${formatMu(problem.requested)} more cannot be`,
              {
                field: `items.${input.items.indexOf(item)}.areaMu`,
                context: { area: formatMu(problem.area), alreadyLet: formatMu(problem.alreadyLet) },
              },
            )
          }
        })
        const ref = refOf(c)
        const majorMatterAmount =
          (await options.majorMatterAmount?.(ref, input.signedOn)) ?? DEFAULT_MAJOR_MATTER_FEN
        const matterId = input.matterId ?? null
        requireMatter({ amount: input.amount, majorMatterAmount, matterId, what: 'a contract' })
        if (matterId !== null && input.amount >= majorMatterAmount) {
          await options.checkMatter?.(matterId, ref, input.signedOn)
        }
        const id = newId(c.countyCode)
        const record = await uniquely(
          () =>
            insertContract(
              tx,
              {
                countyCode: c.countyCode,
                id,
                collectiveId: c.id,
                number: input.number,
                kind: input.kind,
                direction: input.direction,
                partyKind: input.party.kind,
                partyId: input.party.id ?? null,
                partyName: input.party.name,
                signedOn: input.signedOn,
                startsOn: input.startsOn,
                endsOn: input.endsOn,
                amount: input.amount,
                matterId,
                majorMatterAmount,
                createdBy,
                createdAt: clock.now(),
              },
              input.items.map((i) => ({
                countyCode: c.countyCode,
                contractId: id,
                itemKind: i.kind,
                itemId: i.id,
                areaMu: i.areaMu ?? null,
              })),
              input.schedule.map((p, seq) => ({
                countyCode: c.countyCode,
                contractId: id,
                seq: seq + 1,
                ...p,
              })),
            ),
          'contracts_number_unique',
          'collective.contract_number_taken',
          `合同编号 ${input.number} is already in the register`,
          'number',
        )
        // A resource let by a contract still running shows as contracted or leased.
        if (input.direction === 'outbound' && input.endsOn >= clock.today()) {
          await setResourceStatus(
            tx,
            c,
            resources.map((r) => r.id),
            RESOURCE_STATUS_OF[input.kind],
          )
        }
        return toContract(record, clock.today())
      })
    },

    async getContract(collectiveId: string, contractId: string, options?: GuardOptions): Promise<Contract> {
      const c = await loadCollective(db, collectiveId, options)
      return toContract(await loadContract(db, c, contractId), clock.today())
    },

    /** Contracts, or those ending within `expiringWithin` days from today (到期提醒). */
    async listContracts(
      collectiveId: string,
      query: { expiringWithin?: number; limit: number; after: string | null },
      options?: GuardOptions,
    ): Promise<Page<Contract>> {
      const c = await loadCollective(db, collectiveId, options)
      const today = clock.today()
      const records = await contractsOf(db, c, {
        limit: query.limit,
        after: query.after,
        ...(query.expiringWithin === undefined
          ? {}
          : { endingBetween: [today, addDays(today, query.expiringWithin)] as [string, string] }),
      })
      return toPage(
        records.map((r) => toContract(r, today)),
        query.limit,
        (k) => k.id,
      )
    },

    /** 逾期未收: instalments due before today with no receipt, oldest first, in one statement. */
    async overdueInstalments(collectiveId: string, options?: GuardOptions) {
      const c = await loadCollective(db, collectiveId, options)
      const today = clock.today()
      return (await overduePayments(db, c, today)).map(({ payment, contract }) => ({
        contractId: contract.id,
        number: contract.number,
        party: contract.partyName,
        ...toPayment(payment, today),
      }))
    },

    /**
     * Locks an instalment for its voucher: the receivable (应收) first, once; the receipt (收款)
     * after it, once. Returns what the voucher is built from.
     */
    async beginInstalment(
      collectiveId: string,
      contractId: string,
      seq: number,
      stage: 'receivable' | 'receipt',
      options?: GuardOptions,
    ) {
      const c = await loadCollective(db, collectiveId, options)
      const record = await loadContract(db, c, contractId, true)
      const payment = record.payments.find((p) => p.seq === seq)
      if (!payment) throw notFound('payment', `${contractId}/${seq}`)
      const drafted = stage === 'receivable' ? payment.receivableVoucherId : payment.receiptVoucherId
      if (drafted !== null) {
        throw new CollectiveError(
          'collective.payment_drafted',
          `instalment ${seq} already has its ${stage} voucher ${drafted}`,
          {
            context: { voucherId: drafted },
          },
        )
      }
      if (stage === 'receipt' && payment.receivableVoucherId === null) {
        throw new CollectiveError(
          'collective.payment_not_due',
          `instalment ${seq} has no receivable voucher yet`,
          {
            context: { seq },
          },
        )
      }
      return {
        collective: refOf(c),
        contract: toContract(record, clock.today()),
        payment: toPayment(payment, clock.today()),
      }
    },

    /** Records the voucher drafted for an instalment (and, for a receipt, the day received). */
    async finishInstalment(
      collectiveId: string,
      contractId: string,
      seq: number,
      stage: 'receivable' | 'receipt',
      voucher: { id: string; date: string },
    ) {
      const c = await loadCollective(db, collectiveId, undefined)
      const row = await updatePayment(
        db,
        c,
        contractId,
        seq,
        stage === 'receivable'
          ? { receivableVoucherId: voucher.id }
          : { receiptVoucherId: voucher.id, receivedOn: voucher.date },
      )
      return toPayment(row, clock.today())
    },
  }
}
