import { isUniqueViolation, newId, type Page, toPage } from '@liancun/core'
import type { OrganizationContext } from '../context.js'
import type { CreatePersonInput } from '../inputs.js'
import { type Person, toPerson } from '../outputs.js'
import { recordedBirthDate } from '../rules/households.js'
import { hashIdNumber } from '../rules/personal-data.js'
import { personDuplicate, requirePersonRow } from '../rules/records.js'
import * as store from '../store/people.js'
import { loadVillage } from './loaders.js'

/** People of a village; ID numbers only as a keyed hash and their last four characters. */
export function peoplePart(ctx: OrganizationContext) {
  const { db, clock, personalDataKey } = ctx
  return {
    /** Registers a person; the ID number is kept only as a keyed hash and its last four. */
    async createPerson(input: CreatePersonInput): Promise<Person> {
      // The birth date the ID number carries is the one recorded: the villagers' roster (18+) follows from it.
      const birthDate = recordedBirthDate(input)
      return db.transaction(async (tx) => {
        const village = await loadVillage(tx, input.villageCode)
        const idNumberHash = input.idNumber ? hashIdNumber(input.idNumber, personalDataKey) : null
        if (idNumberHash) {
          const duplicate = await store.findPersonIdByIdNumberHash(tx, village.countyCode, idNumberHash)
          if (duplicate) throw personDuplicate(duplicate)
        }
        try {
          const row = await store.insertPerson(tx, {
            countyCode: village.countyCode,
            id: newId(village.countyCode),
            villageCode: village.code,
            name: input.name,
            gender: input.gender ?? null,
            birthDate,
            phone: input.phone ?? null,
            idNumberHash,
            idNumberLast4: input.idNumber ? input.idNumber.slice(-4) : null,
            createdAt: clock.now(),
          })
          return toPerson(row)
        } catch (error) {
          // A concurrent registration of the same number passed the check too; the index decides.
          if (isUniqueViolation(error)) throw personDuplicate()
          throw error
        }
      })
    },

    /** A person; with `countyCode`, only one of that county (404 otherwise, as for rosters and posts). */
    async getPerson(id: string, countyCode?: string): Promise<Person> {
      return toPerson(requirePersonRow(await store.findPerson(db, id, countyCode), id, countyCode))
    },

    async listPeople(query: {
      villageCode: string
      limit: number
      after: string | null
    }): Promise<Page<Person>> {
      const rows = await store.listPeopleOfVillage(db, query)
      return toPage(rows.map(toPerson), query.limit, (p) => p.id)
    },
  }
}
