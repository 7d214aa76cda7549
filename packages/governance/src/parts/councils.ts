import { countyOf, newId } from '@liancun/core'
import { type CouncilRef, type GovernanceContext, type GuardOptions, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import type { AddCouncilMemberInput, CreateCouncilInput } from '../inputs.js'
import { checkChair } from '../rules/councils.js'
import { councils } from '../schema.js'
import {
  type CouncilRow,
  findCouncil,
  insertCouncil,
  insertMember,
  lockCouncil,
  membersOf,
} from '../store/councils.js'
import { countyOfRow } from '../store/sql.js'

export const councilRef = (row: CouncilRow): CouncilRef => ({
  countyCode: row.countyCode,
  id: row.id,
  villageCode: row.villageCode,
})

/** 乡村夜话 councils (群众议事会) and their members. */
export function councilPart({ db }: GovernanceContext) {
  return {
    async createCouncil(input: CreateCouncilInput) {
      const countyCode = countyOf(input.villageCode)
      return insertCouncil(db, { countyCode, id: newId(countyCode), ...input })
    },

    /** The village of a council, for scope checks; `guard` sees where it lives. */
    async councilVillage(id: string, options?: GuardOptions<CouncilRef>): Promise<string> {
      const row = await findCouncil(db, id)
      if (!row) throw notFound('council', id)
      await runGuard(options, councilRef(row))
      return row.villageCode
    },

    /** Adds a member; one chair at a time (members are added under the council row's lock). */
    async addCouncilMember(
      councilId: string,
      input: AddCouncilMemberInput,
      options?: GuardOptions<CouncilRef>,
    ) {
      const county = await countyOfRow(db, councils, councilId)
      if (county === undefined) throw notFound('council', councilId)
      return db.transaction(async (tx) => {
        const council = await lockCouncil(tx, county, councilId)
        if (!council) throw notFound('council', councilId)
        await runGuard(options, councilRef(council))
        // Read once the lock is held, so a chair added meanwhile shows.
        if (input.post === 'chair') checkChair(await membersOf(tx, council), input)
        const countyCode = council.countyCode
        return insertMember(tx, {
          countyCode,
          id: newId(countyCode),
          councilId: council.id,
          ...input,
          to: input.to ?? null,
        })
      })
    },
  }
}
