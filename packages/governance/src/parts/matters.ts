import { countyOf, newId, type Page, toPage } from '@liancun/core'
import { type GovernanceContext, type GuardOptions, type MatterRef, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import type { CreateMatterInput, MATTER_CATEGORIES } from '../inputs.js'
import {
  findMatter,
  insertMatters,
  listMatters,
  type MatterRow,
  matterWithMeetings,
  type StoredMeeting,
} from '../store/matters.js'

export function toMatter(row: MatterRow) {
  return {
    id: row.id,
    villageCode: row.villageCode,
    title: row.title,
    category: row.category as (typeof MATTER_CATEGORIES)[number],
    amount: row.amount,
    object: row.subjectObject,
    projects: row.subjectProjects === null ? null : (JSON.parse(row.subjectProjects) as string[]),
    description: row.description,
    state: row.state,
    implementation: row.implementation as 'none' | 'started' | 'completed',
    createdAt: row.createdAt.toISOString(),
  }
}

export type Matter = ReturnType<typeof toMatter>

/** A matter with its timeline of meetings, oldest first. */
export function timeline(row: MatterRow, meetings: readonly StoredMeeting[]) {
  return {
    ...toMatter(row),
    meetings: meetings.map((m) => ({
      id: m.id,
      stage: m.stage,
      heldOn: m.heldOn,
      outcome: m.outcome as 'passed' | 'rejected' | 'quorum_not_met',
      record: JSON.parse(m.record) as Record<string, unknown>,
      judgement: JSON.parse(m.judgement) as Record<string, unknown>,
    })),
  }
}

export const matterRef = (row: MatterRow): MatterRef => ({
  countyCode: row.countyCode,
  id: row.id,
  villageCode: row.villageCode,
})

/** 四议两公开 matters: raising, reading and listing them. */
export function matterPart({ db, clock }: GovernanceContext) {
  return {
    async createMatter(input: CreateMatterInput): Promise<Matter> {
      const countyCode = countyOf(input.villageCode)
      const [row] = await insertMatters(db, [
        {
          countyCode,
          id: newId(countyCode),
          villageCode: input.villageCode,
          title: input.title,
          category: input.category,
          amount: input.amount ?? null,
          subjectObject: input.object ?? null,
          subjectProjects: input.projects ? JSON.stringify(input.projects) : null,
          description: input.description,
          state: 'proposal',
          createdAt: clock.now(),
        },
      ])
      return toMatter(row!)
    },

    /** A matter with its timeline, in one statement; `guard` sees where it lives. */
    async getMatter(id: string, options?: GuardOptions<MatterRef>) {
      const found = await matterWithMeetings(db, id)
      if (!found) throw notFound('matter', id)
      await runGuard(options, matterRef(found.row))
      return timeline(found.row, found.meetings)
    },

    /** Where a matter lives and stands: for scope checks and the app's workflows. */
    async matterVillage(
      id: string,
      options?: GuardOptions<MatterRef>,
    ): Promise<{ villageCode: string; state: string; category: string; countyCode: string }> {
      const row = await findMatter(db, id)
      if (!row) throw notFound('matter', id)
      await runGuard(options, matterRef(row))
      return {
        villageCode: row.villageCode,
        state: row.state,
        category: row.category,
        countyCode: row.countyCode,
      }
    },

    async listMatters(query: {
      within?: string
      state?: string
      category?: string
      limit: number
      after: string | null
    }): Promise<Page<Matter>> {
      const rows = await listMatters(db, query)
      return toPage(rows.map(toMatter), query.limit, (m) => m.id)
    },
  }
}
