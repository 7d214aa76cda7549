import { type Fen, formatMoney } from '@liancun/core'
import { LedgerError } from '../errors.js'

/**
 * 村账乡代管 approval chain of a voucher, in order: prepared by the village's 报账员, reviewed by
 * the 民主理财小组 or 村务监督委员会, signed by the village head (村委会主任), audited by the
 * township 经管站 (农村经营管理站) before it is booked. Each step is taken by its own key.
 */
export const APPROVAL_STEPS = ['prepared', 'reviewed', 'signed', 'audited'] as const
export type ApprovalStep = (typeof APPROVAL_STEPS)[number]

/**
 * Which API roles may take which step: the village clerk reports (报账), the village reviewer key
 * is the 民主理财小组 / 村务监督委员会's, the village head signs with an organizer key of the village,
 * the township auditor audits. The mapping is this project's reading of 村账乡代管 practice
 * (reference accounting.md: "village approvers (负责人, 民主理财小组) approve payments"), not a
 * quoted table; a county may need another.
 */
export const STEP_ROLES: Readonly<Record<ApprovalStep, readonly string[]>> = {
  prepared: ['clerk', 'bookkeeper'],
  reviewed: ['reviewer'],
  signed: ['organizer'],
  audited: ['auditor'],
}

export const APPROVAL_BASIS = {
  law: '农村集体经济组织会计制度; 村账乡代管',
  version: '财会〔2023〕14号 (2004 text for the mechanics)',
  article: '会计凭证（填制、审核签章）; 现金开支审批——手续不完备不付款',
} as const

/**
 * Whether `next` may be the chain's next step: steps in order, each by a role allowed to take it,
 * and never by a key that already took another step of this voucher. Pure; throws the refusal.
 */
export function checkApprovalStep(
  done: readonly { step: ApprovalStep; keyId: string }[],
  next: { step: ApprovalStep; keyId: string; role: string },
): void {
  const expected = APPROVAL_STEPS[done.length]
  if (next.step !== expected) {
    throw new LedgerError(
      'ledger.approval_out_of_order',
      expected === undefined
        ? 'the approval chain is complete'
        : `the next step of this voucher is ${expected}, not ${next.step}`,
      {
        field: 'step',
        context: { expected: expected ?? null, done: done.map((d) => d.step), basis: APPROVAL_BASIS },
      },
    )
  }
  if (!STEP_ROLES[next.step].includes(next.role)) {
    throw new LedgerError(
      'ledger.approval_role',
      `a ${next.role} key cannot take the ${next.step} step (${STEP_ROLES[next.step].join(' or ')} can)`,
      { field: 'step', context: { step: next.step, role: next.role, roles: STEP_ROLES[next.step] } },
    )
  }
  const same = done.find((d) => d.keyId === next.keyId)
  if (same) {
    throw new LedgerError(
      'ledger.approval_same_key',
      `this key already took the ${same.step} step; each step is taken by its own key`,
      { field: 'step', context: { step: next.step, took: same.step } },
    )
  }
}

/** What makes a voucher a major money matter: a payment, a loan, an asset disposal, borrowing. */
export type MajorKind = 'payment' | 'disposal' | 'borrowing'

const CASH = ['101', '102']
const LONG_LIVED = ['141', '151', '161', '132', '134']
const BORROWING = ['201', '221']

/**
 * The largest major-matter movement of a voucher at or above `threshold` fen, or null: money paid
 * out of cash or bank (a payment or a loan given), a long-lived asset leaving the books (a
 * disposal), money borrowed. Pure; reads first-level codes of the lines.
 */
export function majorMatterNeed(
  lines: readonly { account: string; debit?: Fen; credit?: Fen }[],
  threshold: Fen,
): { kind: MajorKind; amount: Fen } | null {
  const credited = (codes: readonly string[]) =>
    lines.reduce((sum, l) => (codes.includes(l.account.slice(0, 3)) ? sum + (l.credit ?? 0n) : sum), 0n)
  const found = (
    [
      ['payment', credited(CASH)],
      ['disposal', credited(LONG_LIVED)],
      ['borrowing', credited(BORROWING)],
    ] as const
  )
    .filter(([, amount]) => amount >= threshold && amount > 0n)
    .sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0))
  return found.length ? { kind: found[0]![0], amount: found[0]![1] } : null
}

/** A major-matter voucher names the resolved matter authorising it. Pure; throws the refusal. */
export function checkMatterOnVoucher(
  need: { kind: MajorKind; amount: Fen } | null,
  matterId: string | null | undefined,
  threshold: Fen,
): void {
  if (need && !matterId) {
    throw new LedgerError(
      'ledger.matter_required',
      `a ${need.kind} of ${formatMoney(need.amount)} reaches the major-matter amount ${formatMoney(threshold)}: name the resolved 四议两公开 matter that authorises it`,
      {
        field: 'matterId',
        context: {
          kind: need.kind,
          amount: formatMoney(need.amount),
          majorMatterAmount: formatMoney(threshold),
          basis: APPROVAL_BASIS,
        },
      },
    )
  }
}

