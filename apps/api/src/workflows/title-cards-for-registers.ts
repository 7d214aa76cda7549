import type { Services } from '../services.js'
import { assetCardsFromTitle } from './asset-cards-from-title.js'

/**
 * The asset cards a collective's registers are owed by 确权 made before they were opened (issue
 * 13): for each project whose 确权 put an asset on the registers' ledger, the cards
 * `assetCardsFromTitle` makes — idempotent, so cards already there are kept. Run it right after
 * the registers are opened (open-collective-registers), or any time to repair. Only this
 * ledger's cards are made: the other owners' registers are left as they are.
 */
export async function titleCardsForRegisters(services: Services, collectiveId: string, actor: string) {
  const collective = await services.collective.getCollective(collectiveId)
  const results = []
  for (const projectId of await services.funds.projectsTitledTo(collective.ledgerId)) {
    const project = await services.funds.getProject(projectId)
    const titles = await services.funds.assetTitles(projectId)
    // Acquired on the 确权 (acceptance) day; owned > 0 means the project has assets.
    const on = titles.assets[0]!.titledOn
    const { cards } = await assetCardsFromTitle(
      services,
      project,
      titles,
      undefined,
      on,
      actor,
      collective.ledgerId,
    )
    results.push(...cards)
  }
  return results
}
