import type { Database, Fen } from '@liancun/core'
import { guardLedger, type LedgerContext } from '../context.js'
import { LedgerError, withFieldPrefix } from '../errors.js'
import {
  APPROVAL_STEPS,
  type ApprovalStep,
  approvalChainProblem,
  checkApprovalStep,
  checkMatterOnVoucher,
  type MatterStanding,
  majorMatterNeed,
  matterChargedProblem,
  matterRuleText,
  matterStandingProblem,
  parseMatterRule,
} from '../rules/approvals.js'
import { type ApprovalRow, approvalsOf, chargedToMatter, insertApproval } from '../store/approvals.js'
import type { LedgerRow } from '../store/ledgers.js'
import { ledgerWithVoucher, lockVoucher } from '../store/vouchers.js'
import type { GuardOptions, LedgerRef } from '../types.js'
import { ledgerNotFound, loadLedger, voucherNotFound } from './load.js'

/**
 * What the ledger asks the app about 四议两公开 (issue 12 item 6): the domain never imports
 * governance, so the app implements this port (apps/api/src/workflows/voucher-matter-gate.ts).
 * A service built without one checks no major-matter amount and no chain.
 */
export interface VoucherMatterGate {
  /** The major-matter amount in force for the ledger's village on the day (governance rules). */
  majorMatterAmount(ref: LedgerRef, on: string): Promise<Fen>
  /** The standing of a village matter or alliance matter on the day; null if no such matter. */
  matterStanding(matterId: string, on: string): Promise<MatterStanding | null>
  /** Whether this ledger posts vouchers only with their complete approval chain (default off). */
  approvalChainRequired?(ref: LedgerRef): boolean
}

export interface Approval {
  step: ApprovalStep
  keyId: string
  role: string
  signer: string
  approvedAt: string
}

export interface ApprovalChain {
  voucherId: string
  steps: Approval[]
  /** The step still to take, or null when the chain is complete. */
  next: ApprovalStep | null
  complete: boolean
}

const refOf = (row: LedgerRow): LedgerRef => ({
  id: row.id,
  countyCode: row.countyCode,
  villageCode: row.villageCode,
})

/** What a draft records of its matter: the id and the rule (amount in force) it answered. */
export interface DraftMatter {
  matterId: string | null
  matterRule: string | null
}

const NO_MATTER: DraftMatter = { matterId: null, matterRule: null }

/**
 * The major-matter gate of one draft: a voucher moving money out of cash or bank, disposing of a
 * long-lived asset or borrowing — at or above the village's amount on its date — names a matter
 * that stands for the village and covers the amount. A voucher that credits none of those
 * accounts asks nothing (so an ordinary receipt costs no statement); one that does reads the
 * amount (the gate caches it per request). Throws the refusal, prefixed with the item's field.
 */
export async function draftMatter(
  q: Database,
  gate: VoucherMatterGate | undefined,
  ledger: LedgerRow,
  spec: {
    date: string
    lines: readonly { account: string; debit?: Fen | undefined; credit?: Fen | undefined }[]
    matterId?: string | undefined
    field: string
  },
  /** Fen charged to each matter by earlier drafts of the same batch (updated here). */
  batchCharged: Map<string, Fen> = new Map(),
): Promise<DraftMatter> {
  const matterId = spec.matterId ?? null
  if (!gate || (!matterId && !majorMatterNeed(spec.lines, 1n))) return NO_MATTER
  try {
    const ref = refOf(ledger)
    const threshold = await gate.majorMatterAmount(ref, spec.date)
    const need = majorMatterNeed(spec.lines, threshold)
    checkMatterOnVoucher(need, matterId, threshold)
    if (!matterId) return NO_MATTER
    const standing = await gate.matterStanding(matterId, spec.date)
    const problem = matterStandingProblem(matterId, ledger.villageCode, standing, need)
    if (problem) throw problem
    if (need) {
      const charged = batchCharged.get(matterId) ?? (await chargedToMatter(q, ledger.countyCode, matterId))
      const over = matterChargedProblem(matterId, standing!.amount, charged, need)
      if (over) throw over
      batchCharged.set(matterId, charged + need.amount)
    }
    return { matterId, matterRule: matterRuleText({ majorMatterAmount: threshold, need, on: spec.date }) }
  } catch (error) {
    throw spec.field ? withFieldPrefix(error, spec.field) : error
  }
}

/**
 * At posting, the matter is asked again (an objection may have been lodged since the draft) and,
 * where the county requires it, the chain must be complete. Vouchers naming no matter cost
 * nothing here, nor does a county without the chain requirement.
 */
