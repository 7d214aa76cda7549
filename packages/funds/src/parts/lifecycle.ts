import { addDays, newId } from '@liancun/core'
import { type FundsContext, type GuardOptions, type ProjectRef, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import type { CreateNoticeInput, RecordResultInput, TransitionInput } from '../inputs.js'
import {
  acceptanceShares,
  checkNoticeStage,
  checkResult,
  checkStep,
  checkTransition,
  completedNotice,
  type ProjectStatus,
} from '../rules/lifecycle.js'
import { projects } from '../schema.js'
import { authorisationsOf, lockDecision, recordAuthorisation } from '../store/authorisations.js'
import {
  insertNotice,
  insertResult,
  insertShares,
  insertTransition,
  lockForNotice,
  projectSteps,
  projectWithTarget,
  stepContext,
} from '../store/lifecycle.js'
import { findProject, projectDetail, updateProject } from '../store/projects.js'
import { keyOf } from '../store/sql.js'
import { recordTitles } from './asset-titles.js'
import { projectOf, projectRef } from './projects.js'

/** 公告公示 lasts at least 10 days unless a county or township configures otherwise. */
export const DEFAULT_NOTICE_DAYS = 10

/** What an app-level gate found before a step (the 四议两公开 decision behind an approval). */
export interface TransitionGate {
  decision?: { ref: string; kind: string; satisfied: boolean; missing: string[] }
  majorMatterAmount?: bigint
  /**
   * The decision that authorises this project at 县审定 and the slot it takes (`single`, or the
   * project id for a matter that lists several): recorded, so a second project under a
   * single-project matter is refused (funds.decision_already_used).
   */
  authorisation?: { ref: string; kind: string; slot: string; subject?: Record<string, unknown> }
  /** At acceptance: the ledger (账套) of each village that owns a 确权 asset, found by the app. */
  ownerLedgers?: Record<string, string>
}

/** What the gate may read inside the step's transaction: projects a decision already authorised. */
export interface GateReads {
  authorisedBy(decisionRef: string): Promise<{ projectId: string; amount: bigint }[]>
}

/**
 * The gate, or how to find it once the project is loaded, locked and authorised: the app reads
 * the 四议两公开 decision from the governance domain.
 */
export type GateSource =
  | TransitionGate
  | ((project: ProjectRef, reads: GateReads) => TransitionGate | Promise<TransitionGate>)

/** The lifecycle of a project: steps, notices (公告公示) and 绩效 results. */
export function lifecyclePart({ db, clock }: FundsContext) {
  return {
    /**
     * One lifecycle step, refused out of order. Approval and acceptance wait for their notice to
     * have run its days; acceptance records the ownership shares. `gate` is what the app found
     * across domains (the 四议两公开 decision) and is stored with the step.
     */
    async transition(
      id: string,
      input: TransitionInput,
      actor: string,
      gate: GateSource = {},
      options?: GuardOptions<ProjectRef>,
    ) {
      const key = await keyOf(db, projects, id)
      return db.transaction(async (tx) => {
        const found = await findProject(tx, key, { lock: true })
        if (!found) throw notFound('project', id)
        const { row } = found
        const ref = projectRef(row, found.beneficiaryVillageCodes)
        await runGuard(options?.guard, ref)
        const reads: GateReads = {
          // Under the decision's lock: approvals under one matter are counted one after another.
          authorisedBy: async (decisionRef) => {
            await lockDecision(tx, row.countyCode, decisionRef)
            return authorisationsOf(tx, row.countyCode, decisionRef)
          },
        }
        const decided = typeof gate === 'function' ? await gate(ref, reads) : gate
        const from = row.status as ProjectStatus
        checkTransition(from, input.to)
        const today = clock.today()
        const on = input.on ?? today
        // Read once the lock is held: steps, notices and payments made meanwhile show.
        const context = await stepContext(tx, row)
        checkStep(input.to, on, { today, lastStepOn: context.lastStepOn, paid: context.paid })
        let notice: { id: string; until: string } | null = null
        let shares: ReturnType<typeof acceptanceShares> = []
        if (input.to === 'approved') notice = completedNotice(context.notices, 'approval', on)
        if (input.to === 'accepted') {
          if (!input.acceptance) acceptanceShares(input.to, undefined, row.countyCode)
          notice = completedNotice(context.notices, 'completion', on)
        }
        shares = acceptanceShares(input.to, input.acceptance, row.countyCode)
        if (input.to === 'accepted') {
          await recordTitles(tx, row, ref, input.acceptance!, on, decided.ownerLedgers ?? {})
        }
        await insertShares(
          tx,
          shares.map((s) => ({ countyCode: row.countyCode, projectId: row.id, ...s })),
        )
        const stored = {
          ...(decided.decision ? { decision: decided.decision } : {}),
          ...(decided.majorMatterAmount !== undefined
            ? { majorMatterFen: decided.majorMatterAmount.toString() }
            : {}),
          ...(notice ? { notice: { id: notice.id, until: notice.until } } : {}),
          ...(decided.authorisation ? { authorisation: decided.authorisation } : {}),
        }
        if (decided.authorisation && input.to === 'approved') {
          await recordAuthorisation(tx, {
            countyCode: row.countyCode,
            projectId: row.id,
            decisionRef: decided.authorisation.ref,
            decisionKind: decided.authorisation.kind,
            slot: decided.authorisation.slot,
            amount: row.budget,
            authorisedOn: on,
            createdAt: clock.now(),
          })
        }
        await insertTransition(tx, {
          countyCode: row.countyCode,
          id: newId(row.countyCode),
          projectId: row.id,
          fromStatus: from,
          toStatus: input.to,
          on,
          note: input.note,
          decisionRef: input.decisionRef ?? null,
          gate: Object.keys(stored).length ? JSON.stringify(stored) : null,
          actor,
          createdAt: clock.now(),
        })
        await updateProject(tx, row, {
          status: input.to,
          ...(input.to === 'accepted'
            ? {
                acceptance: JSON.stringify({
                  acceptedOn: on,
                  assetClass: input.acceptance!.assetClass,
                  note: input.acceptance!.note ?? null,
                }),
              }
            : {}),
        })
        return projectOf((await projectDetail(tx, row))!)
      })
    },

    /** The audited steps of a project, oldest first, in one statement; `guard` sees where it sits. */
    async listTransitions(id: string, options?: GuardOptions<ProjectRef>) {
      const found = await projectSteps(db, await keyOf(db, projects, id))
      if (!found) throw notFound('project', id)
      await runGuard(options?.guard, projectRef(found.row, found.beneficiaryVillageCodes))
      return found.steps.map((t) => ({
        id: t.id,
        from: t.fromStatus,
        to: t.toStatus,
        on: t.on,
        note: t.note,
        decisionRef: t.decisionRef,
        gate: t.gate ? (JSON.parse(t.gate) as Record<string, unknown>) : null,
        actor: t.actor,
        at: new Date(t.createdAt).toISOString(),
      }))
    },

    /** 公告公示: runs the configured days from `from` (the settings read with the locked project). */
    async addNotice(id: string, input: CreateNoticeInput, options?: GuardOptions<ProjectRef>) {
      const key = await keyOf(db, projects, id)
      return db.transaction(async (tx) => {
        const found = await lockForNotice(tx, key, input.from)
        if (!found) throw notFound('project', id)
        const { row } = found
        await runGuard(options?.guard, projectRef(row, found.beneficiaryVillageCodes))
        checkNoticeStage(row.status as ProjectStatus, input.stage)
        const days = found.noticeDays ?? DEFAULT_NOTICE_DAYS
        const notice = await insertNotice(tx, {
          countyCode: row.countyCode,
          id: newId(row.countyCode),
          projectId: row.id,
          stage: input.stage,
          from: input.from,
          until: addDays(input.from, days - 1),
          days,
          channels: JSON.stringify(input.channels),
          createdAt: clock.now(),
        })
        return {
          id: notice.id,
          stage: input.stage,
          from: notice.from,
          until: notice.until,
          days,
          channels: input.channels,
        }
      })
    },

    /** 绩效: the actual value of one of the project's indicators for a period. */
    async recordResult(id: string, input: RecordResultInput, options?: GuardOptions<ProjectRef>) {
      const key = await keyOf(db, projects, id)
      return db.transaction(async (tx) => {
        const found = await projectWithTarget(tx, key, input.indicator)
        if (!found) throw notFound('project', id)
        const { row } = found
        await runGuard(options?.guard, projectRef(row, found.beneficiaryVillageCodes))
        checkResult(row.status, found.hasTarget, input.indicator)
        await insertResult(tx, {
          countyCode: row.countyCode,
          id: newId(row.countyCode),
          projectId: row.id,
          ...input,
        })
        return projectOf((await projectDetail(tx, row))!)
      })
    },
  }
}
