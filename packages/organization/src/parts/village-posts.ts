import { type Database, newId } from '@liancun/core'
import type { GuardOptions, OrganizationContext, VillageRef } from '../context.js'
import { notFoundError } from '../errors.js'
import type { AppointVillagePostInput, EndVillagePostInput } from '../inputs.js'
import { toVillagePost, type VillagePost } from '../outputs.js'
import {
  checkPostEnd,
  checkVillagePostClash,
  checkVillagePostTitle,
  secretaryIsChair,
} from '../rules/posts.js'
import { requirePersonRow } from '../rules/records.js'
import { meetingOfRepresentatives } from '../rules/roster.js'
import { findPerson } from '../store/people.js'
import { representativesOn } from '../store/rosters.js'
import * as store from '../store/village-posts.js'
import { loadVillage } from './loaders.js'

/** Posts of the village bodies (支部委员会, 村委会, 村务监督委员会), dated. */
export function villagePostsPart(ctx: OrganizationContext) {
  const { db } = ctx
  return {
    /** Appoints a person to a post of a village body; the holder may come from another village (跨村任职). */
    async appointVillagePost(
      villageCode: string,
      input: AppointVillagePostInput,
      options?: GuardOptions<VillageRef>,
    ): Promise<VillagePost> {
      return db.transaction(async (tx) => {
        await options?.guard?.({ countyCode: villageCode.slice(0, 6), villageCode })
        checkVillagePostTitle(input.body, input.title)
        // Locking the village row serialises appointments per village, so overlap checks hold.
        const village = await loadVillage(tx, villageCode, { field: 'code', lock: true })
        const person = requirePersonRow(
          await findPerson(tx, input.personId, village.countyCode),
          input.personId,
          village.countyCode,
        )
        const range = { from: input.from, to: input.to ?? null }
        checkVillagePostClash(
          villageCode,
          input,
          await store.postsOfBodyOverlapping(tx, villageCode, input.body, range),
        )
        const post = await store.insertVillagePost(tx, {
          countyCode: village.countyCode,
          id: newId(village.countyCode),
          villageCode,
          body: input.body,
          title: input.title,
          personId: input.personId,
          from: range.from,
          to: range.to,
        })
        return toVillagePost(post, person)
      })
    },

    async endVillagePost(
      villageCode: string,
      postId: string,
      input: EndVillagePostInput,
      options?: GuardOptions<VillageRef>,
    ): Promise<VillagePost> {
      return db.transaction(async (tx) => {
        const found = await guardedVillagePost(tx, villageCode, postId, options)
        checkPostEnd(found.post, input.to)
        await store.endVillagePost(tx, villageCode, postId, input.to)
        return toVillagePost({ ...found.post, to: input.to }, found.person)
      })
    },

    /**
     * The 村民代表会议 of a day (组织法 Art. 25): the 村委会 members and the 村民代表, a person in
     * both once, with each member's gender (for the make-up the law asks of it). Two statements.
     */
    async representativesMeetingRoster(villageCode: string, asOf: string) {
      await loadVillage(db, villageCode, { field: 'code' })
      const committee = (await store.postsOfVillageOn(db, villageCode, asOf))
        .filter((r) => r.post.body === 'village_committee')
        .map((r) => ({
          personId: r.person.id,
          name: r.person.name,
          gender: r.person.gender,
          title: r.post.title,
        }))
      const representatives = (await representativesOn(db, villageCode, asOf)).map(({ person }) => ({
        personId: person.id,
        name: person.name,
        gender: person.gender,
      }))
      return { villageCode, asOf, ...meetingOfRepresentatives(committee, representatives) }
    },

    /** Posts of the village bodies valid on `asOf`, and whether the secretary is also the chair (一肩挑). */
    async listVillagePosts(villageCode: string, asOf: string) {
      await loadVillage(db, villageCode, { field: 'code' })
      const posts = (await store.postsOfVillageOn(db, villageCode, asOf)).map((r) =>
        toVillagePost(r.post, r.person),
      )
      return { villageCode, asOf, posts, secretaryIsChair: secretaryIsChair(posts) }
    },
  }
}

/** The post, locked by (county, id) and its village, after the caller's guard on the village. */
async function guardedVillagePost(
  tx: Database,
  villageCode: string,
  postId: string,
  options: GuardOptions<VillageRef> | undefined,
) {
  await options?.guard?.({ countyCode: villageCode.slice(0, 6), villageCode })
  const found = await store.lockVillagePost(tx, villageCode, postId)
  if (!found) throw notFoundError('village_post', postId)
  return found
}
