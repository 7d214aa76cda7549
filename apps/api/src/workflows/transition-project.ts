import { DomainError, formatMoney } from '@liancun/core'
import type { GateReads, GuardOptions, ProjectRef, TransitionGate, TransitionInput } from '@liancun/funds'
import { type DecisionStanding, SUBJECT_BASIS, subjectCovers } from '@liancun/governance'
import type { Services } from '../services.js'
import { assetCardsFromTitle } from './asset-cards-from-title.js'
import { matterOrAllianceStanding } from './matter-standing.js'
import { postingAccount } from './posting-account.js'

/**
 * 县审定 of a major project needs a 四议两公开 decision (governance domain): when the budget is
 * at or above the major-matter amount in the rules effective for the implementing village on
 * the day, the step names a village or alliance matter that concerns that village, is
 * resolved, and whose resolution disclosure has ended with no objection pending. The standing
 * found is stored with the step. Other steps go straight to the funds domain. The gate is read
 * once the funds domain has loaded, locked and authorised the project (`options.guard`).
 */
export async function transitionProject(
  services: Services,
  projectId: string,
  input: TransitionInput,
  actor: string,
  today: string,
  options?: GuardOptions<ProjectRef>,
) {
  const project = await services.funds.transition(
    projectId,
    input,
    actor,
    (project, reads) => gateFor(services, project, input, today, reads),
    options,
  )
  if (input.to === 'accepted' && input.acceptance?.assets) {
    const on = input.on ?? today
    const titles = await bookTitles(services, project.id, project.name, input.acceptance.bookOn ?? on, actor)
    // The owners' asset cards (issue 13), in the same transaction, acquired on the acceptance day.
    const assetCards = await assetCardsFromTitle(
      services,
      project,
      titles,
      input.acceptance.assets,
      on,
      actor,
    )
    return { ...project, assetCards }
  }
  return project
}

/**
 * 资产确权 in the owners' books (issue 12 item 8): one draft voucher per ledger with entries —
 * the assets it owns, Dr 151 固定资产 / Cr 311 公积公益金, and the special money it received leaving
 * 241 专项应付款 against the works it paid for, Dr 241 / Cr 153 在建工程. Inferred from the 2004
 * text's 专项应付款 mechanics (still the best public description; packages/funds README). Ledgers
 * in id order, the order linked posting locks them in.
 */
async function bookTitles(services: Services, projectId: string, name: string, date: string, actor: string) {
  const titles = await services.funds.assetTitles(projectId)
  const attached: { ledgerId: string; voucherId: string }[] = []
  for (const entry of [...titles.entries].sort((a, b) => (a.ledgerId < b.ledgerId ? -1 : 1))) {
    const lines = []
    for (const line of entry.lines) {
      const account = await postingAccount(
        services,
        entry.ledgerId,
        line.code,
        undefined,
        'acceptance.assets',
      )
      lines.push({ account, ...(line.debit ? { debit: line.debit } : { credit: line.credit! }) })
    }
    const voucher = await services.ledger.createVoucher(
      entry.ledgerId,
      { date, summary: `${name}资产确权（验收）`.slice(0, 200), attachments: 0, lines },
      actor,
      { origin: { kind: 'funds.asset_title', refs: { projectId } } },
    )
    attached.push({ ledgerId: entry.ledgerId, voucherId: voucher.id })
  }
  await services.funds.attachTitleVouchers(projectId, attached)
  const voucherOf = new Map(attached.map((a) => [a.ledgerId, a.voucherId]))
  return {
    ...titles,
    entries: titles.entries.map((e) => ({ ...e, voucherId: voucherOf.get(e.ledgerId) ?? e.voucherId })),
  }
}

async function gateFor(
  services: Services,
  project: ProjectRef,
  input: TransitionInput,
  today: string,
  reads: GateReads,
): Promise<TransitionGate> {
  const gate: TransitionGate = {}
  if (input.to === 'accepted' && input.acceptance?.assets) {
    gate.ownerLedgers = await ownerLedgers(services, input.acceptance.assets)
  }
  if (input.to === 'approved') {
    const on = input.on ?? today
    const ruleHolder = project.implementerVillageCode ?? project.townshipCode
    const { rules } = await services.governance.getRules(ruleHolder, on)
    gate.majorMatterAmount = rules.majorMatterFen
    if (project.budget >= rules.majorMatterFen) {
      const standing = input.decisionRef ? await standingOf(services, input.decisionRef, on) : null
      const missing = standing
        ? [
            ...standing.missing,
            ...concerns(standing, project.implementerVillageCode, project.beneficiaryVillageCodes),
          ]
        : ['decisionRef: a 四议两公开 matter (village or alliance) resolved for this project']
      if (missing.length > 0) {
        throw new DomainError(
          'funds.decision_required',
          `a budget of ${formatMoney(project.budget)} reaches the major-matter amount ${formatMoney(rules.majorMatterFen)}: ${missing.join('; ')}`,
          {
            kind: 'rule',
            field: 'decisionRef',
            context: {
              missing,
              majorMatterAmount: formatMoney(rules.majorMatterFen),
              budget: formatMoney(project.budget),
            },
          },
        )
      }
      gate.decision = { ref: standing!.id, kind: standing!.kind, satisfied: true, missing: [] }
      gate.authorisation = await covering(standing!, project, reads)
    }
  }
  return gate
}

