import {
  AMORTISATION_ACCOUNTS,
  amortisationParts,
  type Booking,
  chooseLeaf,
  type DeferralRunInput,
  deferredParts,
  type GuardOptions,
  RENT_SPREAD_ACCOUNTS,
  yearVoucherDate,
} from '@liancun/collective'
import type { Services } from '../services.js'

const KIND_NAME: Record<string, string> = { contracting: '发包', lease: '租赁', transfer: '流转' }

/**
 * The year-end step of a collective's contracts, in one transaction: for each contract whose
 * instalments were paid in advance for `year` (their due voucher dated in an earlier year), one
 * draft voucher in the collective's ledger moving the year's share —
 * outbound: Dr 211 应付款 (预收) / Cr 501 经营收入 (一次性收取的多年承包/租赁收入须分摊到各收益年度);
 * inbound: Dr 511 经营支出 / Cr 171 长期待摊费用 (amortisation).
 * Idempotent per (contract, year): a contract booked for the year is reported, never drafted
 * again; a contract due later (a new due voucher of an earlier year) is booked by the next run.
 * A due voucher reversed or missing from the ledger puts nothing in 211/171: its instalment is
 * skipped and listed.
 */
export async function bookContractDeferrals(
  services: Services,
  collectiveId: string,
  input: DeferralRunInput,
  actor: string,
  today: string,
  options: GuardOptions = {},
) {
  const period = String(input.year)
  const { collective, booked } = await services.collective.beginBooking(
    collectiveId,
    { kinds: ['rent_transfer', 'amortisation'], period },
    options,
  )
  const voucherDate = yearVoucherDate(input.year, today, input.date)
  const contracts = await services.collective.contractsForDeferral(collectiveId)
  const dueIds = contracts.flatMap((c) => c.instalments.flatMap((p) => p.receivableVoucherId ?? []))
  const states = new Map((await services.ledger.voucherStates(dueIds)).map((s) => [s.id, s]))
  const done = new Set(booked.map((b) => b.subjectId))
  const skipped: {
    contractId: string
    seq: number
    reason: 'due_voucher_reversed' | 'due_voucher_missing'
  }[] = []
  const drafted: Booking[] = []
  let accounts: Awaited<ReturnType<Services['ledger']['listAccounts']>> | undefined
  for (const contract of contracts) {
    if (done.has(contract.id)) continue
    const instalments = contract.instalments.map((p) => {
      const state = p.receivableVoucherId === null ? undefined : states.get(p.receivableVoucherId)
      if (p.receivableVoucherId !== null && (!state || state.reversedById !== null)) {
        skipped.push({
          contractId: contract.id,
          seq: p.seq,
          reason: state ? 'due_voucher_reversed' : 'due_voucher_missing',
        })
      }
      const live = state && state.reversedById === null
      return { ...p, dueYear: live ? Number(state.date.slice(0, 4)) : null }
    })
    const inbound = contract.direction === 'inbound'
    const parts = inbound
      ? amortisationParts(instalments, input.year)
      : deferredParts(instalments, input.year)
    if (parts.length === 0) continue
    accounts ??= await services.ledger.listAccounts(collective.ledgerId)
    const pair = inbound ? AMORTISATION_ACCOUNTS : RENT_SPREAD_ACCOUNTS
    const debit = chooseLeaf(accounts, pair.debit, undefined, `ledger.${pair.debit}`)
    const credit = chooseLeaf(accounts, pair.credit, undefined, `ledger.${pair.credit}`)
    const total = parts.reduce((s, p) => s + p.amount, 0n)
    const reference = contract.number.slice(0, 200)
    const counterparty = contract.partyName.slice(0, 200)
    const kindName = KIND_NAME[contract.kind] ?? ''
    const voucher = await services.ledger.createVoucher(
      collective.ledgerId,
      {
        date: voucherDate,
        summary: (inbound
          ? `摊销${kindName}合同${contract.number}${period}年度流转费（长期待摊费用转经营支出）`
          : `结转${kindName}合同${contract.number}${period}年度预收承包/租赁收入`
        ).slice(0, 200),
        attachments: 1,
        lines: inbound
          ? [
              { account: debit, debit: total, reference },
              { account: credit, credit: total, counterparty, reference },
            ]
          : [
              { account: debit, debit: total, counterparty, reference },
              { account: credit, credit: total, reference },
            ],
      },
      actor,
      {
        origin: {
          kind: inbound ? 'collective.amortisation' : 'collective.rent_transfer',
          refs: { collectiveId, contractId: contract.id, year: period },
        },
      },
    )
    drafted.push(
      await services.collective.recordBooking(
        collectiveId,
        {
          kind: inbound ? 'amortisation' : 'rent_transfer',
          subjectId: contract.id,
          period,
          voucherDate,
          voucherIds: [voucher.id],
          lines: parts.map((p) => ({
            key: String(p.seq),
            label: `${contract.number} 第${p.seq}期（${period}年 ${p.units}${p.basis === 'month' ? '个月' : '天'}）`,
            amount: p.amount,
            account: debit,
            householdId: null,
          })),
        },
        actor,
      ),
    )
  }
  return { collectiveId, year: input.year, voucherDate, drafted, alreadyBooked: booked, skipped }
}
