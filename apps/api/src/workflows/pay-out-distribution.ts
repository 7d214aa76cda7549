import { chooseLeaf, type GuardOptions, type PayoutInput } from '@liancun/collective'
import { type Fen, formatMoney } from '@liancun/core'
import type { Services } from '../services.js'

/** Households per voucher: a voucher has at most 200 lines (one more for the total). */
const HOUSEHOLDS_PER_VOUCHER = 150

/**
 * 分红到户 in the collective's own books, in one transaction: the collective domain splits the
 * members' part over the shares held on the record day and records the payout list; then two
 * sets of draft vouchers are prepared in the collective's ledger, dated the pay day —
 * 应付: Dr 322 收益分配 / Cr 211 应付款 one line per household, and 支付: Dr 211 per household /
 * Cr 102 银行存款 — carrying the payout (and distribution run) ids. A village of more than 150
 * households gets several vouchers of each kind. The 集体股 part (`retained`) stays in 322.
 * The village's reviewer posts them. The run's 防返贫监测户 part is not the members' and not
 * split by shares: distribute-revenue books it as payables per named household, and
 * pay-monitored-households.ts pays them.
 */
export async function payOutDistribution(
  services: Services,
  collectiveId: string,
  input: PayoutInput,
  actor: string,
  options: GuardOptions = {},
) {
  const payout = await services.collective.recordPayout(collectiveId, input, actor, options)
  const accounts = await services.ledger.listAccounts(payout.ledgerId)
  const distribution = chooseLeaf(accounts, '322', undefined, 'ledger.322')
  const payable = chooseLeaf(accounts, '211', undefined, 'ledger.211')
  const bank = chooseLeaf(accounts, '102', input.bankAccount, 'bankAccount')
  const origin = {
    kind: 'collective.payout',
    refs: {
      collectiveId,
      payoutId: payout.id,
      ...(payout.distributionRunId ? { distributionRunId: payout.distributionRunId } : {}),
    },
  }
  const lines = payout.lines.filter((l) => l.amount > 0n)
  const chunks: (typeof lines)[] = []
  for (let i = 0; i < lines.length; i += HOUSEHOLDS_PER_VOUCHER)
    chunks.push(lines.slice(i, i + HOUSEHOLDS_PER_VOUCHER))
  const total = (chunk: typeof lines): Fen => chunk.reduce((sum, l) => sum + l.amount, 0n)
  const part = (i: number) => (chunks.length > 1 ? `（${i + 1}/${chunks.length}）` : '')
  const payableIds: string[] = []
  const paymentIds: string[] = []
  for (const [i, chunk] of chunks.entries()) {
    const householdLine = (side: 'debit' | 'credit') => (l: (typeof lines)[number]) => ({
      account: payable,
      [side]: l.amount,
      counterparty: `${l.number} ${l.headName}`.slice(0, 200),
      reference: `${l.units}股`,
    })
    const due = await services.ledger.createVoucher(
      payout.ledgerId,
      {
        date: input.payDate,
        summary: `${input.summary}：应付分红${part(i)}`.slice(0, 200),
        attachments: 1,
        lines: [{ account: distribution, debit: total(chunk) }, ...chunk.map(householdLine('credit'))],
      },
      actor,
      { origin },
    )
    const paid = await services.ledger.createVoucher(
      payout.ledgerId,
      {
        date: input.payDate,
        summary: `${input.summary}：支付分红${part(i)}`.slice(0, 200),
        attachments: 1,
        lines: [...chunk.map(householdLine('debit')), { account: bank, credit: total(chunk) }],
      },
      actor,
      { origin },
    )
    payableIds.push(due.id)
    paymentIds.push(paid.id)
  }
  await services.collective.attachPayoutVouchers(collectiveId, payout.id, {
    payable: payableIds,
    payment: paymentIds,
  })
  return {
    ...payout,
    payableVoucherIds: payableIds,
    paymentVoucherIds: paymentIds,
    note: `${formatMoney(payout.paid)} to ${lines.length} households; ${formatMoney(payout.retained)} on 集体股 stays in 322`,
  }
}
