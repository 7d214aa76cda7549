import { chooseLeaf, type GuardOptions, type MonitoredPayoutInput } from '@liancun/collective'
import type { Services } from '../services.js'

/** Households per voucher: a voucher has at most 200 lines (one more for the bank). */
const HOUSEHOLDS_PER_VOUCHER = 150

/**
 * 防返贫监测户 paid, in one transaction. A distribution run's monitored households' part is booked
 * by distribute-revenue in the operating collective's ledger as a payable per named household
 * (Dr 322 / Cr 211 应付款, counterparty the household); this drafts the payment — Dr 211 per
 * household (the same counterparty, so each payable is cleared) / Cr 102 银行存款, dated the pay
 * day — and records the payout list (each ref matched to a household of the register where one
 * is named by id, 户号 or its head). Only the collective whose ledger holds the payables pays them.
 * Idempotent per (collective, run): a run paid returns its booking (`replayed`).
 */
export async function payMonitoredHouseholds(
  services: Services,
  collectiveId: string,
  input: MonitoredPayoutInput,
  actor: string,
  options: GuardOptions = {},
) {
  const { collective, booked } = await services.collective.beginBooking(
    collectiveId,
    { kinds: ['monitored_payout'], period: '', subjectId: input.distributionRunId },
    options,
  )
  if (booked[0]) return { booking: booked[0], replayed: true }
  const run = await services.funds.getRun(input.distributionRunId)
  const plan = await services.collective.monitoredPayoutPlan(collectiveId, run, input.payDate)
  const accounts = await services.ledger.listAccounts(collective.ledgerId)
  const payable = chooseLeaf(accounts, '211', undefined, 'ledger.211')
  const bank = chooseLeaf(accounts, '102', input.bankAccount, 'bankAccount')
  const households = plan.households.filter((h) => h.amount > 0n)
  const chunks: (typeof households)[] = []
  for (let i = 0; i < households.length; i += HOUSEHOLDS_PER_VOUCHER)
    chunks.push(households.slice(i, i + HOUSEHOLDS_PER_VOUCHER))
  const summary = input.summary ?? `${run.policyVersion}：防返贫监测户收益发放`
  const voucherIds: string[] = []
  for (const [i, chunk] of chunks.entries()) {
    const part = chunks.length > 1 ? `（${i + 1}/${chunks.length}）` : ''
    const voucher = await services.ledger.createVoucher(
      collective.ledgerId,
      {
        date: input.payDate,
        summary: `${summary}${part}`.slice(0, 200),
        attachments: 1,
        lines: [
          ...chunk.map((h) => ({
            account: payable,
            debit: h.amount,
            counterparty: h.ref.slice(0, 200),
            summary: '防返贫监测户收益',
          })),
          { account: bank, credit: chunk.reduce((s, h) => s + h.amount, 0n) },
        ],
      },
      actor,
      {
        origin: {
          kind: 'collective.monitored_payout',
          refs: { collectiveId, runId: run.id, projectId: run.projectId },
        },
      },
    )
    voucherIds.push(voucher.id)
  }
  const booking = await services.collective.recordBooking(
    collectiveId,
    {
      kind: 'monitored_payout',
      subjectId: run.id,
      period: '',
      voucherDate: input.payDate,
      voucherIds,
      lines: households.map((h) => ({
        key: h.ref,
        label: h.label,
        amount: h.amount,
        account: payable,
        householdId: h.householdId,
      })),
    },
    actor,
  )
  return { booking, replayed: false, payableVoucherId: plan.payableVoucherId }
}