/**
 * What was decided must cover the project (issue 12 item 5): the matter's category authorises
 * the project's category, its amount (cap) reaches the budget plus what it already authorised,
 * and a matter that lists no projects authorises one only. Read inside the step's transaction.
 */
async function covering(
  standing: DecisionStanding,
  project: ProjectRef,
  reads: GateReads,
): Promise<NonNullable<TransitionGate['authorisation']>> {
  const already = await reads.authorisedBy(standing.id)
  const cover = subjectCovers(
    standing.subject,
    { category: project.category, amount: project.budget, objectId: project.id },
    already.map((a) => ({ objectId: a.projectId, amount: a.amount })),
  )
  const subject = {
    category: standing.subject.category,
    amount: standing.subject.amount === null ? null : formatMoney(standing.subject.amount),
    object: standing.subject.object,
    projects: standing.subject.projects,
  }
  if (cover.gaps.length > 0) {
    throw new DomainError(
      'funds.decision_does_not_cover',
      `${standing.kind} ${standing.id} does not cover this project: ${cover.gaps.join('; ')}`,
      {
        kind: 'rule',
        field: 'decisionRef',
        context: {
          rule: 'decision_covers_project',
          missing: cover.gaps,
          subject,
          project: { id: project.id, category: project.category, budget: formatMoney(project.budget) },
          alreadyAuthorised: already.map((a) => ({ projectId: a.projectId, budget: formatMoney(a.amount) })),
          total: formatMoney(cover.total),
          basis: SUBJECT_BASIS,
        },
      },
    )
  }
  return { ref: standing.id, kind: standing.kind, slot: cover.slot, subject }
}

/** A decision reference names a village matter or an alliance matter. */
export async function standingOf(services: Services, ref: string, on: string): Promise<DecisionStanding> {
  const standing = await matterOrAllianceStanding(services, ref, on)
  if (!standing) {
    throw new DomainError('funds.decision_not_found', `no 四议两公开 matter or alliance matter ${ref}`, {
      kind: 'rule',
      field: 'decisionRef',
    })
  }
  return standing
}

/**
 * The decision must be the implementing village's own (or include it, for an alliance matter);
 * where a partner enterprise implements, it must be decided by at least one beneficiary village.
 */
export function concerns(
  standing: DecisionStanding,
  village: string | null,
  beneficiaries: string[],
): string[] {
  if (village !== null) {
    if (standing.villageCodes.includes(village)) return []
    return [
      `${standing.kind} ${standing.id} was decided by ${standing.villageCodes.join(', ')}, not by the implementing village ${village}`,
    ]
  }
  if (standing.villageCodes.some((code) => beneficiaries.includes(code))) return []
  return [
    `${standing.kind} ${standing.id} was decided by none of the beneficiary villages ${beneficiaries.join(', ')}`,
  ]
}

/** The one ledger of each village that owns a 确权 asset: none or several is refused, naming it. */
async function ownerLedgers(
  services: Services,
  assets: NonNullable<NonNullable<TransitionInput['acceptance']>['assets']>,
): Promise<Record<string, string>> {
  const owners = assets.flatMap((asset, i) =>
    asset.owners.flatMap((owner, j) =>
      'villageCode' in owner
        ? [{ villageCode: owner.villageCode, field: `acceptance.assets.${i}.owners.${j}` }]
        : [],
    ),
  )
  const ledgers = await services.ledger.ledgersOfVillages([...new Set(owners.map((o) => o.villageCode))])
  const found: Record<string, string> = {}
  for (const owner of owners) {
    const own = ledgers.filter((l) => l.villageCode === owner.villageCode)
    if (own.length !== 1) {
      throw new DomainError(
        own.length === 0 ? 'funds.ledger_missing' : 'funds.ledger_ambiguous',
        own.length === 0
          ? `village ${owner.villageCode} has no ledger to put its asset on; open one first`
          : `village ${owner.villageCode} keeps ${own.length} ledgers; the asset cannot be booked without choosing`,
        { kind: 'rule', field: `${owner.field}.villageCode`, context: { villageCode: owner.villageCode } },
      )
    }
    found[owner.villageCode] = own[0]!.id
  }
  return found
}
