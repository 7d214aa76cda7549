import { countyOf, type Fen, newId } from '@liancun/core'
import type { CollectiveContext } from '../context.js'
import { checkTerms } from '../rules/depreciation.js'
import { ownerUnits } from '../rules/title-shares.js'
import { cardIdsOfProject } from '../store/asset-titles.js'
import { assetsOf, insertAsset } from '../store/assets.js'
import { findCollectiveOfLedger } from '../store/registers.js'
import { type Asset, toAsset } from './assets.js'
import { type Collective, toCollective } from './collectives.js'

/** A co-owner of a titled asset other than the collective whose card it is. */
export interface TitleCoOwner {
  holderKind: 'village' | 'household'
  /** A village code, or the household's reference as 确权 named it. */
  holderId: string
  holderName: string
  /** Its value of the asset, in fen. */
  value: Fen
}

/** One asset of a project's 确权, as the owning collective's card will carry it. */
export interface TitleCard {
  name: string
  assetClass: 'operating' | 'public_welfare'
  /** This collective's value of the asset (fen): the card's cost, what its 151 receives. */
  value: Fen
  location: string
  manager: string
  /** Straight-line life; null: not depreciated until the terms are set (method `none`). */
  usefulLifeMonths: number | null
  coOwners: readonly TitleCoOwner[]
}

/**
 * What project acceptance (确权) hands the collective's register — plain data, no funds types:
 * the ledger that owns (the registers bound to it receive the cards), the project and its fund
 * sources (funding lineage), the acceptance day, and each asset with this collective's value.
 */
export interface TitleCardsInput {
  ledger: { id: string; villageCode: string }
  projectId: string
  fundSourceIds: readonly string[]
  acquiredOn: string
  assets: readonly TitleCard[]
}

/** 资产卡片 from project acceptance (确权, issue 13): created once per asset, never duplicated. */
export function assetTitlePart({ db, clock }: CollectiveContext) {
  return {
    /**
     * The cards of one owning collective for a project's 确权: one fixed-asset card per asset,
     * its cost the collective's value, owners the collective and the asset's co-owners in
     * units proportional to their values. Idempotent: a card already in the register whose
     * lineage names the project, with the same name and cost, is kept and not created again (a
     * replay, or cards backfilled once registers are opened). Null when no registers are bound
     * to the ledger. The caller authorised the acceptance; this writes no guard of its own.
     */
    async cardsFromTitle(
      input: TitleCardsInput,
      createdBy: string,
    ): Promise<{ collective: Collective; cards: Asset[]; created: number } | null> {
      return db.transaction(async (tx) => {
        const c = await findCollectiveOfLedger(tx, countyOf(input.ledger.villageCode), input.ledger.id)
        // No registers opened on this ledger: nothing to card (the caller lists it).
        if (!c) return null
        const ids = await cardIdsOfProject(tx, c, input.projectId)
        const existing = ids.length ? await assetsOf(tx, c, { ids }) : []
        const cards: Asset[] = []
        let created = 0
        for (const asset of input.assets) {
          const kept = existing.findIndex((r) => r.row.name === asset.name && r.row.cost === asset.value)
          if (kept >= 0) {
            cards.push(toAsset(existing.splice(kept, 1)[0]!, clock.today()))
            continue
          }
          const method = asset.usefulLifeMonths === null ? 'none' : 'straight_line'
          checkTerms({
            cost: asset.value,
            method,
            usefulLifeMonths: asset.usefulLifeMonths,
            residualValue: 0n,
          })
          const id = newId(c.countyCode)
          const holders = [
            { holderKind: 'collective', holderId: c.id, holderName: c.name, value: asset.value },
            ...asset.coOwners,
          ]
          const units = ownerUnits(holders.map((h) => h.value))
          const record = await insertAsset(
            tx,
            {
              countyCode: c.countyCode,
              id,
              collectiveId: c.id,
              name: asset.name,
              category: 'fixed',
              assetClass: asset.assetClass,
              cost: asset.value,
              acquiredOn: input.acquiredOn,
              location: asset.location,
              manager: asset.manager,
              managerPersonId: null,
              fundSourceIds: JSON.stringify([...new Set(input.fundSourceIds)]),
              projectIds: JSON.stringify([input.projectId]),
              depreciationMethod: method,
              usefulLifeMonths: asset.usefulLifeMonths,
              residualValue: 0n,
              createdBy,
              createdAt: clock.now(),
            },
            holders.map((h, i) => ({
              countyCode: c.countyCode,
              assetId: id,
              holderKind: h.holderKind,
              holderId: h.holderId,
              holderName: h.holderName,
              units: units[i]!,
            })),
          )
          cards.push(toAsset(record, clock.today()))
          created++
        }
        return { collective: toCollective(c), cards, created }
      })
    },
  }
}
