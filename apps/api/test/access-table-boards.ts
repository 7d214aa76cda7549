import type { Access } from './access-table.js'
import { CODES, type World } from './access-world.js'

/** The printable 公开栏 boards of the authorization matrix (routes/boards.ts): all public, no key. */
const financial = (w: World) => ({ params: { code: CODES.village, disclosureId: w.disclosureId } })
const affairs = (w: World) => ({ params: { code: CODES.village, disclosureId: w.matterDisclosureId } })

export const BOARDS: Record<string, Access> = {
  getFinancialDisclosureBoard: { roles: 'public', request: financial },
  getFinancialDisclosureBoardPdf: { roles: 'public', request: financial },
  getPublicVillageDisclosure: { roles: 'public', request: affairs },
  getVillageDisclosureBoard: { roles: 'public', request: affairs },
  getVillageDisclosureBoardPdf: { roles: 'public', request: affairs },
}
