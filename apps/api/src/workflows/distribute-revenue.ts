import { DomainError } from '@liancun/core'
import type { DistributionInput, GuardOptions, ProjectRef } from '@liancun/funds'
import type { Services } from '../services.js'
import { postingAccount } from './posting-account.js'

/**
 * 收益分配 into each beneficiary village's own books, in one transaction: the funds domain runs
 * and stores the split, then every village that receives money gets a draft voucher in its
 * ledger — Dr 112 应收款 / Cr 502 投资收益 — carrying the run id. A receiving village without a
 * ledger stops the whole run (nothing is recorded), naming the village.
 */
export async function distributeRevenue(
  services: Services,
  projectId: string,
  input: DistributionInput,
  actor: string,
  options?: GuardOptions<ProjectRef>,
) {
  const run = await services.funds.distribute(projectId, input, actor, options)
  const villageLines = run.lines.filter((l) => l.villageCode !== null)
  const ledgers = await services.ledger.ledgersOfVillages(villageLines.map((l) => l.villageCode!))
  const project = await services.funds.projectScope(projectId)
  const booked = villageLines.map((line) => {
    const own = ledgers.filter((l) => l.villageCode === line.villageCode)
    if (own.length !== 1) {
      throw new DomainError(
        own.length === 0 ? 'funds.ledger_missing' : 'funds.ledger_ambiguous',
        own.length === 0
          ? `village ${line.villageCode} has no ledger to book its share in; open one first`
          : `village ${line.villageCode} keeps ${own.length} ledgers; the share cannot be booked without choosing`,
        { kind: 'rule', context: { villageCode: line.villageCode } },
      )
    }
    return { line, ledgerId: own[0]!.id, voucherId: '' }
  })
  // Draft into the ledgers in id order, the order linked posting locks them in, so a run and a
  // concurrent post of a 飞地抱团 link never wait on each other crosswise (a deadlock).
  for (const entry of [...booked].sort((a, b) =>
    a.ledgerId < b.ledgerId ? -1 : a.ledgerId > b.ledgerId ? 1 : 0,
  )) {
    const { line, ledgerId } = entry
    const receivable = await postingAccount(services, ledgerId, '112')
    const income = await postingAccount(services, ledgerId, '502')
    const voucher = await services.ledger.createVoucher(
      ledgerId,
      {
        date: run.date,
        summary: `${project.name}收益分配（${run.policyVersion}）`.slice(0, 200),
        attachments: 0,
        lines: [
          { account: receivable, debit: line.amount, counterparty: project.name.slice(0, 200) },
          { account: income, credit: line.amount },
        ],
      },
      actor,
      {
        origin: { kind: 'funds.distribution', refs: { projectId, runId: run.id, revenueId: run.revenueId } },
      },
    )
    entry.voucherId = voucher.id
  }
  const attached = booked.map(({ line, ledgerId, voucherId }) => ({
    villageCode: line.villageCode!,
    ledgerId,
    voucherId,
  }))
  return services.funds.attachDistributionVouchers(run.id, attached)
}
