import { newId } from '@liancun/core'
import type { AllianceRef, GuardOptions, OrganizationContext } from '../context.js'
import type { AppointAlliancePostInput } from '../inputs.js'
import { type AlliancePost, toAlliancePost } from '../outputs.js'
import { checkAlliancePostClash, checkAlliancePostDate } from '../rules/posts.js'
import { requirePersonRow } from '../rules/records.js'
import { isMemberVillageOn } from '../store/alliance-members.js'
import * as store from '../store/alliance-posts.js'
import { findPerson } from '../store/people.js'
import { allianceCounty, guardedAlliance } from './loaders.js'

/** Posts of an alliance (书记、副书记、委员), dated; the alliance row serialises appointments. */
export function alliancePostsPart(ctx: OrganizationContext) {
  const { db } = ctx
  return {
    async appointAlliancePost(
      allianceId: string,
      input: AppointAlliancePostInput,
      options?: GuardOptions<AllianceRef>,
    ): Promise<AlliancePost> {
      const countyCode = await allianceCounty(db, allianceId)
      return db.transaction(async (tx) => {
        const alliance = await guardedAlliance(tx, allianceId, options, { lock: true, countyCode })
        const person = requirePersonRow(
          await findPerson(tx, input.personId, alliance.countyCode),
          input.personId,
          alliance.countyCode,
        )
        checkAlliancePostDate(alliance, input.from)
        const range = { from: input.from, to: input.to ?? null }
        checkAlliancePostClash(
          input,
          await store.postsOverlapping(tx, alliance.countyCode, alliance.id, range),
        )
        const post = await store.insertAlliancePost(tx, {
          countyCode: alliance.countyCode,
          id: newId(alliance.countyCode),
          allianceId: alliance.id,
          ...input,
          to: range.to,
        })
        // 跨村任职 as of the first day in post: is the holder's village a member then?
        const inside = await isMemberVillageOn(
          tx,
          alliance.countyCode,
          alliance.id,
          person.villageCode,
          input.from,
        )
        return toAlliancePost(post, person, new Set(inside ? [person.villageCode] : []))
      })
    },
  }
}
