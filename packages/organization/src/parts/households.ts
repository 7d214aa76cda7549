import { countyOfId, type Database, newId } from '@liancun/core'
import type { GuardOptions, OrganizationContext, VillageRef } from '../context.js'
import { notFoundError, OrganizationError } from '../errors.js'
import type { AddHouseholdMemberInput, CreateHouseholdInput, EndHouseholdMemberInput } from '../inputs.js'
import type { Household, VillagersRosterOut } from '../outputs.js'
import {
  checkEndHouseholdMember,
  checkHouseholdMembership,
  checkMemberVillage,
  villagersRoster,
} from '../rules/households.js'
import { requirePersonRow } from '../rules/records.js'
import * as store from '../store/households.js'
import { countyOfCode } from '../store/sql.js'
import { guardedVillage, loadVillage } from './loaders.js'

/**
 * 户 and their members, dated, and the villagers' roster of a day computed from them: the
 * villagers' meeting's quorums follow from these records, never from a number typed in.
 */
export function householdsPart(ctx: OrganizationContext) {
  const { db, clock } = ctx
  return {
    /** Records a household with its head and members (people of the village, one household each). */
    async createHousehold(
      villageCode: string,
      input: CreateHouseholdInput,
      options?: GuardOptions<VillageRef>,
    ): Promise<Household> {
      return db.transaction(async (tx) => {
        // The village row's lock serialises household changes of the village, so overlap checks hold.
        const village = await guardedVillage(tx, villageCode, options, { field: 'code', lock: true })
        const members = [
          { personId: input.headPersonId, relation: 'head' as const },
          ...input.members.filter((m) => m.personId !== input.headPersonId),
        ]
        await checkMembers(
          tx,
          village.code,
          members.map((m) => m.personId),
          input.from,
          (i) =>
            i === 0
              ? 'headPersonId'
              : `members.${input.members.findIndex((m) => m.personId === members[i]!.personId)}.personId`,
        )
        const id = newId(village.countyCode)
        await store.insertHousehold(tx, {
          countyCode: village.countyCode,
          id,
          villageCode,
          number: input.number ?? null,
          headPersonId: input.headPersonId,
          from: input.from,
          createdAt: clock.now(),
        })
        await store.insertHouseholdMembers(
          tx,
          members.map((m) => ({
            countyCode: village.countyCode,
            id: newId(village.countyCode),
            householdId: id,
            villageCode,
            personId: m.personId,
            relation: m.relation ?? null,
            from: input.from,
          })),
        )
        return {
          id,
          villageCode,
          number: input.number ?? null,
          headPersonId: input.headPersonId,
          from: input.from,
          to: null,
          members: members.map((m) => m.personId),
        }
      })
    },

    /** A person joins a household from a day (born, married in, moved in). */
    async addHouseholdMember(
      householdId: string,
      input: AddHouseholdMemberInput,
      options?: GuardOptions<VillageRef>,
    ): Promise<void> {
      await withHousehold(householdId, options, async (tx, household) => {
        await checkMembers(tx, household.villageCode, [input.personId], input.from, () => 'personId')
        await store.insertHouseholdMembers(tx, [
          {
            countyCode: household.countyCode,
            id: newId(household.countyCode),
            householdId: household.id,
            villageCode: household.villageCode,
            personId: input.personId,
            relation: input.relation ?? null,
            from: input.from,
          },
        ])
      })
    },

    /** A person leaves a household on a day (last day inclusive); the history is kept. */
    async endHouseholdMember(
      householdId: string,
      personId: string,
      input: EndHouseholdMemberInput,
      options?: GuardOptions<VillageRef>,
    ): Promise<void> {
      await withHousehold(householdId, options, async (tx, household) => {
        const current = await store.currentHouseholdMember(tx, household, personId)
        if (!current) {
          throw new OrganizationError(
            'organization.household_member_not_found',
            `${personId} is not a current member of household ${householdId}`,
            { field: 'personId' },
          )
        }
        checkEndHouseholdMember(current, input.to)
        await store.endHouseholdMember(tx, current, input.to)
      })
    },

    /** The village's households on `asOf`, each with its members that day (one statement). */
    async listHouseholds(villageCode: string, asOf: string): Promise<Household[]> {
      await loadVillage(db, villageCode, { field: 'code' })
      return (await store.householdsOn(db, villageCode, asOf)).map((h) => ({ ...h, villageCode }))
    },

    /**
     * The villagers' meeting roster on `day`: people of the village aged 18+ (minors never), those
     * without a recorded birth date apart, and the households with the adults who may represent
     * them. Two statements.
     */
    async villagersRoster(villageCode: string, day: string): Promise<VillagersRosterOut> {
      await loadVillage(db, villageCode, { field: 'code' })
      const [people, households] = [
        await store.villagersOf(db, villageCode),
        await store.householdsOn(db, villageCode, day),
      ]
      const roster = villagersRoster(people, households, day)
      return {
        villageCode,
        asOf: day,
        ...roster,
        counts: {
          people: people.length,
          adults: roster.adults.length,
          minors: roster.minors,
          unknownAge: roster.unknownAge.length,
          households: roster.households.length,
        },
      }
    },
  }

  async function withHousehold(
    householdId: string,
    options: GuardOptions<VillageRef> | undefined,
    work: (tx: Database, household: store.HouseholdRow) => Promise<void>,
  ) {
    const county = countyOfHousehold(householdId)
    await db.transaction(async (tx) => {
      const household = await store.lockHousehold(tx, householdId, county)
      if (!household) throw notFoundError('household', householdId)
      await options?.guard?.({ countyCode: household.countyCode, villageCode: household.villageCode })
      await work(tx, household)
    })
  }
}

/** Households are new: every id carries its county (`newId`); any other id names none of ours. */
function countyOfHousehold(id: string): string {
  const county = countyOfId(id)
  if (county === null) throw notFoundError('household', id)
  return county
}

/** Each person exists in the county, is registered in the village, and is in no other household then. */
async function checkMembers(
  tx: Database,
  villageCode: string,
  personIds: readonly string[],
  from: string,
  fieldOf: (i: number) => string,
): Promise<void> {
  const found = await store.peopleByIds(tx, countyOfCode(villageCode), personIds)
  personIds.forEach((id, i) => {
    const person = requirePersonRow(
      found.find((p) => p.id === id),
      id,
      countyOfCode(villageCode),
    )
    checkMemberVillage(person, villageCode, fieldOf(i))
  })
  checkHouseholdMembership(await store.membershipsOverlapping(tx, villageCode, personIds, { from, to: null }))
}
