import { type Access, ORGANIZER, type Role } from './access-table.js'
import { CODES, type World } from './access-world.js'

/**
 * The import operations of the authorization matrix (see access-table.ts). The matrix sends JSON,
 * which an upload refuses with 415 after the key's role and scope are checked — so every check
 * here is about access; imports.test.ts and imports-organization.test.ts send real files.
 */
const REVIEWER: readonly Role[] = ['reviewer']
const { village } = CODES
const file = { note: 'not a spreadsheet' }
const intoVillage = () => ({ query: { villageCode: village }, body: file })

export const IMPORTS: Record<string, Access> = {
  importVoucherFile: {
    roles: REVIEWER,
    target: 'village',
    request: (w: World) => ({ query: { ledgerId: w.ledgerId }, body: file }),
  },
  importPeopleFile: { roles: ORGANIZER, target: 'village', request: intoVillage },
  importPartyMemberFile: { roles: ORGANIZER, target: 'village', request: intoVillage },
  importRepresentativeFile: { roles: ORGANIZER, target: 'village', request: intoVillage },
  importVillagePostFile: { roles: ORGANIZER, target: 'village', request: intoVillage },
  // Authorised on the village of the path before the job is looked up: an unknown job is a 404
  // for a key that reaches the village, a 403 for one that does not.
  getImportJob: {
    roles: 'any',
    target: 'village',
    request: () => ({ params: { code: village, id: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab' } }),
  },
}