/**
 * What the app's governance gate found of a named matter (see VoucherMatterGate): null when no
 * village matter or alliance matter has the id. `missing` lists what its standing lacks on the
 * voucher date (resolved, resolution disclosed, no objection pending); `amount` is the amount or
 * cap its subject recorded (null: none, so it authorises no spending).
 */
export interface MatterStanding {
  kind: 'matter' | 'alliance_matter'
  id: string
  villageCodes: readonly string[]
  missing: readonly string[]
  amount: Fen | null
}

/**
 * Whether a named matter authorises this voucher: it exists, it is this village's (or an
 * alliance matter that includes it), it stands on the voucher date, and its amount covers the
 * major movement. Pure; the first refusal, or null.
 */
export function matterStandingProblem(
  matterId: string,
  villageCode: string,
  standing: MatterStanding | null,
  need: { kind: MajorKind; amount: Fen } | null,
): LedgerError | null {
  if (!standing) {
    return new LedgerError('ledger.matter_not_found', `no 四议两公开 matter or alliance matter ${matterId}`, {
      field: 'matterId',
      context: { matterId },
    })
  }
  if (!standing.villageCodes.includes(villageCode)) {
    return new LedgerError(
      'ledger.matter_other_village',
      `${standing.kind} ${standing.id} was decided by ${standing.villageCodes.join(', ') || 'no village'}, not by ${villageCode}`,
      {
        field: 'matterId',
        context: { matterId, villageCode, decidedBy: standing.villageCodes, basis: APPROVAL_BASIS },
      },
    )
  }
  if (standing.missing.length > 0) {
    return new LedgerError(
      'ledger.matter_not_standing',
      `${standing.kind} ${standing.id} does not authorise spending yet: ${standing.missing.join('; ')}`,
      { field: 'matterId', context: { matterId, missing: standing.missing, basis: APPROVAL_BASIS } },
    )
  }
  if (need && (standing.amount === null || standing.amount < need.amount)) {
    return new LedgerError(
      'ledger.matter_does_not_cover',
      standing.amount === null
        ? `${standing.kind} ${standing.id} records no amount, so it authorises no ${need.kind}`
        : `${standing.kind} ${standing.id} decided ${formatMoney(standing.amount)}, below this ${need.kind} of ${formatMoney(need.amount)}`,
      {
        field: 'matterId',
        context: {
          matterId,
          kind: need.kind,
          amount: formatMoney(need.amount),
          decided: standing.amount === null ? null : formatMoney(standing.amount),
          basis: APPROVAL_BASIS,
        },
      },
    )
  }
  return null
}

/**
 * One matter authorises what it decided, not that much per voucher: the payments already charged
 * to it (live vouchers naming it) plus this one stay within its amount. Pure; null when they do.
 */
export function matterChargedProblem(
  matterId: string,
  decided: Fen | null,
  charged: Fen,
  need: { kind: MajorKind; amount: Fen } | null,
): LedgerError | null {
  if (!need || decided === null || charged + need.amount <= decided) return null
  return new LedgerError(
    'ledger.matter_does_not_cover',
    `matter ${matterId} decided ${formatMoney(decided)}; ${formatMoney(charged)} is already charged to it, so this ${need.kind} of ${formatMoney(need.amount)} would exceed it`,
    {
      field: 'matterId',
      context: {
        matterId,
        kind: need.kind,
        amount: formatMoney(need.amount),
        decided: formatMoney(decided),
        charged: formatMoney(charged),
        basis: APPROVAL_BASIS,
      },
    },
  )
}

/** Which rule a voucher's matter answered: recorded with it (`matter_rule`), shown on the voucher. */
export interface MatterRule {
  /** The major-matter amount in force for the village on the voucher date. */
  majorMatterAmount: Fen
  /** The major movement found, or null when a matter was named for a voucher below the amount. */
  need: { kind: MajorKind; amount: Fen } | null
  on: string
}

export const matterRuleText = (rule: MatterRule): string =>
  JSON.stringify({
    majorMatterAmount: rule.majorMatterAmount.toString(),
    need: rule.need && { kind: rule.need.kind, amount: rule.need.amount.toString() },
    on: rule.on,
  })

export function parseMatterRule(text: string | null): MatterRule | null {
  if (text === null) return null
  const raw = JSON.parse(text) as {
    majorMatterAmount: string
    need: { kind: MajorKind; amount: string } | null
    on: string
  }
  return {
    majorMatterAmount: BigInt(raw.majorMatterAmount),
    need: raw.need && { kind: raw.need.kind, amount: BigInt(raw.need.amount) },
    on: raw.on,
  }
}

/**
 * Where the county requires it, a voucher is posted only once its chain is complete (audited by
 * the township 经管站). Pure; the refusal, or null.
 */
export function approvalChainProblem(done: readonly ApprovalStep[]): LedgerError | null {
  const missing = APPROVAL_STEPS.filter((step) => !done.includes(step))
  if (missing.length === 0) return null
  return new LedgerError(
    'ledger.approval_chain_incomplete',
    `this ledger posts a voucher only after its 村账乡代管 chain is complete; missing: ${missing.join(', ')}`,
    { context: { done, missing, basis: APPROVAL_BASIS } },
  )
}
