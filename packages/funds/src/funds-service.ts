import { type Clock, type Database, systemClock } from '@liancun/core'
import type { FundsContext } from './context.js'
import { allocationPart } from './parts/allocations.js'
import { assetTitlePart } from './parts/asset-titles.js'
import { disbursementPart } from './parts/disbursements.js'
import { lifecyclePart } from './parts/lifecycle.js'
import { paymentPlanPart } from './parts/payment-plans.js'
import { projectPart } from './parts/projects.js'
import { revenuePart } from './parts/revenue.js'
import { ruleConfigPart } from './parts/rules-config.js'
import { sourcePart } from './parts/sources.js'
import { statsPart } from './parts/stats.js'
import { tracePart } from './parts/traces.js'

export {
  DEFAULT_NOTICE_DAYS,
  type GateReads,
  type GateSource,
  type TransitionGate,
} from './parts/lifecycle.js'

export interface FundsServiceOptions {
  db: Database
  clock?: Clock
}

/**
 * The funds service: sources, projects and their lifecycle, allocations, payment plans,
 * disbursements, revenue and its distribution, traces and figures — one part per aggregate over
 * one context. `withTx` binds every part to a caller's transaction.
 */
export function createFundsService(options: FundsServiceOptions) {
  const context: FundsContext = { db: options.db, clock: options.clock ?? systemClock }
  return {
    ...sourcePart(context),
    ...projectPart(context),
    ...lifecyclePart(context),
    ...assetTitlePart(context),
    ...allocationPart(context),
    ...paymentPlanPart(context),
    ...disbursementPart(context),
    ...revenuePart(context),
    ...tracePart(context),
    ...statsPart(context),
    ...ruleConfigPart(context),

    withTx(tx: Database) {
      return createFundsService({ ...options, db: tx })
    },
  }
}

export type FundsService = ReturnType<typeof createFundsService>
