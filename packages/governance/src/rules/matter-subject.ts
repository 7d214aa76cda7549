import { formatMoney } from '@liancun/core'

/**
 * What a 四议两公开 decision decided: its category, the object, the amount or cap, and optionally
 * the projects (项目库 ids) it names. A decision authorises spending only within its subject.
 */
export interface MatterSubject {
  category: string
  /** Amount or cap in fen; null when the matter recorded none (it then authorises no spending). */
  amount: bigint | null
  object: string | null
  /** Listed project ids, or null: a matter that lists none authorises one project at most. */
  projects: readonly string[] | null
}

/** A project (or payment) asking to be authorised: its kind, its amount in fen and its id. */
export interface SpendingClaim {
  /** A project category of the funds domain: industry · livelihood · infrastructure · public_welfare. */
  category: string
  amount: bigint
  objectId: string
}

/** 四议两公开 basis of the gate: the matter must be the one that decided this spending. */
export const SUBJECT_BASIS = {
  law: '中共中央办公厅 国务院办公厅《关于加强和改进乡村治理的指导意见》（四议两公开）; 村民委员会组织法',
  version: '2019 / 2018',
  article: '第24条（涉及村民利益的事项经村民会议讨论决定方可办理）',
} as const

/**
 * Which project categories a matter category may authorise. A land contracting plan or a 误工补贴
 * decides no project; a collective project authorises income-earning and infrastructure works; a
 * public-welfare project (一事一议) authorises public works; a large expenditure or the use of
 * collective income authorises any. The grouping is this project's reading of 组织法 Art. 24's
 * list, not a quoted table: counties may need a finer one.
 */
export const SUBJECT_COVERS: Readonly<Record<string, readonly string[]>> = {
  collective_project: ['industry', 'infrastructure', 'livelihood'],
  public_welfare_project: ['public_welfare', 'infrastructure', 'livelihood'],
  large_expenditure: ['industry', 'livelihood', 'infrastructure', 'public_welfare'],
  collective_income_use: ['industry', 'livelihood', 'infrastructure', 'public_welfare'],
  collective_debt: ['industry', 'infrastructure'],
}

/** What the gate found: why the subject does not cover the claim (empty when it does), and the slot. */
export interface SubjectCover {
  gaps: string[]
  /**
   * The slot this authorisation takes: `single` for a matter that lists no projects (so a second
   * project collides with the first), the project id for a matter that lists several.
   */
  slot: string
  /** Σ amounts already authorised under this subject, plus this claim: checked against the cap. */
  total: bigint
}

/**
 * Whether a decision's subject covers a project: the category must authorise the project's
 * category, the amount (cap) must reach the project's budget plus what the matter already
 * authorised, and the matter must list the project or, listing none, authorise nothing else yet.
 * Pure; `authorised` are the projects this matter already authorised (other than this one).
 */
export function subjectCovers(
  subject: MatterSubject,
  claim: SpendingClaim,
  authorised: readonly { objectId: string; amount: bigint }[],
): SubjectCover {
  const gaps: string[] = []
  const others = authorised.filter((a) => a.objectId !== claim.objectId)
  const allowed = SUBJECT_COVERS[subject.category] ?? []
  if (!allowed.includes(claim.category)) {
    gaps.push(
      `a ${subject.category} matter does not authorise a ${claim.category} project (it authorises ${allowed.length ? allowed.join(', ') : 'no project'})`,
    )
  }
  const total = others.reduce((sum, a) => sum + a.amount, claim.amount)
  if (subject.amount === null) gaps.push('the matter records no amount, so it authorises no spending')
  else if (total > subject.amount) {
    gaps.push(
      others.length
        ? `the matter's cap ${formatMoney(subject.amount)} is below ${formatMoney(total)} (this project's ${formatMoney(claim.amount)} and ${formatMoney(total - claim.amount)} already authorised)`
        : `the matter's amount ${formatMoney(subject.amount)} is below the project's budget ${formatMoney(claim.amount)}`,
    )
  }
  if (subject.projects !== null) {
    if (!subject.projects.includes(claim.objectId))
      gaps.push(`the matter lists ${subject.projects.length} project(s), not ${claim.objectId}`)
  } else if (others.length > 0) {
    gaps.push(
      `the matter lists no projects and already authorised ${others.map((a) => a.objectId).join(', ')}`,
    )
  }
  return { gaps, slot: subject.projects === null ? 'single' : claim.objectId, total }
}

/**
 * Whether a payment, loan, asset disposal or borrowing of `amount` fen is within a decision's
 * amount. Pure; the empty list when it is.
 */
export function subjectCoversAmount(subject: MatterSubject, amount: bigint): string[] {
  if (subject.amount === null) return ['the matter records no amount, so it authorises no spending']
  if (amount > subject.amount)
    return [`the matter's amount ${formatMoney(subject.amount)} is below ${formatMoney(amount)}`]
  return []
}
