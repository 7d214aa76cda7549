import { newId } from '@liancun/core'
import { type CouncilRef, type GovernanceContext, type GuardOptions, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import type { CreateTopicInput, ReviewTopicInput } from '../inputs.js'
import { checkProposer, checkReviewable } from '../rules/councils.js'
import { councilWithMembers, insertTopic, topicWithVillage, updateTopic } from '../store/councils.js'
import { councilRef } from './councils.js'

/** 议题: proposed by a member, pre-reviewed (议前审查) by the village Party organisation. */
export function topicPart({ db, clock }: GovernanceContext) {
  return {
    async proposeTopic(councilId: string, input: CreateTopicInput, options?: GuardOptions<CouncilRef>) {
      const found = await councilWithMembers(db, councilId)
      if (!found) throw notFound('council', councilId)
      await runGuard(options, councilRef(found.row))
      checkProposer(found.members, input.proposedBy, clock.today())
      const countyCode = found.row.countyCode
      const row = await insertTopic(db, {
        countyCode,
        id: newId(countyCode),
        councilId: found.row.id,
        ...input,
        status: 'submitted',
        createdAt: clock.now(),
      })
      return { id: row.id, councilId: row.councilId, title: row.title, status: row.status, review: null }
    },

    /** The council of a topic. */
    async topicCouncil(topicId: string): Promise<string> {
      const found = await topicWithVillage(db, topicId)
      if (!found) throw notFound('topic', topicId)
      return found.row.councilId
    },

    /**
     * 议前审查; a rejected topic may be resubmitted once prepared. `guard` sees the topic's council.
     * The review records who reviewed (`reviewerId`, a person) and who recorded it (`recordedBy`,
     * the caller's key) and the day.
     */
    async reviewTopic(
      topicId: string,
      input: ReviewTopicInput,
      options?: GuardOptions<CouncilRef> & { recordedBy?: string },
    ) {
      const found = await topicWithVillage(db, topicId)
      if (!found) throw notFound('topic', topicId)
      const { row } = found
      await runGuard(options, {
        countyCode: row.countyCode,
        id: row.councilId,
        villageCode: found.villageCode,
      })
      checkReviewable(row.status)
      const review = {
        ...input,
        reviewedOn: clock.today(),
        ...(options?.recordedBy ? { recordedBy: options.recordedBy } : {}),
      }
      const updated = await updateTopic(db, row, { status: input.decision, review: JSON.stringify(review) })
      return {
        id: topicId,
        councilId: row.councilId,
        title: row.title,
        status: updated.status,
        review,
      }
    },
  }
}
