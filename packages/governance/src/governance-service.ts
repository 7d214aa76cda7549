import { type Clock, type Database, systemClock } from '@liancun/core'
import type { GovernanceContext } from './context.js'
import { allianceMatterPart } from './parts/alliance-matters.js'
import { councilPart } from './parts/councils.js'
import { disclosurePart } from './parts/disclosures.js'
import { matterPart } from './parts/matters.js'
import { resolutionPart } from './parts/resolutions.js'
import { ruleConfigPart } from './parts/rules-config.js'
import { sessionPart } from './parts/sessions.js'
import { stagePart } from './parts/stages.js'
import { standingPart } from './parts/standing.js'
import { topicPart } from './parts/topics.js'

export interface GovernanceServiceOptions {
  db: Database
  clock?: Clock
}

/**
 * The governance service: 四议两公开 matters and 乡村夜话 councils, composed of one part per
 * aggregate over one context. `withTx` binds every part to a caller's transaction.
 */
export function createGovernanceService(options: GovernanceServiceOptions) {
  const context: GovernanceContext = { db: options.db, clock: options.clock ?? systemClock }
  return {
    ...ruleConfigPart(context),
    ...matterPart(context),
    ...stagePart(context),
    ...disclosurePart(context),
    ...allianceMatterPart(context),
    ...standingPart(context),
    ...councilPart(context),
    ...topicPart(context),
    ...sessionPart(context),
    ...resolutionPart(context),

    withTx(tx: Database) {
      return createGovernanceService({ ...options, db: tx })
    },
  }
}

export type GovernanceService = ReturnType<typeof createGovernanceService>
