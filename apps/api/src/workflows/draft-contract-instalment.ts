import { type ContractPaymentInput, chooseLeaf, type GuardOptions } from '@liancun/collective'
import type { CreateVoucherInput } from '@liancun/ledger'
import type { Services } from '../services.js'

/**
 * A contract's instalment in the collective's books, in one transaction, as a draft voucher.
 * Outbound (the collective lets): the receivable (应收) — Dr 112 应收款 / Cr 501 经营收入 for the
 * part of the instalment falling in the years up to the voucher's year, Cr 211 应付款 (预收) for
 * the later years it pays for (一次性收取的多年承包/租赁收入须分摊到各收益年度) — then, once, the
 * receipt: Dr 102 银行存款 / Cr 112. Inbound (the collective takes land in, 统一流转入): the
 * payable (应付) — Dr 511 经营支出 this year's part, Dr 171 长期待摊费用 the later years' / Cr 211
 * 应付款 — then the payment: Dr 211 / Cr 102. The later years' part is moved year by year by the
 * bookkeeper (the spread is on the instalment).
 */
export async function draftContractInstalment(
  services: Services,
  collectiveId: string,
  contractId: string,
  seq: number,
  stage: 'receivable' | 'receipt',
  input: ContractPaymentInput,
  actor: string,
  today: string,
  options: GuardOptions = {},
) {
  const { collective, contract, payment } = await services.collective.beginInstalment(
    collectiveId,
    contractId,
    seq,
    stage,
    options,
  )
  const ledgerId = collective.ledgerId
  const accounts = await services.ledger.listAccounts(ledgerId)
  const inbound = contract.direction === 'inbound'
  const open = inbound
    ? chooseLeaf(accounts, '211', undefined, 'ledger.211')
    : chooseLeaf(accounts, '112', undefined, 'ledger.112')
  const date =
    input.date ?? (stage === 'receivable' ? (payment.dueOn <= today ? payment.dueOn : today) : today)
  const reference = `${contract.number}-${seq}`.slice(0, 200)
  const counterparty = contract.party.name.slice(0, 200)
  const kindName = { contracting: '发包', lease: '租赁', transfer: '流转' }[contract.kind]
  let lines: CreateVoucherInput['lines']
  if (stage === 'receivable') {
    const year = Number(date.slice(0, 4))
    const now = payment.spread.filter((y) => y.year <= year).reduce((s, y) => s + y.amount, 0n)
    const later = payment.amount - now
    if (inbound) {
      lines = [
        ...(now > 0n
          ? [{ account: chooseLeaf(accounts, '511', undefined, 'ledger.511'), debit: now, reference }]
          : []),
        ...(later > 0n
          ? [
              {
                account: chooseLeaf(accounts, '171', undefined, 'ledger.171'),
                debit: later,
                reference,
                summary: '预付以后年度流转费',
              },
            ]
          : []),
        { account: open, credit: payment.amount, counterparty, reference },
      ]
    } else {
      lines = [
        { account: open, debit: payment.amount, counterparty, reference },
        ...(now > 0n
          ? [{ account: chooseLeaf(accounts, '501', undefined, 'ledger.501'), credit: now, reference }]
          : []),
        ...(later > 0n
          ? [
              {
                account: chooseLeaf(accounts, '211', undefined, 'ledger.211'),
                credit: later,
                counterparty,
                reference,
                summary: '预收以后年度承包/租赁费',
              },
            ]
          : []),
      ]
    }
  } else {
    const bank = chooseLeaf(accounts, '102', input.bankAccount, 'bankAccount')
    lines = inbound
      ? [
          { account: open, debit: payment.amount, counterparty, reference },
          { account: bank, credit: payment.amount, reference },
        ]
      : [
          { account: bank, debit: payment.amount, reference },
          { account: open, credit: payment.amount, counterparty, reference },
        ]
  }
  const label = stage === 'receivable' ? (inbound ? '应付' : '应收') : inbound ? '支付' : '收到'
  const voucher = await services.ledger.createVoucher(
    ledgerId,
    {
      date,
      summary:
        `${label}${kindName}合同${contract.number}第${seq}期款（${payment.coversFrom}至${payment.coversTo}）`.slice(
          0,
          200,
        ),
      attachments: 1,
      lines,
    },
    actor,
    {
      origin: { kind: `collective.contract_${stage}`, refs: { collectiveId, contractId, seq: String(seq) } },
    },
  )
  const instalment = await services.collective.finishInstalment(collectiveId, contractId, seq, stage, {
    id: voucher.id,
    date,
  })
  return { contractId, instalment, voucherId: voucher.id }
}
