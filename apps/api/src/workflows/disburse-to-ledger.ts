import { DomainError } from '@liancun/core'
import type { DisbursementInput, ProjectAndSourceGuards } from '@liancun/funds'
import type { Services } from '../services.js'
import { postingAccount } from './posting-account.js'

/**
 * 拨付 into a village's own books, in one transaction: the funds domain records the payment
 * (trigger, tranche and allocation limits), then a draft voucher is prepared in the receiving
 * village's ledger — Dr 102 银行存款 / Cr 241 专项应付款 — carrying the source, project and
 * disbursement ids. The village's reviewer posts it; until then the disbursement is `drafted`.
 * `options.guard` authorises on the project where it is first read, `sourceGuard` on the source
 * where the payment reads it.
 */
export async function disburseToLedger(
  services: Services,
  projectId: string,
  input: DisbursementInput,
  actor: string,
  options: ProjectAndSourceGuards = {},
) {
  const { guard, sourceGuard } = options
  const project = await services.funds.getProject(projectId, guard ? { guard } : {})
  const ledger = await services.ledger.getLedger(input.ledgerId)
  const receivers =
    'villageCode' in project.implementer
      ? [project.implementer.villageCode]
      : project.beneficiaries.map((b) => b.villageCode)
  if (!receivers.includes(ledger.villageCode)) {
    throw new DomainError(
      'funds.ledger_not_implementer',
      `ledger ${ledger.id} belongs to ${ledger.villageCode}; the money goes to the books of ${receivers.join(' or ')}`,
      { kind: 'rule', field: 'ledgerId' },
    )
  }
  const bank = await postingAccount(services, ledger.id, '102', input.bankAccount, 'bankAccount')
  const liability = await postingAccount(services, ledger.id, '241')
  const disbursement = await services.funds.disburse(
    projectId,
    input,
    actor,
    sourceGuard ? { sourceGuard } : {},
  )
  const voucher = await services.ledger.createVoucher(
    ledger.id,
    {
      date: disbursement.date,
      summary:
        `收到${disbursement.sourceName}拨付：${disbursement.projectName}（${disbursement.trancheLabel}）`.slice(
          0,
          200,
        ),
      attachments: 0,
      lines: [
        { account: bank, debit: disbursement.amount, reference: disbursement.documentNo.slice(0, 200) },
        {
          account: liability,
          credit: disbursement.amount,
          counterparty: disbursement.sourceName.slice(0, 200),
        },
      ],
    },
    actor,
    {
      origin: {
        kind: 'funds.disbursement',
        refs: {
          fundSourceId: disbursement.fundSourceId,
          projectId,
          disbursementId: disbursement.id,
          trancheId: disbursement.trancheId,
        },
      },
    },
  )
  await services.funds.attachVoucher(disbursement.id, voucher.id)
  const settlement = await settleAfterTitle(services, projectId, ledger.id, disbursement, actor)
  return { ...disbursement, voucherId: voucher.id, voucher, settlementVoucherId: settlement?.id ?? null }
}

/**
 * 先建后补 (issue 12 item 8): money paid after 确权 lands in 241 专项应付款 like any special money,
 * but the 确权 entries have already been drafted. So, in the disbursement's transaction, a second
 * draft voucher moves it out of 241 the way the 确权 entries do for money received before —
 * Dr 241 专项应付款 / Cr 153 在建工程 (the works it pays for; the asset is already on 151 against
 * 311 公积公益金, so 311 is not credited again). Inferred, as the 确权 entries are (packages/funds
 * README). The funds domain counts it in the ledger's 确权 `received`; nothing when the project
 * has no 确权 yet (the 确权 entries will move it at acceptance).
 */
async function settleAfterTitle(
  services: Services,
  projectId: string,
  ledgerId: string,
  disbursement: { id: string; amount: bigint; date: string; projectName: string; sourceName: string },
  actor: string,
) {
  const settled = await services.funds.receiveAfterTitle(projectId, ledgerId, disbursement.amount)
  if (!settled) return null
  const lines = []
  for (const line of settled.lines) {
    const account = await postingAccount(services, ledgerId, line.code)
    lines.push({ account, ...(line.debit ? { debit: line.debit } : { credit: line.credit! }) })
  }
  return services.ledger.createVoucher(
    ledgerId,
    {
      date: disbursement.date,
      summary: `${disbursement.projectName}确权后拨付结转专项应付款（${disbursement.sourceName}）`.slice(
        0,
        200,
      ),
      attachments: 0,
      lines,
    },
    actor,
    { origin: { kind: 'funds.asset_title', refs: { projectId, disbursementId: disbursement.id } } },
  )
}
