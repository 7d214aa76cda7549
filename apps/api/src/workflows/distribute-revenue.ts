import { DomainError, formatMoney } from '@liancun/core'
import type {
  DistributionInput,
  DistributionRun,
  GuardOptions,
  LineVoucher,
  ProjectRef,
} from '@liancun/funds'
import { subjectCoversAmount } from '@liancun/governance'
import type { Services } from '../services.js'
import { postingAccount } from './posting-account.js'
import { concerns, standingOf } from './transition-project.js'

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
  let booking: string | null = null
  const run = await services.funds.distribute(projectId, input, actor, options, async (project, found) => {
    booking = project.implementerVillageCode ?? project.beneficiaryVillageCodes[0] ?? null
    return distributionDecision(services, project, input, found)
  })
  const villageLines = run.lines.filter((l) => l.villageCode !== null)
  const kept = run.lines.filter((l) => l.recipient === 'reserve' || l.recipient === 'monitored_households')
  const bookingVillage = kept.length > 0 ? booking : null
  const ledgers = await services.ledger.ledgersOfVillages([
    ...villageLines.map((l) => l.villageCode!),
    ...(bookingVillage ? [bookingVillage] : []),
  ])
  const project = await services.funds.projectScope(projectId)
  const ledgerOf = (villageCode: string) => {
    const own = ledgers.filter((l) => l.villageCode === villageCode)
    if (own.length !== 1) {
      throw new DomainError(
        own.length === 0 ? 'funds.ledger_missing' : 'funds.ledger_ambiguous',
        own.length === 0
          ? `village ${villageCode} has no ledger to book its share in; open one first`
          : `village ${villageCode} keeps ${own.length} ledgers; the share cannot be booked without choosing`,
        { kind: 'rule', context: { villageCode } },
      )
    }
    return own[0]!.id
  }
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
  const attached: LineVoucher[] = booked.map(({ line, ledgerId, voucherId }) => ({
    villageCode: line.villageCode!,
    ledgerId,
    voucherId,
  }))
  if (bookingVillage) {
    const ledgerId = ledgerOf(bookingVillage)
    const voucherId = await bookKept(services, ledgerId, run, project.name, actor)
    for (const line of kept) attached.push({ recipient: line.recipient as 'reserve', ledgerId, voucherId })
  }
  return services.funds.attachDistributionVouchers(run.id, attached)
}

/**
 * The reserve and the monitored households' part stay with the operating collective (the
 * implementing village, else the first beneficiary) and are booked there, not left as numbers in
 * the run: the revenue they come from as income (Dr 112 应收款 / Cr 502 投资收益), then its
 * distribution (Dr 322 收益分配—各项分配) to 公积公益金 (Cr 311) and to each named household as a
 * payable (Cr 211 应付款, counterparty the household) — 2004 收益分配 mechanics, which the 2023
 * chart keeps (reference accounting.md §1.1); a draft for the village's bookkeeper to post.
 */
async function bookKept(
  services: Services,
  ledgerId: string,
  run: DistributionRun,
  projectName: string,
  actor: string,
): Promise<string> {
  const reserve = run.lines.find((l) => l.recipient === 'reserve')?.amount ?? 0n
  const monitored = run.lines.find((l) => l.recipient === 'monitored_households')?.amount ?? 0n
  const total = reserve + monitored
  const accounts = await services.ledger.listAccounts(ledgerId)
  const leaf = async (code: string) => {
    if (code === '322') {
      // Where 322 keeps 二级 accounts, distributions go to 各项分配 (not 未分配收益).
      const split = accounts.filter((a) => a.isLeaf && !a.disabled && a.code.startsWith('322'))
      const named = split.filter((a) => a.name.includes('各项分配'))
      if (split.length > 1 && named.length === 1) return named[0]!.code
    }
    return postingAccount(services, ledgerId, code)
  }
  const counterparty = projectName.slice(0, 200)
  const lines: {
    account: string
    debit?: bigint
    credit?: bigint
    counterparty?: string
    summary?: string
  }[] = [
    { account: await leaf('112'), debit: total, counterparty },
    { account: await leaf('502'), credit: total },
    { account: await leaf('322'), debit: total },
    ...(reserve > 0n ? [{ account: await leaf('311'), credit: reserve, summary: '提取公积公益金' }] : []),
  ]
  if (run.monitoredHouseholds.length > 0) {
    const payable = await leaf('211')
    for (const h of run.monitoredHouseholds) {
      lines.push({ account: payable, credit: h.amount, counterparty: h.ref, summary: '防返贫监测户收益' })
    }
  }
  const voucher = await services.ledger.createVoucher(
    ledgerId,
    {
      date: run.date,
      summary: `${projectName}收益分配：公积公益金及监测户份额（${run.policyVersion}）`.slice(0, 200),
      attachments: 0,
      lines,
    },
    actor,
    {
      origin: {
        kind: 'funds.distribution',
        refs: { projectId: run.projectId, runId: run.id, revenueId: run.revenueId },
      },
    },
  )
  return voucher.id
}

/**
 * 收益分配方案 is decided (issue 12 item 7): a 四议两公开 matter on the use of collective income
 * (collective_income_use), resolved by the members' or representatives' meeting of the
 * implementing village (or an alliance matter including it), its resolution publicly disclosed
 * to its end without pending objections, and its amount covering the revenue distributed.
 */
async function distributionDecision(
  services: Services,
  project: ProjectRef,
  input: DistributionInput,
  run: { amount: bigint; date: string },
): Promise<Record<string, unknown>> {
  const context = { revenue: formatMoney(run.amount), basis: DISTRIBUTION_BASIS }
  if (!input.decisionRef) {
    throw new DomainError(
      'funds.distribution_decision_required',
      'a distribution runs on the plan the members’ or representatives’ meeting adopted: name its matter (decisionRef)',
      {
        kind: 'rule',
        field: 'decisionRef',
        context: { ...context, missing: ['decisionRef: a resolved collective_income_use matter'] },
      },
    )
  }
  const standing = await standingOf(services, input.decisionRef, run.date)
  const missing = [
    ...standing.missing,
    ...concerns(standing, project.implementerVillageCode, project.beneficiaryVillageCodes),
    ...(DISTRIBUTION_CATEGORIES.includes(standing.subject.category)
      ? []
      : [
          `a ${standing.subject.category} matter does not adopt a distribution plan (collective_income_use does)`,
        ]),
    ...subjectCoversAmount(standing.subject, run.amount),
  ]
  if (missing.length > 0) {
    throw new DomainError(
      'funds.distribution_decision_required',
      `${standing.kind} ${standing.id} does not authorise this distribution: ${missing.join('; ')}`,
      { kind: 'rule', field: 'decisionRef', context: { ...context, missing } },
    )
  }
  return {
    ref: standing.id,
    kind: standing.kind,
    category: standing.subject.category,
    amount: standing.subject.amount === null ? null : formatMoney(standing.subject.amount),
    disclosed: true,
  }
}

/** Matter categories that adopt a distribution plan. */
const DISTRIBUTION_CATEGORIES = ['collective_income_use']

const DISTRIBUTION_BASIS = {
  law: '村民委员会组织法; 农村集体经济组织财务制度',
  version: '2018; 财农〔2021〕121号',
  article: '第24条（集体经济项目收益的使用/分配方案由村民会议或村民代表会议讨论决定）',
} as const
