import { DomainError, notFound } from '@liancun/core'
import type { Services } from '../services.js'
import { affairsBoard, affairsRecord } from './affairs-board.js'
import type { Place } from './common.js'
import { financialBoard } from './financial-board.js'
import type { Paper } from './layout.js'

/**
 * What a board is made of, read through the services (no key: only what the public records
 * show): the disclosure, and the village and its township by name. Three statements at most.
 */
export interface BoardRequest {
  villageCode: string
  disclosureId: string
  /** The public JSON record the QR code opens. */
  recordUrl: string
  paper: Paper
}

/** The village and its township by name; the code alone when the divisions are not recorded. */
async function placeOf(services: Services, villageCode: string): Promise<Place> {
  const division = (code: string) =>
    services.organization.getDivision(code).catch((error: unknown) => {
      if (DomainError.isInstance(error) && error.kind === 'not_found') return null
      throw error
    })
  const village = await division(villageCode)
  const township = village?.parentCode ? await division(village.parentCode) : null
  return { villageCode, villageName: village?.name ?? null, townshipName: township?.name ?? null }
}

/** The public record of one 晒村务 disclosure: one of the village's published ones, or 404. */
export async function villageDisclosureRecord(services: Services, villageCode: string, id: string) {
  const items = await services.governance.publicDisclosures(villageCode)
  const item = items.find((i) => i.id === id)
  if (!item) throw notFound('boards.disclosure_not_found', `no published disclosure ${id} for ${villageCode}`)
  return affairsRecord(villageCode, item)
}

export async function financialBoardPage(services: Services, r: BoardRequest): Promise<string> {
  const disclosure = await services.ledger.getDisclosure(r.villageCode, r.disclosureId)
  const place = await placeOf(services, r.villageCode)
  return financialBoard({ disclosure, place, recordUrl: r.recordUrl, paper: r.paper })
}

export async function villageBoardPage(services: Services, r: BoardRequest): Promise<string> {
  const record = await villageDisclosureRecord(services, r.villageCode, r.disclosureId)
  const place = await placeOf(services, r.villageCode)
  return affairsBoard({ record, place, recordUrl: r.recordUrl, paper: r.paper })
}
