import { newId, type Page, toPage } from '@liancun/core'
import type { CollectiveContext, GuardOptions } from '../context.js'
import { CollectiveError, notAfterToday, notFound } from '../errors.js'
import type { CreateHouseholdInput, CreateMemberInput, EndMembershipInput } from '../inputs.js'
import {
  endMember,
  findMember,
  type HouseholdRow,
  householdsOf,
  insertHousehold,
  insertMember,
  listHouseholds,
  listMembers,
  type MemberRow,
} from '../store/registers.js'
import { loadCollective, uniquely } from './load.js'

export const toHousehold = (row: HouseholdRow) => ({
  id: row.id,
  collectiveId: row.collectiveId,
  number: row.number,
  headName: row.headName,
  headPersonId: row.headPersonId,
  createdAt: row.createdAt.toISOString(),
})
export type Household = ReturnType<typeof toHousehold>

export const toMember = (row: MemberRow) => ({
  id: row.id,
  collectiveId: row.collectiveId,
  householdId: row.householdId,
  name: row.name,
  personId: row.personId,
  joinedOn: row.joinedOn,
  joinReason: row.joinReason,
  leftOn: row.leftOn,
  leaveReason: row.leaveReason,
})
export type Member = ReturnType<typeof toMember>

/** 成员: households (户) and the members of the collective economic organisation, dated. */
export function memberPart({ db, clock }: CollectiveContext) {
  return {
    async addHousehold(
      collectiveId: string,
      input: CreateHouseholdInput,
      createdBy: string,
      options?: GuardOptions,
    ): Promise<Household> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        const row = await uniquely(
          () =>
            insertHousehold(tx, {
              countyCode: c.countyCode,
              id: newId(c.countyCode),
              collectiveId: c.id,
              number: input.number,
              headName: input.headName,
              headPersonId: input.headPersonId ?? null,
              createdBy,
              createdAt: clock.now(),
            }),
          'households_number_unique',
          'collective.household_number_taken',
          `户号 ${input.number} is already in the register`,
          'number',
        )
        return toHousehold(row)
      })
    },

    async listHouseholds(
      collectiveId: string,
      page: { limit: number; after: string | null },
      options?: GuardOptions,
    ): Promise<Page<Household>> {
      const c = await loadCollective(db, collectiveId, options)
      return toPage((await listHouseholds(db, c, page)).map(toHousehold), page.limit, (h) => h.id)
    },

    /** 取得成员身份: a member joins a household of the register on a day, for a reason. */
    async addMember(
      collectiveId: string,
      input: CreateMemberInput,
      createdBy: string,
      options?: GuardOptions,
    ): Promise<Member> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        notAfterToday(input.joinedOn, clock.today(), 'joinedOn')
        const [household] = await householdsOf(tx, c, [input.householdId])
        if (!household) throw notFound('household', input.householdId, 'householdId')
        const row = await insertMember(tx, {
          countyCode: c.countyCode,
          id: newId(c.countyCode),
          collectiveId: c.id,
          householdId: household.id,
          name: input.name,
          personId: input.personId ?? null,
          joinedOn: input.joinedOn,
          joinReason: input.joinReason,
          createdBy,
          createdAt: clock.now(),
        })
        return toMember(row)
      })
    },

    /** 丧失成员身份: from `leftOn` the person is no longer a member; the row stays (history). */
    async endMembership(
      collectiveId: string,
      memberId: string,
      input: EndMembershipInput,
      options?: GuardOptions,
    ): Promise<Member> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        const member = await findMember(tx, c, memberId, true)
        if (!member) throw notFound('member', memberId)
        if (member.leftOn !== null) {
          throw new CollectiveError('collective.member_left', `member ${memberId} left on ${member.leftOn}`, {
            context: { leftOn: member.leftOn, reason: member.leaveReason },
          })
        }
        notAfterToday(input.leftOn, clock.today(), 'leftOn')
        if (input.leftOn < member.joinedOn) {
          throw new CollectiveError(
            'collective.leave_before_join',
            `membership acquired on ${member.joinedOn} cannot be lost on ${input.leftOn}`,
            { field: 'leftOn', context: { joinedOn: member.joinedOn } },
          )
        }
        return toMember(await endMember(tx, c, memberId, { leftOn: input.leftOn, leaveReason: input.reason }))
      })
    },

    /** Members of the register, optionally of one household, with their dated membership. */
    async listMembers(
      collectiveId: string,
      query: { householdId?: string; asOf?: string; limit: number; after: string | null },
      options?: GuardOptions,
    ): Promise<Page<Member>> {
      const c = await loadCollective(db, collectiveId, options)
      return toPage((await listMembers(db, c, query)).map(toMember), query.limit, (m) => m.id)
    },
  }
}
