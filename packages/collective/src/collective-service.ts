import { type Clock, type Database, systemClock } from '@liancun/core'
import type { CollectiveContext } from './context.js'
import { assetTitlePart } from './parts/asset-titles.js'
import { assetPart } from './parts/assets.js'
import { bookingPart } from './parts/bookings.js'
import { collectivePart } from './parts/collectives.js'
import { contractPart } from './parts/contracts.js'
import { memberPart } from './parts/members.js'
import { payoutPart } from './parts/payouts.js'
import { resourcePart } from './parts/resources.js'
import { sharePart } from './parts/shares.js'

export interface CollectiveServiceOptions {
  db: Database
  clock?: Clock
}

/**
 * The 三资 registers: members and shares, payouts, assets, resources and contracts — one part
 * per aggregate over one context. `withTx` binds every part to a caller's transaction.
 */
export function createCollectiveService(options: CollectiveServiceOptions) {
  const context: CollectiveContext = { db: options.db, clock: options.clock ?? systemClock }
  return {
    ...collectivePart(context),
    ...memberPart(context),
    ...sharePart(context),
    ...payoutPart(context),
    ...assetPart(context),
    ...assetTitlePart(context),
    ...resourcePart(context),
    ...contractPart(context),
    ...bookingPart(context),

    withTx(tx: Database) {
      return createCollectiveService({ ...options, db: tx })
    },
  }
}

export type CollectiveService = ReturnType<typeof createCollectiveService>