export async function checkBeforePosting(
  gate: VoucherMatterGate | undefined,
  q: Database,
  ledgers: readonly LedgerRow[],
  items: readonly {
    field: string
    row:
      | {
          id: string
          ledgerId: string
          kind: string
          date: string
          matterId: string | null
          matterRule: string | null
        }
      | undefined
  }[],
): Promise<void> {
  if (!gate) return
  const ledgerOf = new Map(ledgers.map((l) => [l.id, l]))
  const chained: { field: string; id: string; countyCode: string }[] = []
  for (const { field, row } of items) {
    const ledger = row && ledgerOf.get(row.ledgerId)
    if (!row || !ledger) continue
    try {
      if (row.matterId) {
        const rule = parseMatterRule(row.matterRule)
        const problem = matterStandingProblem(
          row.matterId,
          ledger.villageCode,
          await gate.matterStanding(row.matterId, row.date),
          rule?.need ?? null,
        )
        if (problem) throw problem
      }
    } catch (error) {
      throw field ? withFieldPrefix(error, field) : error
    }
    // Closing vouchers are the system's own (the year-end close), not a payment to approve.
    if (row.kind === 'regular' && gate.approvalChainRequired?.(refOf(ledger))) {
      chained.push({ field, id: row.id, countyCode: ledger.countyCode })
    }
  }
  if (chained.length === 0) return
  const byCounty = new Map<string, string[]>()
  for (const c of chained) byCounty.set(c.countyCode, [...(byCounty.get(c.countyCode) ?? []), c.id])
  const steps = new Map<string, ApprovalStep[]>()
  for (const [county, ids] of byCounty) {
    for (const a of await approvalsOf(q, county, ids)) {
      steps.set(a.voucherId, [...(steps.get(a.voucherId) ?? []), a.step as ApprovalStep])
    }
  }
  for (const c of chained) {
    const problem = approvalChainProblem(steps.get(c.id) ?? [])
    if (problem) throw c.field ? withFieldPrefix(problem, c.field) : problem
  }
}

const order = (a: ApprovalRow, b: ApprovalRow) =>
  APPROVAL_STEPS.indexOf(a.step as ApprovalStep) - APPROVAL_STEPS.indexOf(b.step as ApprovalStep)

function chainOf(voucherId: string, rows: readonly ApprovalRow[]): ApprovalChain {
  const steps = [...rows].sort(order).map((r) => ({
    step: r.step as ApprovalStep,
    keyId: r.keyId,
    role: r.role,
    signer: r.signer,
    approvedAt: r.approvedAt.toISOString(),
  }))
  const next = APPROVAL_STEPS[steps.length] ?? null
  return { voucherId, steps, next, complete: next === null }
}

/** The 村账乡代管 chain of a draft: prepared, reviewed, signed, audited — each by its own key. */
export function approvalPart(ctx: LedgerContext) {
  return {
    /**
     * Records the next step of a draft's chain by the calling key (its role decides which steps
     * it may take; `signer` is the key's name as written on the voucher). A posted voucher takes
     * no more steps: 审核 comes after the chain. Four statements: lock the ledger and the
     * voucher, read the chain, insert the step.
     */
    async recordApproval(
      ledgerId: string,
      voucherId: string,
      input: { step: ApprovalStep },
      actor: { keyId: string; role: string; signer: string },
      options?: GuardOptions,
    ): Promise<ApprovalChain> {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'none', options)
        const found = await lockVoucher(tx, ledger, voucherId)
        if (!found) throw voucherNotFound(voucherId)
        if (found.voucher.status !== 'draft') {
          throw new LedgerError(
            'ledger.voucher_posted',
            'the voucher is posted: its approval chain is closed',
            { field: 'step' },
          )
        }
        const rows = (await approvalsOf(tx, ledger.countyCode, [voucherId])).sort(order)
        checkApprovalStep(
          rows.map((r) => ({ step: r.step as ApprovalStep, keyId: r.keyId })),
          { step: input.step, keyId: actor.keyId, role: actor.role },
        )
        const row: ApprovalRow = {
          countyCode: ledger.countyCode,
          voucherId,
          step: input.step,
          keyId: actor.keyId,
          role: actor.role,
          signer: actor.signer,
          approvedAt: ctx.clock.now(),
        }
        await insertApproval(tx, row)
        return chainOf(voucherId, [...rows, row])
      })
    },

    /** The chain of one voucher of the ledger, in step order: the voucher read, then its steps. */
    async listApprovals(ledgerId: string, voucherId: string, options?: GuardOptions): Promise<ApprovalChain> {
      const found = await ledgerWithVoucher(ctx.db, ledgerId, voucherId)
      if (!found) throw ledgerNotFound(ledgerId)
      await guardLedger(options, found.ledger)
      if (!found.voucher) throw voucherNotFound(voucherId)
      return chainOf(voucherId, await approvalsOf(ctx.db, found.ledger.countyCode, [voucherId]))
    },
  }
}
